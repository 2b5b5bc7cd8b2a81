"""The site itself (site/laomo/urls.py) mounts the public URLs of participation before Wagtail's page route."""

from django.urls import get_resolver


def test_the_site_mounts_the_participation_urls():
    resolver = get_resolver("laomo.urls")
    for path, name in [
        ("/corrections/new/", "correction_new"),
        ("/m/SRC-0001", "short"),
        ("/share/qr.svg", "qr"),
        ("/preferences/elder/", "elder"),
    ]:
        match = resolver.resolve(path)
        assert (match.namespace, match.url_name) == ("participation", name), path
