"""The read-only JSON API under /api/: shape, filters, order, privacy, error messages and hostile input."""

import json

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from archive.models import Award, District, Honoree, Honour, Industry
from media.models import SiteImage

pytestmark = pytest.mark.django_db

LIST_ENDPOINTS = ["/api/honorees/", "/api/honours/", "/api/districts/", "/api/industries/", "/api/statistics/"]
ALL_ENDPOINTS = [*LIST_ENDPOINTS, "/api/honorees/SRC-0001/"]

HONOREE_FIELDS = {
    "id",
    "name",
    "kind",
    "url",
    "honors",
    "pinyin",
    "pinyin_display",
    "initials",
    "surname",
    "surname_strokes",
    "gender",
    "ethnicity",
    "birth_year",
    "death_year",
    "native_place",
    "employer",
    "title",
    "industry",
    "district",
    "biography",
    "photo",
    "synthetic",
    "updated_at",
}
PRIVATE_NAMES = ("contact_info", "health_notes", "archivist_notes", "withdrawn", "withdrawn_reason", "is_synthetic")
SECRETS = {
    "contact_info": "API-SECRET-CONTACT 电话13912345678",
    "health_notes": "API-SECRET-HEALTH 疗养记录壬癸",
    "archivist_notes": "API-SECRET-NOTE 档案备注子丑",
    "withdrawn_reason": "API-SECRET-REASON 家属要求寅卯",
}


@pytest.fixture(autouse=True)
def fresh_cache():
    # Counts are cached per data version, and the version survives the rollback between tests.
    cache.clear()


def make_honoree(external_id, name, *, awards=(), **fields):
    honoree = Honoree(external_id=external_id, name=name, live=True, **fields)
    honoree.save()
    for year, honour_name in awards:
        Award.objects.create(honoree=honoree, honour=Honour.objects.get(name=honour_name), year=year)
    return honoree


@pytest.fixture
def worker():
    return make_honoree(
        "T-API-1",
        "辛勤耕",
        gender="male",
        ethnicity="回族",
        birth_year=1931,
        employer="北京测试机床厂",
        title="钳工",
        biography="在车间里干了四十年的钳工。",
        district=District.objects.get(name="海淀区"),
        industry=Industry.objects.get(name="工业制造"),
        photo=SiteImage.objects.first(),
        awards=[(1956, "北京市劳动模范"), (1989, "全国劳动模范")],
        **SECRETS,
    )


@pytest.fixture
def team():
    return make_honoree(
        "T-API-2",
        "北京测试公交车队",
        kind="collective",
        district=District.objects.get(name="朝阳区"),
        industry=Industry.objects.get(name="交通运输"),
        awards=[(1977, "北京市模范集体")],
    )


def public_ids_in_dictionary_order():
    return list(Honoree.objects.public().in_dictionary_order().values_list("external_id", flat=True))


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


# --- the list ------------------------------------------------------------


def test_list_shape_counts_and_dictionary_order(client, worker, team):
    body = get_json(client, "/api/honorees/")
    expected = public_ids_in_dictionary_order()
    assert set(body) == {"count", "page", "page_size", "num_pages", "next", "previous", "results"}
    assert body["count"] == len(expected) == 10
    assert (body["page"], body["page_size"], body["num_pages"]) == (1, 20, 1)
    assert body["next"] is None and body["previous"] is None
    assert [item["id"] for item in body["results"]] == expected
    assert all(set(item) == HONOREE_FIELDS for item in body["results"])


def test_pagination_links_are_absolute_and_keep_the_filters(client, worker, team):
    for n in range(5):
        make_honoree(f"T-API-P{n}", f"辛测{'一二三四五'[n]}")
    same_strokes = [
        i for i in public_ids_in_dictionary_order() if Honoree.objects.get(external_id=i).surname_strokes == 7
    ]
    assert len(same_strokes) == 8  # 6 辛… plus 张广义 and 陈历俊

    first = get_json(client, "/api/honorees/?strokes=7&page_size=3")
    assert (first["count"], first["num_pages"]) == (8, 3)
    assert [item["id"] for item in first["results"]] == same_strokes[:3]
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/honorees/?strokes=7&page_size=3&page=2"

    second = get_json(client, first["next"])
    assert [item["id"] for item in second["results"]] == same_strokes[3:6]
    assert second["previous"] == "http://testserver/api/honorees/?strokes=7&page_size=3&page=1"

    last = get_json(client, second["next"])
    assert [item["id"] for item in last["results"]] == same_strokes[6:]
    assert last["next"] is None

    out_of_range = get_json(client, "/api/honorees/?strokes=7&page_size=3&page=4", status=404)
    assert out_of_range == {"detail": "页码超出范围"}


def test_default_page_size_is_left_out_of_links(client):
    for n in range(21):
        make_honoree(f"T-API-D{n:02}", f"丁测{n}")
    body = get_json(client, "/api/honorees/?letter=d")
    assert len(body["results"]) == 20
    assert body["next"] == "http://testserver/api/honorees/?letter=D&page=2"


def test_empty_result_is_one_empty_page(client):
    body = get_json(client, "/api/honorees/?strokes=64")
    assert (body["count"], body["num_pages"], body["results"]) == (0, 1, [])
    assert get_json(client, "/api/honorees/?strokes=64&page=2", status=404) == {"detail": "页码超出范围"}


@pytest.mark.parametrize(
    "query, included, excluded",
    [
        ("strokes=7", {"T-API-1", "SRC-0001", "SRC-0006"}, {"T-API-2", "SRC-0002"}),
        ("letter=x", {"T-API-1"}, {"T-API-2", "SRC-0001"}),
        ("honour=quan-guo-lao-dong-mo-fan", {"T-API-1", "SRC-0002"}, {"T-API-2", "SRC-0001"}),
        ("level=national", {"T-API-1", "SRC-0002"}, {"T-API-2", "SRC-0003"}),
        ("decade=1950", {"T-API-1"}, {"T-API-2", "SRC-0002"}),
        ("year=1977", {"T-API-2"}, {"T-API-1"}),
        ("district=hai-dian-qu", {"T-API-1"}, {"T-API-2", "SRC-0001"}),
        ("industry=jiao-tong-yun-shu", {"T-API-2"}, {"T-API-1"}),
        ("kind=collective", {"T-API-2"}, {"T-API-1", "SRC-0001"}),
        ("kind=person", {"T-API-1", "SRC-0001"}, {"T-API-2"}),
        ("kind=person&decade=1980&district=hai-dian-qu", {"T-API-1"}, {"T-API-2", "SRC-0002"}),
    ],
)
def test_filters(client, worker, team, query, included, excluded):
    body = get_json(client, f"/api/honorees/?{query}&page_size=100")
    ids = [item["id"] for item in body["results"]]
    assert included <= set(ids)
    assert not excluded & set(ids)
    assert body["count"] == len(ids)
    assert ids == [i for i in public_ids_in_dictionary_order() if i in ids]


def test_filters_hold_for_every_result(client, worker, team):
    for item in get_json(client, "/api/honorees/?strokes=7&page_size=100")["results"]:
        assert item["surname_strokes"] == 7
    for item in get_json(client, "/api/honorees/?decade=1950&page_size=100")["results"]:
        assert any(h["year"] and 1950 <= h["year"] < 1960 for h in item["honors"])
    for item in get_json(client, "/api/honorees/?district=chao-yang-qu&page_size=100")["results"]:
        assert item["district"] == "朝阳区"


# --- one record ----------------------------------------------------------


def test_detail_by_external_id(client, worker):
    body = get_json(client, "/api/honorees/T-API-1/")
    assert set(body) == HONOREE_FIELDS
    assert body["id"] == "T-API-1"
    assert body["name"] == "辛勤耕" and body["kind"] == "person"
    assert body["url"] == "http://testserver/dictionary/T-API-1/"
    assert body["honors"] == [
        {"year": 1956, "honor": "北京市劳动模范", "level": "municipal"},
        {"year": 1989, "honor": "全国劳动模范", "level": "national"},
    ]
    assert (body["pinyin"], body["pinyin_display"], body["initials"]) == ("xin qin geng", "Xīn Qíngēng", "xqg")
    assert (body["surname"], body["surname_strokes"]) == ("辛", 7)
    assert (body["gender"], body["ethnicity"], body["birth_year"], body["death_year"]) == ("male", "回族", 1931, None)
    assert (body["employer"], body["title"]) == ("北京测试机床厂", "钳工")
    assert (body["industry"], body["district"]) == ("工业制造", "海淀区")
    assert body["biography"] == "在车间里干了四十年的钳工。"
    assert body["photo"].startswith("http://testserver/uploads/images/") and ".fill-300x400" in body["photo"]
    assert body["synthetic"] is False
    assert body["updated_at"].startswith(str(worker.updated_at.year))


def test_detail_of_a_collective_without_photo_or_gender(client, team):
    body = get_json(client, "/api/honorees/T-API-2/")
    assert (body["kind"], body["gender"], body["photo"], body["surname"]) == ("collective", None, None, "")


def test_synthetic_records_are_labelled(client):
    make_honoree("SYN-T-1", "丁示例", is_synthetic=True)
    assert get_json(client, "/api/honorees/SYN-T-1/")["synthetic"] is True


def test_detail_is_by_external_id_never_by_database_key(client, worker):
    body = get_json(client, f"/api/honorees/{worker.pk}/", status=404)
    assert body == {"detail": f"没有找到编号为 {worker.pk} 的公开条目。"}


def test_unknown_id_is_a_chinese_404(client):
    assert get_json(client, "/api/honorees/NO-SUCH-1/", status=404) == {
        "detail": "没有找到编号为 NO-SUCH-1 的公开条目。"
    }


# --- only public records -------------------------------------------------


@pytest.mark.parametrize("change", [{"withdrawn": True}, {"live": False}])
def test_withdrawn_and_unpublished_records_are_absent_everywhere(client, worker, change):
    def counts():
        honours = {row["name"]: row["count"] for row in get_json(client, "/api/honours/")}
        districts = {row["name"]: row["count"] for row in get_json(client, "/api/districts/")}
        industries = {row["name"]: row["count"] for row in get_json(client, "/api/industries/")}
        return {
            "list": get_json(client, "/api/honorees/")["count"],
            "filtered": get_json(client, "/api/honorees/?district=hai-dian-qu")["count"],
            "honour": honours["全国劳动模范"],
            "district": districts["海淀区"],
            "industry": industries["工业制造"],
            "total": get_json(client, "/api/statistics/")["total"][0]["count"],
        }

    before = counts()
    assert "T-API-1" in [item["id"] for item in get_json(client, "/api/honorees/")["results"]]
    for field, value in change.items():
        setattr(worker, field, value)
    worker.save()

    after = counts()
    assert after == {name: count - 1 for name, count in before.items()}
    assert "T-API-1" not in [item["id"] for item in get_json(client, "/api/honorees/?page_size=100")["results"]]
    body = get_json(client, "/api/honorees/T-API-1/", status=404)
    assert body == {"detail": "没有找到编号为 T-API-1 的公开条目。"}


def test_private_fields_never_appear_in_any_response(client, worker, team):
    from laomo.demo.people import SOURCE_NOTE

    bodies = [
        client.get(url).content.decode()
        for url in [
            *LIST_ENDPOINTS,
            "/api/honorees/?page_size=100",
            "/api/honorees/?district=hai-dian-qu",
            "/api/honorees/T-API-1/",
            "/api/honorees/SRC-0001/",
            "/api/openapi.json",
        ]
    ]
    # Chinese is sent unescaped, so searching the raw body for the secrets is meaningful.
    assert "辛勤耕" in bodies[0 + len(LIST_ENDPOINTS)] and "张广义" in bodies[-2]
    for body in bodies:
        for secret in [*SECRETS.values(), SOURCE_NOTE]:
            assert secret not in body
            assert secret.split()[0] not in body
        for name in PRIVATE_NAMES:
            assert f'"{name}"' not in body


def test_openapi_honoree_schema_lists_only_public_fields(client):
    schemas = get_json(client, "/api/openapi.json")["components"]["schemas"]
    assert set(schemas["HonoreeOut"]["properties"]) == HONOREE_FIELDS


# --- errors --------------------------------------------------------------


@pytest.mark.parametrize(
    "query, name, message",
    [
        ("letter=AB", "letter", "拼音首字母应为 A–Z 中的一个字母。"),
        ("letter=中", "letter", "拼音首字母应为 A–Z 中的一个字母。"),
        ("strokes=abc", "strokes", "姓氏笔画应为 1 到 64 之间的整数。"),
        ("strokes=65", "strokes", "姓氏笔画应为 1 到 64 之间的整数。"),
        ("strokes=%C2%B2", "strokes", "姓氏笔画应为 1 到 64 之间的整数。"),  # "²": isdigit() but not int()
        ("decade=1955", "decade", "年代应写作 1950、1960 这样的四位年份。"),
        ("decade=50", "decade", "年代应写作 1950、1960 这样的四位年份。"),
        ("year=1900", "year", "年份应在 1949 到 2100 之间。"),
        ("year=%E2%91%A0", "year", "年份应在 1949 到 2100 之间。"),  # "①"
        ("honour=no-such-honour", "honour", "没有找到这个荣誉：no-such-honour"),
        ("district=atlantis", "district", "没有找到这个所属区：atlantis"),
        ("industry=piracy", "industry", "没有找到这个行业：piracy"),
        ("level=galactic", "level", "级别应为 national（全国）、municipal（北京市）或 sector（系统/行业）。"),
        ("kind=robot", "kind", "类别应为 person（个人）或 collective（集体）。"),
        ("page=0", "page", "页码应为正整数。"),
        ("page=-1", "page", "页码应为正整数。"),
        ("page=abc", "page", "页码应为正整数。"),
        ("page=", "page", "页码应为正整数。"),
        ("page_size=0", "page_size", "每页条数应为 1 到 100 之间的整数。"),
        ("page_size=101", "page_size", "每页条数应为 1 到 100 之间的整数。"),
        ("page_size=ten", "page_size", "每页条数应为 1 到 100 之间的整数。"),
        ("letter=" + "A" * 101, "letter", "参数过长：最多 100 个字符。"),
        ("honour=a%00b", "honour", "参数中不能含有空字符（%00）。"),
    ],
)
def test_bad_parameters_get_400_with_a_chinese_message(client, query, name, message):
    response = client.get(f"/api/honorees/?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "参数有误"
    assert body["errors"] == {name: message}
    assert "Cache-Control" not in response


def test_every_bad_filter_is_reported_at_once(client):
    body = get_json(client, "/api/honorees/?strokes=0&kind=robot&district=atlantis", status=400)
    assert set(body["errors"]) == {"strokes", "kind", "district"}


NASTY_QUERIES = [
    "letter=" + "A" * 10_000,
    "strokes=" + "9" * 5_000,
    "page=" + "9" * 5_000,
    "page_size=" + "9" * 5_000,
    "page=99999999999999999999999999",
    "honour=%00",
    "district=a%00b",
    "letter=%00",
    "page=1%00",
    "page=%00",
    "letter=%F0%9F%98%80",
    "honour=%F0%9F%92%A9%F0%9F%92%A9",
    "kind=%E2%9C%8A%F0%9F%8F%BD",
    "district=%27%20OR%201%3D1%20--",
    "industry=1%3BDROP%20TABLE%20archive_honoree",
    "honour=name%3A(foo%20AND%20bar)~2%5E3",
    "letter=*",
    "letter=%25",
    "strokes=%C2%B2",
    "decade=%E2%91%A0",
    "year=%D9%A3%D9%A4%D9%A5%D9%A6",
    "strokes=%EF%BC%97",
    "page=1&page=2",
    "strokes=7&strokes=abc",
    "letter[]=A",
    "page=-1",
    "page=1e3",
    "page=0x10",
    "page=%201",
    "page_size=1.5",
    "letter=%FF%FE",
    "honour=%ED%A0%80",
    "q=%22%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "&&&===&",
]


@pytest.mark.parametrize("url", LIST_ENDPOINTS)
@pytest.mark.parametrize("query", NASTY_QUERIES)
def test_nasty_input_never_breaks_a_list(client, url, query):
    response = client.get(f"{url}?{query}")
    assert response.status_code in (200, 400, 404), response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    json.loads(response.content)


@pytest.mark.parametrize(
    "external_id",
    [
        "%00",
        "SRC-0001%00",
        "A" * 5_000,
        "%F0%9F%98%80",
        "%27%20OR%201%3D1%20--",
        "*",
        "SRC-*",
        "%FF%FE",
        "..",
    ],
)
def test_nasty_ids_are_404(client, external_id):
    response = client.get(f"/api/honorees/{external_id}/")
    if "%00" in external_id:  # a NUL in the path is refused before routing (core.middleware)
        assert response.status_code == 400
        return
    assert response.status_code == 404
    assert response.json()["detail"].startswith("没有找到编号为")


def test_too_many_parameters_is_refused_without_a_server_error(client):
    response = client.get("/api/honorees/?" + "&".join(f"x{i}=1" for i in range(10_001)))
    assert response.status_code == 400
    assert response.json() == {"detail": "请求不合规范（例如参数过多），已拒绝。"}


@pytest.mark.parametrize("url", ALL_ENDPOINTS)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_only_get_is_allowed(client, url, method):
    response = getattr(client, method)(url, data="{}", content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET"


# --- the rest --------------------------------------------------------------


@pytest.mark.parametrize("url", ALL_ENDPOINTS)
def test_successful_answers_are_cacheable_for_five_minutes(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert sorted(response["Cache-Control"].split(", ")) == ["max-age=300", "public"]


def test_errors_are_not_cached(client):
    assert "Cache-Control" not in client.get("/api/honorees/NO-SUCH-1/")
    assert "Cache-Control" not in client.get("/api/honorees/?page=999")


def test_taxonomies_with_public_counts(client, worker, team):
    honours = get_json(client, "/api/honours/")
    assert [row["name"] for row in honours] == list(
        Honour.objects.order_by("sort_order", "name").values_list("name", flat=True)
    )
    national = next(row for row in honours if row["slug"] == "quan-guo-lao-dong-mo-fan")
    assert national == {
        "slug": "quan-guo-lao-dong-mo-fan",
        "name": "全国劳动模范",
        "level": "national",
        "for_kind": "person",
        "count": 2,  # 王月鹏 and 辛勤耕
    }
    districts = {row["slug"]: row for row in get_json(client, "/api/districts/")}
    assert districts["hai-dian-qu"] == {"slug": "hai-dian-qu", "name": "海淀区", "count": 1, "is_current": True}
    assert districts["xuan-wu-qu"]["is_current"] is False
    industries = {row["slug"]: row for row in get_json(client, "/api/industries/")}
    assert industries["jiao-tong-yun-shu"] == {"slug": "jiao-tong-yun-shu", "name": "交通运输", "count": 1}


def test_statistics_match_the_statistics_page_figures(client, worker):
    from archive.statistics import compute_statistics

    assert get_json(client, "/api/statistics/") == compute_statistics()


def test_openapi_documents_every_endpoint_in_chinese(client):
    schema = get_json(client, "/api/openapi.json")
    assert schema["info"]["title"] == "劳模数字展馆 开放接口"
    assert schema["info"]["version"] == "1"
    assert {"/api/honorees/", "/api/honorees/{id}/"} <= set(schema["paths"])
    other_apps = {
        "/api/honorees/search/",
        "/api/search/",
        "/api/search/suggest/",
        "/api/walls/",
        "/api/walls/{slug}/locate/",
    }
    assert set(schema["paths"]) == {f"{url}" for url in LIST_ENDPOINTS} | {"/api/honorees/{id}/"} | other_apps
    for path, operations in schema["paths"].items():
        assert set(operations) == {"get"}, path
        operation = operations["get"]
        assert any("\u4e00" <= char <= "\u9fff" for char in operation["summary"]), path
        assert any("\u4e00" <= char <= "\u9fff" for char in operation["description"]), path
        assert "200" in operation["responses"], path
    list_operation = schema["paths"]["/api/honorees/"]["get"]
    parameters = {p["name"] for p in list_operation["parameters"]}
    assert parameters == {"letter", "strokes", "honour", "level", "decade", "year", "district", "industry", "kind"} | {
        "page",
        "page_size",
    }
    assert {"400", "404"} <= set(list_operation["responses"])
    assert "404" in schema["paths"]["/api/honorees/{id}/"]["get"]["responses"]


def test_docs_page_is_served(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert "劳模数字展馆 开放接口" in response.content.decode()


def test_list_costs_the_same_few_queries_whatever_the_page_size(client, django_assert_max_num_queries):
    photo = SiteImage.objects.first()
    for n in range(40):
        make_honoree(
            f"T-API-Q{n:02}",
            f"钱测{n}",
            photo=photo,
            district=District.objects.get(name="海淀区"),
            industry=Industry.objects.get(name="工业制造"),
            awards=[(1956, "北京市劳动模范"), (1989, "全国劳动模范")],
        )
    client.get("/api/honorees/?page_size=40&district=hai-dian-qu")  # makes the photo rendition once

    def queries(url):
        cache.clear()  # so neither request finds the other's cached count
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert queries("/api/honorees/?page_size=2&district=hai-dian-qu&industry=gong-ye-zhi-zao") == queries(
        "/api/honorees/?page_size=40&district=hai-dian-qu&industry=gong-ye-zhi-zao"
    )
    with django_assert_max_num_queries(9):
        body = client.get("/api/honorees/?page_size=100&honour=quan-guo-lao-dong-mo-fan&district=hai-dian-qu").json()
    assert len(body["results"]) == 40
    assert all(item["photo"] and len(item["honors"]) == 2 for item in body["results"])
