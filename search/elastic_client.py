"""The Elasticsearch client the engine talks through: its URL checked, its timeouts chosen.

Credentials may sit in ELASTICSEARCH_URL (https://user:password@host:9200); the client sends them as HTTP basic
auth on every request, readable by anyone on the path unless the connection is encrypted. So a URL with
credentials must be https://, unless settings.LAOMO_ELASTICSEARCH_ALLOW_HTTP_CREDENTIALS says otherwise (for a
node on the same machine or a private network, where nobody can listen in).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from elasticsearch import Elasticsearch

PING_TIMEOUT = 0.8  # seconds: a cluster that cannot answer a HEAD request this fast is treated as down
REQUEST_TIMEOUT = 5  # searches and single writes
# Creating an index and swapping aliases wait up to 30 s for the master node by default (their master_timeout),
# deleting and refreshing can take as long on a busy cluster: give them longer than the cluster itself takes.
ADMIN_TIMEOUT = 60
BULK_TIMEOUT = 120


def check_url(url: str) -> None:
    """Refuse credentials over plain HTTP unless the setting allows them."""
    parts = urlsplit(url)
    allowed = getattr(settings, "LAOMO_ELASTICSEARCH_ALLOW_HTTP_CREDENTIALS", False)
    if parts.scheme == "http" and (parts.username or parts.password) and not allowed:
        raise ImproperlyConfigured(
            "ELASTICSEARCH_URL carries credentials over plain http://, where anyone on the way can read them: "
            "use https://, or set LAOMO_ELASTICSEARCH_ALLOW_HTTP_CREDENTIALS for a node on this machine."
        )


def display_url(url: str) -> str:
    """The URL without its password, for logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = f"{parts.username}:***@" if parts.username else "***@"
    return parts._replace(netloc=user + parts.netloc.rsplit("@", 1)[1]).geturl()


def connect(url: str) -> Elasticsearch:
    check_url(url)
    try:
        return Elasticsearch(url, request_timeout=REQUEST_TIMEOUT, max_retries=1, retry_on_timeout=False)
    except ValueError as error:  # e.g. no port: the client wants scheme://host:port
        raise ImproperlyConfigured(f"ELASTICSEARCH_URL is not usable: {error}") from error
