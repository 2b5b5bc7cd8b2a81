"""A new Elasticsearch index behind an alias: fill it, swap the alias in one atomic step, delete the old one.

Searches keep using the old index until the swap. Whatever fails — the cluster, a timeout, a bug while a
document is prepared, an interrupt — the new index is deleted unless the alias already points at it, so no
half-filled index is left behind; one a killed process left is deleted by the next rebuild.
"""

import logging
import re
from collections.abc import Iterable

from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.helpers import streaming_bulk
from elasticsearch_dsl import Document

from .documents import index_alias, versioned_index_name
from .elastic_client import ADMIN_TIMEOUT, BULK_TIMEOUT

logger = logging.getLogger(__name__)

BULK_CHUNK = 500
VERSION_SUFFIX = re.compile(r"-\d{20}$")  # versioned_index_name's timestamp


def index_action(document: Document, index: str) -> dict:
    return {"_op_type": "index", "_index": index, "_id": document.meta.id, "_source": document.to_dict()}


def rebuild_index(
    client: Elasticsearch, kind: str, document_class: type[Document], documents: Iterable[Document], stdout=None
) -> int:
    """Fill a new index of this kind and put it behind the alias; returns how many documents it holds."""
    admin = client.options(request_timeout=ADMIN_TIMEOUT)
    alias, new = index_alias(kind), versioned_index_name(kind)
    drop_leftovers(admin, alias)
    swapped = False
    try:
        admin.indices.create(index=new, **document_class._index.clone(name=new).to_dict())
        written = _fill(client, new, documents, stdout)
        admin.indices.refresh(index=new)
        old = indices_behind(admin, alias)
        admin.indices.update_aliases(actions=_swap_actions(admin, alias, old, new))
        swapped = True
    finally:
        if not swapped:
            _drop_unless_behind(admin, alias, new)
    for index in old:
        try:
            admin.options(ignore_status=404).indices.delete(index=index)
        except (ApiError, TransportError) as error:  # the swap is done: the next rebuild deletes it
            logger.warning("Rebuild: the old index %s was not deleted (%s)", index, error)
    return written


def _fill(client: Elasticsearch, index: str, documents: Iterable[Document], stdout) -> int:
    written = 0
    actions = (index_action(document, index) for document in documents)
    for _ok, _item in streaming_bulk(client.options(request_timeout=BULK_TIMEOUT), actions, chunk_size=BULK_CHUNK):
        written += 1
        if stdout is not None and written % 5000 == 0:
            stdout.write(f"  {index}: {written}")
    return written


def _swap_actions(admin: Elasticsearch, alias: str, old: list[str], new: str) -> list[dict]:
    actions = [{"remove": {"index": index, "alias": alias}} for index in old]
    if not old and admin.indices.exists(index=alias):
        # An index created under the alias's own name (by hand, or by a write before the first rebuild).
        actions.append({"remove_index": {"index": alias}})
    actions.append({"add": {"index": new, "alias": alias}})
    return actions


def indices_behind(admin: Elasticsearch, alias: str) -> list[str]:
    try:
        return sorted(admin.indices.get_alias(name=alias))
    except NotFoundError:
        return []


def drop_leftovers(admin: Elasticsearch, alias: str) -> None:
    """Delete versioned indexes of this alias that no alias points at: what rebuilds that died left behind.
    (Two rebuilds never run at once: search.rebuilding refuses a second.)"""
    found = admin.indices.get_alias(index=f"{alias}-*")  # {} when nothing matches
    leftovers = sorted(
        index for index, info in found.items() if VERSION_SUFFIX.search(index) and alias not in info.get("aliases", {})
    )
    for index in leftovers:
        logger.warning("Rebuild: deleting %s, left behind by a rebuild that did not finish", index)
        admin.options(ignore_status=404).indices.delete(index=index)


def _drop_unless_behind(admin: Elasticsearch, alias: str, new: str) -> None:
    """After a failure: delete the new index, unless the swap went through after all (a timed-out answer)."""
    try:
        if new not in indices_behind(admin, alias):
            admin.options(ignore_status=404).indices.delete(index=new)
    except (ApiError, TransportError) as error:  # the failure that brought us here goes on up
        logger.error("Rebuild: the unfinished index %s was not deleted (%s); the next rebuild deletes it", new, error)
