"""A stand-in Elasticsearch 8 on loopback: records every HTTP request the real client sends and answers it.

The site's client talks to it over real HTTP (elasticsearch-py, elastic-transport, urllib3), so what is
recorded is what a cluster would receive: method, path, query string, headers and body. It keeps just enough
state to answer like a cluster — indexes, aliases, documents — and answers searches with responses a test
queues, taken from Elasticsearch's documentation (tests/search/wire/responses/).
"""

import fnmatch
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

RESPONSES = Path(__file__).parent / "responses"
HEADERS = {
    "X-Elastic-Product": "Elasticsearch",  # the client refuses to talk to a server that does not say it
    "Content-Type": "application/vnd.elasticsearch+json;compatible-with=8",
}


def documented(name: str) -> dict:
    """A response from the documentation, as stored in responses/<name>.json (its "response" part)."""
    return json.loads((RESPONSES / f"{name}.json").read_text())["response"]


@dataclass
class Request:
    method: str
    raw_path: str  # as sent, percent-encoded
    query: dict[str, str]
    headers: dict[str, str]  # names in lower case
    body: bytes

    @property
    def path(self) -> str:
        return unquote(self.raw_path)

    @property
    def segments(self) -> list[str]:
        return [unquote(part) for part in self.raw_path.strip("/").split("/")]

    def json(self):
        return json.loads(self.body) if self.body else None

    def ndjson(self) -> list[dict]:
        return [json.loads(line) for line in self.body.decode().splitlines() if line.strip()]


@dataclass
class Reply:
    method: str
    path: re.Pattern
    status: int
    body: dict | None
    times: int
    delay: float = 0.0
    when: Callable[[Request], bool] | None = None
    canned: bool = True  # False: answer as the stand-in would, only later (a slow cluster)

    def matches(self, request: Request) -> bool:
        return (
            self.times > 0
            and self.method == request.method
            and bool(self.path.search(request.path))
            and (self.when is None or self.when(request))
        )


@dataclass
class State:
    aliases: dict[str, set[str]] = field(default_factory=dict)  # index → its aliases
    documents: dict[str, dict[str, dict]] = field(default_factory=dict)  # index → id → source


def error(status: int, kind: str, reason: str) -> tuple[int, dict]:
    return status, {
        "error": {"root_cause": [{"type": kind, "reason": reason}], "type": kind, "reason": reason},
        "status": status,
    }


class Cluster:
    def __init__(self):
        self.requests: list[Request] = []
        self.state = State()
        self._replies: list[Reply] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> "Cluster":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # --- what a test sets up ------------------------------------------------------------------------
    def reply(self, method: str, path: str, body: dict | None, status: int = 200, times: int = 1, when=None) -> None:
        """Answer the next `times` requests matching method, path (a regular expression) and `when(request)`
        with this body instead of the stand-in's own answer."""
        self._replies.append(Reply(method, re.compile(path), status, body, times, when=when))

    def slow(self, method: str, path: str, seconds: float, times: int = 1) -> None:
        """Answer as usual, but only after `seconds` (a busy master node, say)."""
        self._replies.append(Reply(method, re.compile(path), 200, None, times, delay=seconds, canned=False))

    def add_index(self, index: str, *aliases: str, documents: dict[str, dict] | None = None) -> None:
        self.state.aliases[index] = set(aliases)
        self.state.documents[index] = dict(documents or {})

    def documents_behind(self, alias: str) -> dict[str, dict]:
        (index,) = self._resolve(alias)
        return self.state.documents[index]

    def sent(self, method: str | None = None, path: str = "") -> list[Request]:
        """The requests recorded so far, or those with this method whose path matches the regular expression."""
        return [r for r in self.requests if (method is None or r.method == method) and re.search(path, r.path)]

    # --- answering ----------------------------------------------------------------------------------
    def _handler(self):
        cluster = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as a cluster does

            def log_message(self, *args):
                pass

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                parts = urlsplit(self.path)
                request = Request(
                    self.command,
                    parts.path,
                    dict(parse_qsl(parts.query, keep_blank_values=True)),
                    {name.lower(): value for name, value in self.headers.items()},
                    self.rfile.read(length) if length else b"",
                )
                status, body = cluster._answer(request)
                payload = b"" if body is None or self.command == "HEAD" else json.dumps(body).encode()
                self.send_response(status)
                for name, value in HEADERS.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _serve

        return Handler

    def _answer(self, request: Request) -> tuple[int, dict | None]:
        with self._lock:
            self.requests.append(request)
            reply = next((r for r in self._replies if r.matches(request)), None)
            if reply is not None:
                reply.times -= 1
        if reply is not None:
            time.sleep(reply.delay)
            if reply.canned:
                return reply.status, reply.body
        with self._lock:
            return self._default(request)

    def _resolve(self, name: str) -> list[str]:
        """The concrete indexes a name (an index, an alias or a pattern) stands for."""
        return sorted(
            index
            for index, aliases in self.state.aliases.items()
            if fnmatch.fnmatchcase(index, name) or name in aliases
        )

    def _default(self, request: Request) -> tuple[int, dict | None]:
        method, segments, state = request.method, request.segments, self.state
        first, last = segments[0], segments[-1]
        if method == "HEAD" and first == "_alias":
            found = any(segments[1] in aliases for aliases in state.aliases.values())
            return (200 if found else 404), None
        if method == "GET" and "_alias" in segments:
            if first == "_alias":
                behind = {i: {"aliases": {segments[1]: {}}} for i, a in state.aliases.items() if segments[1] in a}
                return (
                    (200, behind)
                    if behind
                    else error(404, "aliases_not_found_exception", f"aliases [{segments[1]}] missing")
                )
            return 200, {i: {"aliases": {a: {} for a in state.aliases[i]}} for i in self._resolve(first)}
        if method == "POST" and first == "_aliases":
            return self._update_aliases(request.json()["actions"])
        if first == "_search" and last == "scroll":
            return (200, {"succeeded": True, "num_freed": 1}) if method == "DELETE" else (200, self._scroll_page([]))
        if last == "_bulk":
            return self._bulk(request)
        if len(segments) == 1:
            return self._index_api(method, first, request)
        if segments[1] == "_doc":
            return self._document(method, first, segments[2], request)
        if last == "_refresh":
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if last == "_delete_by_query":
            return self._delete_by_query(first, (request.json() or {}).get("query", {"match_all": {}}))
        if last == "_search":
            if "scroll" in request.query:
                hits = [
                    {"_index": i, "_id": k, "_score": None, "_source": s}
                    for i in self._resolve(first)
                    for k, s in state.documents[i].items()
                ]
                return 200, self._scroll_page(hits)
            body = request.json() or {}
            return 200, {**documented("search-nothing-found"), **self._empty_aggregations(body)}
        if last == "_count":
            return 200, {"count": 0, "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0}}
        return error(400, "illegal_argument_exception", f"the stand-in does not know {method} {request.path}")

    def _index_api(self, method: str, name: str, request: Request) -> tuple[int, dict | None]:
        state = self.state
        if method == "HEAD":
            return (200 if self._resolve(name) else 404), None
        if method == "PUT":
            if name in state.aliases:
                return error(400, "resource_already_exists_exception", f"index [{name}] already exists")
            self.add_index(name)
            return 200, {"acknowledged": True, "shards_acknowledged": True, "index": name}
        if method == "DELETE":
            if name not in state.aliases:
                return error(404, "index_not_found_exception", f"no such index [{name}]")
            del state.aliases[name], state.documents[name]
            return 200, {"acknowledged": True}
        return error(400, "illegal_argument_exception", f"{method} /{name}")

    def _update_aliases(self, actions: list[dict]) -> tuple[int, dict]:
        for action in actions:
            ((kind, spec),) = action.items()
            if kind == "add":
                self.state.aliases[spec["index"]].add(spec["alias"])
            elif kind == "remove":
                self.state.aliases[spec["index"]].discard(spec["alias"])
            else:
                del self.state.aliases[spec["index"]], self.state.documents[spec["index"]]
        return 200, {"acknowledged": True}

    def _target(self, name: str, require_alias: bool) -> str | None:
        if require_alias and not any(name in aliases for aliases in self.state.aliases.values()):
            return None
        indexes = self._resolve(name)
        return indexes[0] if len(indexes) == 1 else None

    def _document(self, method: str, name: str, key: str, request: Request) -> tuple[int, dict]:
        index = self._target(name, request.query.get("require_alias") == "true")
        if index is None:
            return error(404, "index_not_found_exception", f"no such index [{name}] and [require_alias] is [true]")
        if method == "DELETE":
            found = self.state.documents[index].pop(key, None) is not None
            return (200 if found else 404), self._item(index, key, "deleted" if found else "not_found")
        created = key not in self.state.documents[index]
        self.state.documents[index][key] = request.json()
        return (201 if created else 200), self._item(index, key, "created" if created else "updated")

    def _bulk(self, request: Request) -> tuple[int, dict]:
        lines, items = request.ndjson(), []
        require_alias = request.query.get("require_alias") == "true"
        while lines:
            ((kind, meta),) = lines.pop(0).items()
            index = self._target(meta["_index"], require_alias or meta.get("require_alias", False))
            if kind == "index":
                source = lines.pop(0)
                if index is None:
                    items.append(
                        {
                            kind: {
                                "_index": meta["_index"],
                                "_id": meta["_id"],
                                "status": 404,
                                "error": error(404, "index_not_found_exception", "no such index")[1]["error"],
                            }
                        }
                    )
                    continue
                created = meta["_id"] not in self.state.documents[index]
                self.state.documents[index][meta["_id"]] = source
                items.append(
                    {
                        kind: {
                            **self._item(index, meta["_id"], "created" if created else "updated"),
                            "status": 201 if created else 200,
                        }
                    }
                )
            else:
                found = index is not None and self.state.documents[index].pop(meta["_id"], None) is not None
                items.append(
                    {
                        kind: {
                            **self._item(index or meta["_index"], meta["_id"], "deleted" if found else "not_found"),
                            "status": 200 if found else 404,
                        }
                    }
                )
        return 200, {"took": 3, "errors": any("error" in next(iter(i.values())) for i in items), "items": items}

    def _delete_by_query(self, name: str, query: dict) -> tuple[int, dict]:
        """Deletes what the query matches, for the queries the engine sends here (bool of term and ids)."""
        deleted = 0
        for index in self._resolve(name):
            documents = self.state.documents[index]
            for key in [key for key, source in documents.items() if _matches(query, key, source)]:
                del documents[key]
                deleted += 1
        return 200, {
            "took": 2,
            "timed_out": False,
            "total": deleted,
            "deleted": deleted,
            "batches": 1 if deleted else 0,
            "version_conflicts": 0,
            "noops": 0,
            "retries": {"bulk": 0, "search": 0},
            "throttled_millis": 0,
            "requests_per_second": -1.0,
            "throttled_until_millis": 0,
            "failures": [],
        }

    @classmethod
    def _empty_aggregations(cls, body: dict) -> dict:
        """What a cluster answers for the aggregations asked when nothing matched: each one there, empty."""

        def empty(agg: dict) -> dict:
            if "terms" in agg:
                return {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0, "buckets": []}
            return {"doc_count": 0, **{name: empty(sub) for name, sub in agg.get("aggs", {}).items()}}

        aggs = body.get("aggs") or body.get("aggregations")
        return {"aggregations": {name: empty(agg) for name, agg in aggs.items()}} if aggs else {}

    @staticmethod
    def _item(index: str, key: str, result: str) -> dict:
        """An index/delete answer shaped as the documentation's IndexResponseExample1 / DeleteResponseExample1."""
        return {
            "_index": index,
            "_id": key,
            "_version": 1,
            "result": result,
            "_shards": {"total": 1, "successful": 1, "failed": 0},
            "_seq_no": 0,
            "_primary_term": 1,
        }

    @staticmethod
    def _scroll_page(hits: list[dict]) -> dict:
        return {
            "_scroll_id": "DXF1ZXJ5QW5kRmV0Y2gBAAAAAAAAAD4WYm9laVYtZndUQlNsdDcwakFMNjU1QQ==",
            "took": 1,
            "timed_out": False,
            "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
            "hits": {"total": {"value": len(hits), "relation": "eq"}, "max_score": None, "hits": hits},
        }


def _matches(query: dict, key: str, source: dict) -> bool:
    """A stored document against the few query shapes the engine's deletes use."""
    ((kind, spec),) = query.items()
    if kind == "match_all":
        return True
    if kind == "ids":
        return key in spec["values"]
    if kind == "term":
        ((field, wanted),) = spec.items()
        wanted = wanted["value"] if isinstance(wanted, dict) else wanted
        return source.get(field) == wanted
    if kind == "bool":
        return all(_matches(q, key, source) for q in spec.get("filter", []) + spec.get("must", [])) and not any(
            _matches(q, key, source) for q in spec.get("must_not", [])
        )
    raise ValueError(f"the stand-in cannot evaluate a {kind} query")
