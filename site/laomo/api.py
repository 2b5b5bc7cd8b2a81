"""The public read-only JSON API at /api/ (docs at /api/docs, schema at /api/openapi.json). No auth: GET only."""

import re
from functools import lru_cache, wraps

from django.core.exceptions import SuspiciousOperation

from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer

from archive.api import PARAMETER_MESSAGES
from archive.api import router as archive_router
from core.visitor_cache import mark_for_visitors
from search.api import router as search_router


class ReadableJSONRenderer(JSONRenderer):
    # Chinese text as itself rather than \uXXXX escapes: half the size and readable with curl.
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="劳模数字展馆 开放接口",
    version="1",
    description=(
        "北京劳动模范与先进集体档案的只读接口。只提供已发布、未撤下的公开条目；"
        "名录的筛选参数与劳模辞典页面相同。所有接口只接受 GET，无需登录。"
    ),
    urls_namespace="api",
    renderer=ReadableJSONRenderer(),
)
# Search first: its /honorees/search/ must win over the archive's /honorees/{id}/.
api.add_router("", search_router)
api.add_router("", archive_router)
api.add_router("", "exhibits.walls.api.router")  # 劳模墙: /api/walls/


def cache_publicly(run):
    """Successful answers follow the site's visitor cache rule (core/visitor_cache.py); errors are not cached."""

    @wraps(run)
    def wrapper(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200:
            mark_for_visitors(request, response)
        return response

    return wrapper


api.add_decorator(cache_publicly, mode="view")


def _message(name: str, error: dict) -> str:
    if error["type"] == "string_too_long":
        return f"参数过长：最多 {error['ctx']['max_length']} 个字符。"
    if error["type"] == "nul_character":  # raised with a Chinese message by our own validators
        return error["msg"]
    return PARAMETER_MESSAGES.get(name, "参数格式不正确。")


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    """ninja answers bad parameters with 422 and English pydantic messages; we answer 400 in Chinese."""
    errors = {}
    for error in exc.errors:
        name = str(error["loc"][-1]) if error.get("loc") else "参数"
        errors.setdefault(name, _message(name, error))
    return api.create_response(request, {"detail": "参数有误", "errors": errors}, status=400)


@api.exception_handler(SuspiciousOperation)
def suspicious_request(request, exc):
    """Django answers these (e.g. over 10,000 parameters) with 400 only when DEBUG is off; ninja would show a 500."""
    return api.create_response(request, {"detail": "请求不合规范（例如参数过多），已拒绝。"}, status=400)


@lru_cache(maxsize=1)
def _declared_parameters() -> list[tuple[re.Pattern, frozenset[str]]]:
    """Each GET operation's path (as a pattern) and the query parameters its schema declares."""
    operations = []
    for template, methods in api.get_openapi_schema()["paths"].items():
        get = methods.get("get")
        if get is None:
            continue
        names = frozenset(p["name"] for p in get.get("parameters", []) if p.get("in") == "query")
        pattern = re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$")
        operations.append((template.count("{"), pattern, names))
    # A fixed path before a pattern that would also match it: /api/honorees/search/ is not honoree "search".
    return [(pattern, names) for _, pattern, names in sorted(operations, key=lambda operation: operation[0])]


def declared_query_parameters(path: str) -> frozenset[str] | None:
    """The query parameters the API operation at this path reads, or None when no operation answers it.

    django-ninja reads the whole query string, so the page cache cannot learn this by watching (core.pagecache):
    it asks here, and drops any other parameter before the API sees it."""
    if not path.startswith("/api/"):
        return None
    for pattern, names in _declared_parameters():
        if pattern.match(path):
            return names
    return None
