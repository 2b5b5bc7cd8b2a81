"""Settings come from the environment: SQLite by default, PostgreSQL, Redis and Elasticsearch when asked."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; from django.conf import settings; django.setup();"
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'],"
    " 'name': str(settings.DATABASES['default']['NAME']),"
    " 'cache': settings.CACHES['default']['BACKEND'], 'search': settings.LAOMO_SEARCH_ENGINE,"
    " 'lang': settings.LANGUAGE_CODE, 'tz': settings.TIME_ZONE, 'media': str(settings.MEDIA_ROOT)}))"
)
PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 20 + "production-secret-key-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "laomo.example.cn",
}


def run(code_or_args, settings_module, **env):
    clean_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    clean_env.update(env, DJANGO_SETTINGS_MODULE=settings_module, PYTHONPATH=f"{REPO / 'site'}:{REPO}")
    args = [sys.executable, "-c", code_or_args] if isinstance(code_or_args, str) else [sys.executable, *code_or_args]
    return subprocess.run(args, capture_output=True, text=True, env=clean_env, cwd=REPO, timeout=120)


def probe(**env):
    import json

    result = run(PROBE, "laomo.settings.dev", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_defaults_need_no_server():
    values = probe()
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["cache"].endswith("LocMemCache")
    assert values["search"] == "embedded"
    assert values["lang"] == "zh-hans" and values["tz"] == "Asia/Shanghai"
    assert values["media"].endswith("var/uploads")


def test_environment_switches_database_cache_and_search():
    values = probe(
        DATABASE_URL="postgres://u@127.0.0.1:5432/laomo",
        REDIS_URL="redis://127.0.0.1:6379/1",
        ELASTICSEARCH_URL="http://127.0.0.1:9200",
    )
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "laomo"
    assert values["cache"].endswith("RedisCache")
    assert values["search"] == "elasticsearch"


def test_production_refuses_to_start_without_secret_key():
    result = run(["manage.py", "check"], "laomo.settings.production", ALLOWED_HOSTS="laomo.example.cn")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_passes_deploy_check_without_warnings():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], "laomo.settings.production", **PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr
