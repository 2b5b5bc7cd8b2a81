from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app stands on: language and fallback, version counters and the outbox, the page cache, the
    extension registries, parameter parsing, QR codes. It imports no app of ours (the import contract in
    pyproject.toml); apps register with it."""

    name = "core"
    verbose_name = "网站核心"

    def ready(self):
        from . import fallback, pagecache, versions  # their receivers need the app registry

        versions.connect()
        pagecache.connect()
        fallback.connect()
