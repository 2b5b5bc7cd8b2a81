"""The specification check is not vacuous: requests Elasticsearch 8 would refuse are caught, valid ones pass."""

import json

import pytest

from .cluster import Request
from .spec import specification, violations


def request(method: str, path: str, body=None, **query) -> Request:
    data = json.dumps(body).encode() if body is not None else b""
    return Request(method, path, query, {}, data)


def test_the_specification_names_its_source():
    assert "elastic/elasticsearch-specification" in specification()["$comment"]
    assert "fc86362a50ebc805f2b2f545cd8d0f91f120100f" in specification()["$comment"]


@pytest.mark.parametrize(
    "bad",
    [
        request("POST", "/laomo-honorees/_search", {"size": "80"}),
        request("POST", "/laomo-honorees/_search", {"query": {"match_al": {}}}),
        request("POST", "/laomo-honorees/_search", {"query": {"term": {"a": 1}, "match_all": {}}}),
        request("POST", "/laomo-honorees/_search", {"query": {"query_string": {"query": "张*"}}}),  # not derived
        request("POST", "/laomo-honorees/_search", {"suggest": {"s": {"prefix": "z", "completion": {"size": 8}}}}),
        request(
            "POST",
            "/laomo-honorees/_search",
            {"suggest": {"s": {"completion": {"field": "f", "skip_duplicates": "y"}}}},
        ),
        request("POST", "/laomo-honorees/_search", {"sort": [{"stroke_key": {"order": "up"}}]}),
        request("POST", "/laomo-honorees/_search", {"aggs": {"k": {"terms": {"field": "kind", "size": "5"}}}}),
        request("POST", "/_aliases", {"actions": [{"add": {"index": "a", "alias": "b"}, "remove": {"index": "c"}}]}),
        request("POST", "/_aliases", {"actions": [{"swap": {"index": "a"}}]}),
        request(
            "PUT", "/laomo-honorees-1", {"mappings": {"properties": {"name": {"type": "text", "analyser": "cjk"}}}}
        ),
        request("PUT", "/laomo-honorees/_doc/honoree%3A1", {"name": "x"}, require_alias="yes"),
        request("PUT", "/laomo-honorees/_doc/honoree%3A1", {"name": "x"}, refresh_now="true"),
        request("POST", "/laomo-honorees/_suggest", {}),
        request("DELETE", "/laomo-honorees/_doc/honoree%3A1", {"query": {}}),
    ],
    ids=lambda r: f"{r.method} {r.path} {r.body.decode()[:60]} {r.query}",
)
def test_invalid_requests_are_caught(bad):
    assert violations(bad)


def test_valid_requests_pass():
    assert not violations(request("HEAD", "/_alias/laomo-honorees"))
    assert not violations(request("POST", "/laomo-honorees/_count", {"query": {"ids": {"values": ["honoree:1"]}}}))
    bulk = Request(
        "PUT",
        "/_bulk",
        {"refresh": "wait_for", "require_alias": "true"},
        {},
        b'{"index": {"_index": "laomo-honorees", "_id": "honoree:1"}}\n{"name": "x"}\n'
        b'{"delete": {"_index": "laomo-honorees", "_id": "honoree:2"}}\n',
    )
    assert not violations(bulk)
    assert violations(Request("PUT", "/_bulk", {}, {}, b'{"index": {"_index": "x", "_idx": "1"}}\n{}\n'))
