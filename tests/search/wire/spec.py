"""Every request the client sent, checked against the Elasticsearch 8 request specification.

tests/search/spec/ holds the part of elastic/elasticsearch-specification this site needs, as JSON Schema: the
endpoints it calls (method, path, query parameters) and their request bodies (see the README there).
"""

import json
import re
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

from .cluster import Request

SPEC = Path(__file__).resolve().parents[1] / "spec" / "elasticsearch-8.19-requests.schema.json"
PATH_PARTS = {"index": r"[^/_][^/]*", "name": r"[^/]+", "id": r"[^/]+"}  # index names never start with _


@cache
def specification() -> dict:
    return json.loads(SPEC.read_text())


@cache
def _validator(definition: str) -> Draft202012Validator:
    schema = {"$defs": specification()["$defs"], "$ref": f"#/$defs/{definition}"}
    return Draft202012Validator(schema)


def _template(path: str) -> re.Pattern:
    return re.compile("^" + re.sub(r"\{(\w+)\}", lambda m: PATH_PARTS[m.group(1)], path) + "$")


def endpoint(request: Request) -> dict | None:
    """The specification's endpoint for this request: the first whose method and path template match."""
    for candidate in specification()["endpoints"]:
        if request.method in candidate["methods"] and any(
            _template(path).match(request.raw_path) for path in candidate["paths"]
        ):
            return candidate
    return None


def violations(request: Request) -> list[str]:
    """What in this request the specification does not allow (empty when it is a valid request)."""
    found = endpoint(request)
    where = f"{request.method} {request.path}"
    if found is None:
        return [f"{where}: no such endpoint in the specification"]
    problems = []
    for name, value in request.query.items():
        schema = found["query"].get(name)
        if schema is None:
            problems.append(f"{where}: query parameter {name!r} is not one of {found['api']}'s")
            continue
        definition = schema["$ref"].rsplit("/", 1)[1]
        problems += [f"{where}: ?{name}={value}: {e.message}" for e in _validator(definition).iter_errors(value)]
    if not request.body:
        return problems
    if found["body"] is None:
        return [*problems, f"{where}: {found['api']} takes no body"]
    if found["body_format"] == "ndjson":
        return problems + _bulk_violations(where, request.ndjson())
    validator = _validator(found["body"])
    return problems + [f"{where}: {_at(e)}{e.message}" for e in validator.iter_errors(request.json())]


def _bulk_violations(where: str, lines: list[dict]) -> list[str]:
    """Operation lines, each index operation followed by its document (BulkRequest.ts)."""
    problems, operations, documents = [], _validator("BulkOperation"), _validator("Document")
    while lines:
        operation = lines.pop(0)
        problems += [f"{where}: operation {_at(e)}{e.message}" for e in operations.iter_errors(operation)]
        if "index" in operation or "create" in operation:
            problems += [
                f"{where}: document {e.message}" for e in documents.iter_errors(lines.pop(0) if lines else None)
            ]
    return problems


def _at(error) -> str:
    return "/".join(str(part) for part in error.absolute_path) + ": " if error.absolute_path else ""
