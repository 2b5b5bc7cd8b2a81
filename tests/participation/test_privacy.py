"""The sender's name, contact and email, and the evidence, are for archivists only."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from archive.models import Honoree
from participation.models import PRIVATE_FIELDS, Correction, CorrectionEvidence

from .conftest import png_bytes
from .test_corrections import submit

pytestmark = pytest.mark.django_db

SECRETS = ("张女士", "微信 zhang-private-188", "granddaughter@example.com")


def accepted_and_applied(client, make_user):
    """A submission with evidence, accepted and published, so every public place that could show it does."""
    photo = SimpleUploadedFile("家里的老照片.png", png_bytes(), content_type="image/png")
    thanks_url = submit(client, files=[photo])["Location"]
    correction = Correction.objects.get()
    correction.status = Correction.Status.ACCEPTED
    correction.save()
    honoree = Honoree.objects.get(external_id="SRC-0001")
    user = make_user("archivist", "档案管理员")
    honoree.save_revision(user=user).publish(user=user)
    return correction, thanks_url


def test_private_details_never_appear_in_public(client, make_user):
    correction, thanks_url = accepted_and_applied(client, make_user)
    assert set(PRIVATE_FIELDS) == {"sender_name", "contact", "email"}
    public_pages = [
        thanks_url,
        "/dictionary/SRC-0001/",
        "/api/honorees/SRC-0001/",
        "/api/honorees/",
        "/search/?q=张广义",
        "/api/search/suggest/?q=zhang",
    ]
    for url in public_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in SECRETS:
            assert secret not in body, (url, secret)
        assert "家里的老照片" not in body
    assert "最近更新" in client.get("/dictionary/SRC-0001/").content.decode()


def test_evidence_only_through_the_admin_with_permission(client, make_user):
    accepted_and_applied(client, make_user)
    evidence = CorrectionEvidence.objects.get()
    url = reverse("participation_admin:evidence", args=[evidence.pk])
    assert client.get(url).status_code == 302  # to the admin login
    client.force_login(make_user("editor", "编辑"))
    assert client.get(url).status_code in (302, 403)
    client.force_login(make_user("archivist2", "档案管理员"))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == evidence.file.open("rb").read()
    assert response["Content-Type"] == "image/png"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_thanks_page_needs_our_signed_reference(client):
    submit(client)
    reference = Correction.objects.get().reference
    response = client.get(reverse("participation:correction_thanks"), {"ref": reference})
    assert response.status_code == 302  # an unsigned reference does not open the page
