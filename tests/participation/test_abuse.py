"""Protecting the form without puzzle captchas: CSRF, a honeypot, a timer, rate limits and upload checks."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import pytest

from participation.models import Correction, CorrectionEvidence

from .conftest import png_bytes, png_header_only
from .test_corrections import FORM_URL, submission, submit

pytestmark = pytest.mark.django_db


def test_csrf_is_checked(client):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(FORM_URL, {**submission(), "honoree": "SRC-0001"})
    assert response.status_code == 403
    assert not Correction.objects.exists()


def test_the_honeypot_stops_programs_and_keeps_text_for_people(client):
    response = submit(client, homepage="http://spam.example/", what_wrong="真实的意见")
    html = response.content.decode()
    assert response.status_code == 400
    assert not Correction.objects.exists()
    assert "提交没有通过检查" in html
    assert "真实的意见" in html and "spam.example" not in html


def test_the_form_is_hidden_from_people_but_not_programs(client):
    html = client.get(FORM_URL, {"honoree": "SRC-0001"}).content.decode()
    honeypot = re.search(r'<div class="hp-field" aria-hidden="true">.*?</div>', html, re.S).group(0)
    assert 'name="homepage"' in honeypot and 'tabindex="-1"' in honeypot and 'autocomplete="off"' in honeypot


def test_a_form_sent_too_soon_or_without_our_timer_is_refused(client, settings):
    settings.LAOMO_CORRECTIONS_MIN_SECONDS = 3
    response = submit(client)
    assert response.status_code == 400 and "提交得太快了" in response.content.decode()
    forged = client.post(FORM_URL, {**submission(shown="12345"), "honoree": "SRC-0001"})
    assert forged.status_code == 400
    assert not Correction.objects.exists()


def test_rate_limit_per_address(client, settings):
    settings.LAOMO_CORRECTIONS_PER_HOUR = 2
    assert submit(client).status_code == 302
    assert submit(client).status_code == 302
    refused = submit(client, what_wrong="第三次的内容")
    assert refused.status_code == 429
    assert "提交的次数较多" in refused.content.decode() and "第三次的内容" in refused.content.decode()
    assert Correction.objects.count() == 2
    # Another visitor is not affected.
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert submit(other).status_code == 302


def test_daily_limit(client, settings):
    settings.LAOMO_CORRECTIONS_PER_HOUR = 100
    settings.LAOMO_CORRECTIONS_PER_DAY = 3
    for _ in range(3):
        assert submit(client).status_code == 302
    assert submit(client).status_code == 429


def test_honeypot_hits_count_towards_the_limit(client, settings):
    settings.LAOMO_CORRECTIONS_PER_HOUR = 2
    submit(client, homepage="x")
    submit(client, homepage="x")
    assert submit(client).status_code == 429


def test_proxy_header_names_the_visitor(client, settings):
    settings.LAOMO_CORRECTIONS_PER_HOUR = 1
    settings.LAOMO_CLIENT_IP_HEADER = "X-Real-IP"
    first = Client(HTTP_X_REAL_IP="198.51.100.1")
    second = Client(HTTP_X_REAL_IP="198.51.100.2")
    assert submit(first).status_code == 302
    assert submit(second).status_code == 302  # same proxy address, different visitors
    assert submit(first).status_code == 429


def test_oversize_evidence_is_refused_and_text_kept(client, settings):
    settings.LAOMO_CORRECTIONS_MAX_FILE_BYTES = 1024
    big = SimpleUploadedFile("大照片.png", png_bytes(800, 800) + b"\0" * 4096, content_type="image/png")
    response = submit(client, files=[big], suggested_text="这段文字要保留")
    html = response.content.decode()
    assert response.status_code == 400
    assert "文件“大照片.png”太大" in html and "这段文字要保留" in html
    assert "请重新选择要上传的文件" in html
    assert not Correction.objects.exists() and not CorrectionEvidence.objects.exists()


def test_a_request_far_too_large_is_refused_unread(client, settings):
    settings.LAOMO_CORRECTIONS_MAX_REQUEST_BYTES = 10_000
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"0" * 20_000, content_type="application/pdf")
    response = submit(client, files=[big])
    assert response.status_code == 413 and "上传的文件太大" in response.content.decode()
    assert not Correction.objects.exists()


def test_too_many_files(client, settings):
    settings.LAOMO_CORRECTIONS_MAX_FILES = 2
    files = [SimpleUploadedFile(f"p{n}.png", png_bytes(), content_type="image/png") for n in range(3)]
    response = submit(client, files=files)
    assert response.status_code == 400 and "最多上传 2 个文件" in response.content.decode()


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("photo.jpg", b"<html><script>alert(1)</script></html>", "不是可以识别的照片或 PDF"),
        ("scan.pdf", b"MZ\x90\x00 this is a program, not a PDF", "不是可以识别的照片或 PDF"),
        (
            "picture.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "不是可以识别的照片或 PDF",
        ),
        ("truncated.png", png_bytes()[:60], "不是可以识别的照片或 PDF"),
        ("bomb.png", png_header_only(30000, 30000), "像素太多"),
        ("big.png", png_header_only(9000, 9000), "像素太多"),
    ],
)
def test_evidence_is_checked_by_content(client, name, content, message):
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    response = submit(client, files=[upload])
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Correction.objects.exists()


def test_real_images_and_pdfs_are_kept_privately(client, settings):
    files = [
        SimpleUploadedFile("photo.jpeg", png_bytes(), content_type="image/jpeg"),  # a PNG whatever its name says
        SimpleUploadedFile("奖状.pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n", content_type="application/pdf"),
    ]
    assert submit(client, files=files).status_code == 302
    stored = {item.original_name: item for item in CorrectionEvidence.objects.all()}
    assert stored["photo.jpeg"].content_type == "image/png" and stored["photo.jpeg"].file.name.endswith(".png")
    assert stored["奖状.pdf"].content_type == "application/pdf"
    for item in stored.values():
        path = item.file.path
        assert path.startswith(str(settings.LAOMO_CORRECTIONS_EVIDENCE_DIR))
        assert not path.startswith(str(settings.MEDIA_ROOT))
        with pytest.raises(ValueError):
            item.file.url  # noqa: B018  (no public URL exists)


def test_long_texts_are_limited(client):
    response = submit(client, what_wrong="错" * 2001)
    assert response.status_code == 400 and "2000" in response.content.decode()
