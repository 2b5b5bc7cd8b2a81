"""Uploads: the local filesystem by default, any S3-compatible store when the environment names a bucket."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; from django.conf import settings; django.setup();"
    "from django.core.files.storage import storages;"
    "print(json.dumps({'storages': settings.STORAGES['default'], 'class': type(storages[\"default\"]).__name__,"
    " 'csp': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['media-src'], 'media_root': str(settings.MEDIA_ROOT)}))"
)
S3_VARIABLES = {
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_LOCATION",
    "AWS_QUERYSTRING_AUTH",
    "AWS_DEFAULT_ACL",
}


def probe(**env) -> dict:
    clean = {key: value for key, value in os.environ.items() if key not in S3_VARIABLES}
    clean.update(env, DJANGO_SETTINGS_MODULE="laomo.settings.dev", PYTHONPATH=f"{REPO / 'site'}:{REPO}")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=clean, cwd=REPO, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_local_filesystem_by_default():
    values = probe()
    assert values["storages"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert values["class"] == "FileSystemStorage"
    assert values["media_root"].endswith("var/uploads")
    assert values["csp"] == ["'self'", "blob:"]


def test_bucket_in_the_environment_switches_to_s3():
    values = probe(
        AWS_STORAGE_BUCKET_NAME="laomo-uploads",
        AWS_S3_ENDPOINT_URL="https://minio.example.cn:9000",
        AWS_S3_REGION_NAME="cn-north-1",
        AWS_ACCESS_KEY_ID="test-key",
        AWS_SECRET_ACCESS_KEY="test-secret",
    )
    assert values["storages"]["BACKEND"] == "storages.backends.s3.S3Storage"
    options = values["storages"]["OPTIONS"]
    assert options["bucket_name"] == "laomo-uploads"
    assert options["endpoint_url"] == "https://minio.example.cn:9000"
    assert options["region_name"] == "cn-north-1"
    assert options["querystring_auth"] is False  # public pages link to the files; signed URLs would expire
    assert options["file_overwrite"] is False
    assert values["class"] == "S3Storage"
    assert values["csp"] == ["'self'", "blob:", "https://minio.example.cn:9000"]


def test_custom_domain_is_what_the_csp_allows():
    values = probe(AWS_STORAGE_BUCKET_NAME="laomo", AWS_S3_CUSTOM_DOMAIN="media.laomo.example.cn")
    assert values["storages"]["OPTIONS"]["custom_domain"] == "media.laomo.example.cn"
    assert values["csp"][-1] == "https://media.laomo.example.cn"
