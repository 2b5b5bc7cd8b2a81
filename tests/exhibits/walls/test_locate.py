"""寻找名字: characters, pinyin, initials, homophones; same names told apart; the API; nasty input."""

import pytest

from exhibits.walls.layout import compute_layout, ensure_current, state_token
from exhibits.walls.locate import locate

pytestmark = pytest.mark.django_db


@pytest.fixture
def wall(make_wall, person):
    person("张广义", year=1989, employer="东四修笔店")
    person("王伟", year=1989, employer="首钢集团")
    person("王伟", year=1995, employer="北京公交集团")
    person("曾晓岚", year=1995)
    person("孙泽洲", year=1995)
    person("欧阳修", year=1995)
    wall = make_wall(slug="finder", columns_per_panel=2, rows_per_column=2)
    compute_layout(wall)
    return wall


def found(wall, query) -> list[str]:
    result = locate(wall, query, state_token(ensure_current(wall)))
    return [match.placed.name for match in result.matches]


@pytest.mark.parametrize(
    "query",
    [
        "张广义",  # characters
        "張廣義",  # traditional characters
        "zhangguangyi",  # pinyin
        "Zhang Guangyi",  # pinyin with a space and capitals
        "zhāng guǎngyì",  # pinyin with tone marks
        "zgy",  # initials
        "张guangyi",  # mixed
        "张广意",  # homophone typo
        "章光义",  # homophone typo in two characters
        "zangguangyi",  # zh/z slip
        "  张广义  ",
    ],
)
def test_finds_a_name_however_it_is_typed(wall, query):
    assert found(wall, query)[0] == "张广义"


def test_surname_readings_count(wall):
    assert found(wall, "zengxiaolan") == ["曾晓岚"]  # 曾 as a surname is zēng, not céng
    assert found(wall, "ouyangxiu") == ["欧阳修"]


def test_exact_names_rank_before_partial_and_sound_matches(wall, person):
    person("王伟东", year=2000)
    compute_layout(wall)
    assert found(wall, "王伟") == ["王伟", "王伟", "王伟东"]


def test_same_names_are_told_apart_by_year_and_employer(wall, client):
    result = locate(wall, "王伟", state_token(ensure_current(wall)))
    assert result.same_names == {"王伟"}
    assert {(m.placed.year, m.placed.employer) for m in result.matches} == {(1989, "首钢集团"), (1995, "北京公交集团")}
    html = client.get(wall.url, {"q": "王伟"}).content.decode()
    assert html.count("同名，请按年份和单位区分") == 2
    assert "1989年 测试劳模 · 首钢集团" in html and "1995年 测试劳模 · 北京公交集团" in html


def test_a_second_word_narrows_by_employer_or_year(wall):
    result = locate(wall, "王伟 首钢", state_token(ensure_current(wall)))
    assert [m.placed.employer for m in result.matches] == ["首钢集团"]
    result = locate(wall, "王伟 1995", state_token(ensure_current(wall)))
    assert [m.placed.year for m in result.matches] == [1995]


def test_withdrawn_names_are_never_found(wall):
    from archive.models import Honoree

    token = state_token(ensure_current(wall))
    assert found(wall, "孙泽洲") == ["孙泽洲"]
    Honoree.objects.filter(name="孙泽洲").update(withdrawn=True)  # even without signals or a new layout
    assert locate(wall, "孙泽洲", token).matches == []


@pytest.mark.parametrize(
    "query", ["", "   ", "'; DROP TABLE archive_honoree; --", "*:*", "🙂", "a" * 500, "()[]{}\\", "李四"]
)
def test_nothing_or_nonsense_finds_nothing(wall, query):
    assert found(wall, query) == []


# --- API ---------------------------------------------------------------------------------------------------------


def test_api_lists_the_walls(client, wall):
    response = client.get("/api/walls/")
    assert response.status_code == 200
    walls = {item["slug"]: item for item in response.json()}
    assert walls["finder"]["names"] == 6 and walls["finder"]["panels"] == 2  # one per year: 1989, 1995
    assert walls["finder"]["url"].startswith("http://testserver/")
    assert walls["national"]["synthetic"] is False and walls["examples"]["synthetic"] is True


def test_api_locates_a_name(client, wall):
    response = client.get("/api/walls/finder/locate/", {"name": "zgy"})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    match = data["matches"][0]
    assert match["name"] == "张广义" and match["year"] == 1989 and match["employer"] == "东四修笔店"
    assert (match["panel"], match["column"], match["row"]) == (1, 1, 2)  # after 王伟 (王 4 strokes, 张 7)
    assert match["place"] == "第 1 块 · 第 1 列 · 第 2 行"
    assert match["url"] == f"http://testserver{wall.url}?panel=1&highlight={match['id']}#highlighted"
    assert match["entry_url"] == f"http://testserver/dictionary/{match['id']}/"
    assert match["honour"] == "测试劳模" and match["group"] == "1989年 测试劳模"
    assert response["Cache-Control"] == "public, max-age=300"


@pytest.mark.parametrize("name", ["", "🙂", "' OR 1=1 --", "<script>alert(1)</script>", "%", "x" * 200])
def test_api_answers_nonsense_with_an_empty_list(client, wall, name):
    response = client.get("/api/walls/finder/locate/", {"name": name})
    assert response.status_code == 200
    assert response.json()["matches"] == []


def test_api_refuses_bad_parameters_clearly(client, wall):
    response = client.get("/api/walls/finder/locate/", {"name": "王\x00伟"})
    assert response.status_code == 400
    assert response.json()["errors"]["name"] == "参数中不能含有空字符（%00）。"
    response = client.get("/api/walls/finder/locate/", {"name": "王" * 201})
    assert response.status_code == 400
    assert "最多 200 个字符" in response.json()["errors"]["name"]
    response = client.get("/api/walls/no-such-wall/locate/", {"name": "王伟"})
    assert response.status_code == 404
    assert response.json() == {"detail": "没有找到网址标识为 no-such-wall 的劳模墙。"}


def test_api_does_not_know_unpublished_walls(client, wall):
    wall.unpublish()
    assert client.get("/api/walls/finder/locate/", {"name": "王伟"}).status_code == 404
    assert "finder" not in {item["slug"] for item in client.get("/api/walls/").json()}
