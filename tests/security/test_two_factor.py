"""Optional two-factor admin login (laomo/twofactor/): enrolment, the code after the password, backup codes, the
lock after wrong codes, turning it off, and the superuser requirement."""

import io
import types
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.qr import matrix_path, qr_matrix
from laomo.twofactor import devices
from laomo.twofactor.verification import FAILURE_LIMIT

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
MANAGE = "/admin/two-factor/"
VERIFY = "/admin/two-factor/verify/"
DISABLE = "/admin/two-factor/disable/"
NEW_CODES = "/admin/two-factor/new-backup-codes/"
PASSWORD = "correct horse battery"


class Clock:
    """The TOTP clock, moved by hand: a code accepted once is refused afterwards until the next 30-second step."""

    def __init__(self):
        self.now = 1_900_000_005.0

    def time(self):
        return self.now

    def next_step(self):
        self.now += 30


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr("django_otp.oath.time", clock.time)
    monkeypatch.setattr("django_otp.plugins.otp_totp.models.time", types.SimpleNamespace(time=clock.time))
    return clock


def code_for(device, steps=0) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0 - steps * device.step, device.digits, device.drift):06d}"


def wrong_code(device) -> str:
    near = {code_for(device, steps) for steps in (-1, 0, 1)}  # codes the one-step tolerance accepts
    return next(code for code in (f"{n:06d}" for n in range(1000)) if code not in near)


def enrolled(user):
    device = TOTPDevice.objects.create(user=user, name=devices.DEVICE_NAME, confirmed=True)
    return device, devices.replace_backup_codes(user)


def sign_in(client, user):
    """Wagtail's own login form, through django-axes, as a person would."""
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)
    return response


def sign_in_fully(client, user, device):
    sign_in(client, user)
    assert client.post(VERIFY, {"code": code_for(device)}).status_code == 302


@pytest.fixture
def no_pauses(settings):
    """Leave out django-otp's 1, 2, 4 … second pauses after a wrong code (a test types faster than a person)."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def staff(make_user):
    return make_user("two-factor-staff", superuser=True)


def test_enrolment_page_shows_the_qr_code_and_the_secret_drawn_here(client, staff):
    client.force_login(staff)
    html = client.get(MANAGE).content.decode()
    pending = TOTPDevice.objects.get(user=staff)
    assert not pending.confirmed
    assert matrix_path(qr_matrix(pending.config_url)) in html  # the QR code of this very otpauth:// address
    assert pending.config_url.startswith("otpauth://totp/")
    assert devices.readable_secret(pending) in html
    assert "两步验证尚未开启" in html and "http" not in html.split("<svg", 1)[1].split("</svg>")[0].replace(
        "http://www.w3.org/2000/svg", ""
    )
    # A reload keeps the same secret, so a QR code already scanned stays valid.
    client.get(MANAGE)
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_a_correct_code_turns_it_on_and_shows_ten_backup_codes_once(client, staff):
    client.force_login(staff)
    client.get(MANAGE)
    pending = TOTPDevice.objects.get(user=staff)
    response = client.post(MANAGE, {"code": code_for(pending)})
    assert response.status_code == 302 and response["Location"] == "/admin/two-factor/backup-codes/"
    pending.refresh_from_db()
    assert pending.confirmed
    stored = set(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True))
    assert len(stored) == 10
    html = client.get(response["Location"]).content.decode()
    assert all(f"{code[:4]} {code[4:]}" in html for code in stored)
    assert "只显示这一次" in html
    again = client.get(response["Location"])
    assert again.status_code == 302 and again["Location"] == MANAGE
    # The code just typed verified this session: the admin opens without asking again.
    assert client.get("/admin/").status_code == 200
    assert "剩余备用码：<strong>10</strong>" in client.get(MANAGE).content.decode()
    assert ModelLogEntry.objects.filter(action="laomo.two_factor.enabled", object_id=str(staff.pk)).exists()


def test_a_wrong_code_does_not_turn_it_on(client, staff):
    client.force_login(staff)
    client.get(MANAGE)
    pending = TOTPDevice.objects.get(user=staff)
    response = client.post(MANAGE, {"code": wrong_code(pending)})
    assert response.status_code == 200
    assert "验证码不正确，请重新输入" in response.content.decode()
    response = client.post(MANAGE, {"code": "abcd efgh"})  # a backup code cannot confirm a new app
    assert "请输入身份验证器应用中显示的 6 位数字" in response.content.decode()
    pending.refresh_from_db()
    assert not pending.confirmed
    assert not StaticDevice.objects.filter(user=staff).exists()
    assert not devices.has_two_factor(staff)


def test_after_the_password_every_page_asks_for_the_code_first(client, staff):
    device, _ = enrolled(staff)
    response = sign_in(client, staff)
    assert client.get(response["Location"])["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    for url in ("/admin/", "/admin/pages/", MANAGE, "/admin/account/", "/admin/snippets/", "/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(VERIFY), url
    posted = client.post("/admin/account/", {})
    assert posted.status_code == 302 and posted["Location"] == VERIFY
    # What the code page itself needs stays open.
    page = client.get(VERIFY)
    assert page.status_code == 200 and "请打开手机上的身份验证器应用" in page.content.decode()
    assert client.get("/admin/jsi18n/").status_code == 200

    old_session = client.session.session_key
    response = client.post(VERIFY, {"code": code_for(device), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.session.session_key != old_session
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200


def test_the_code_page_never_sends_anyone_off_site(client, staff):
    device, _ = enrolled(staff)
    sign_in(client, staff)
    response = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/admin/"})
    assert response["Location"] == "/admin/"


def test_logging_out_from_the_code_page_works(client, staff):
    enrolled(staff)
    sign_in(client, staff)
    response = client.post("/admin/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_backup_code_works_once(client, staff, no_pauses):
    _, codes = enrolled(staff)
    sign_in(client, staff)
    typed = f" {codes[0][:4].upper()}-{codes[0][4:]} "  # as someone copies it from paper
    response = client.post(VERIFY, {"code": typed})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert StaticToken.objects.filter(device__user=staff).count() == 9
    client.post("/admin/logout/")

    sign_in(client, staff)
    response = client.post(VERIFY, {"code": codes[0]})
    assert response.status_code == 200 and "验证码不正确" in response.content.decode()
    assert client.get("/admin/").status_code == 302
    assert client.post(VERIFY, {"code": codes[1]}).status_code == 302


def test_a_lost_phone_is_recovered_with_a_code_from_the_command_line(client, staff):
    enrolled(staff)
    out = io.StringIO()
    call_command("addstatictoken", staff.username, stdout=out)
    sign_in(client, staff)
    assert client.post(VERIFY, {"code": out.getvalue().strip()}).status_code == 302
    assert client.get(MANAGE).status_code == 200  # where the new phone is enrolled (turn off, then on)


def test_django_otp_throttling_makes_a_hurried_second_guess_wait(client, staff):
    device, _ = enrolled(staff)
    sign_in(client, staff)
    assert "再输错 4 次" in client.post(VERIFY, {"code": wrong_code(device)}).content.decode()
    # django-otp wants a second's pause after one failure; a guess sooner is refused without being checked.
    response = client.post(VERIFY, {"code": code_for(device)})
    assert "请等 1 秒后再输入验证码" in response.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    assert client.get("/admin/").status_code == 302


def test_five_wrong_codes_lock_the_user_for_fifteen_minutes(client, staff, no_pauses):
    device, codes = enrolled(staff)
    sign_in(client, staff)
    for attempt in range(1, FAILURE_LIMIT):
        # Wrong app codes and wrong backup codes count together.
        guess = wrong_code(device) if attempt % 2 else "zzzzzzzz"
        html = client.post(VERIFY, {"code": guess}).content.decode()
        assert f"再输错 {FAILURE_LIMIT - attempt} 次" in html
    html = client.post(VERIFY, {"code": wrong_code(device)}).content.decode()
    assert "验证码已连续输错 5 次，两步验证暂时锁定" in html and "约 15 分钟后" in html

    # Locked: even right codes are refused, and nothing opens.
    for right in (code_for(device), codes[0]):
        html = client.post(VERIFY, {"code": right}).content.decode()
        assert "两步验证暂时锁定" in html
    assert client.get("/admin/").status_code == 302
    assert StaticToken.objects.filter(device__user=staff).count() == 10

    # Fifteen minutes later the right code works again.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=15, seconds=1)
    )
    assert client.post(VERIFY, {"code": code_for(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_users_without_a_device_sign_in_as_before(client, make_user):
    for user in (make_user("no-device-editor", "编辑"), make_user("no-device-admin", superuser=True)):
        response = sign_in(client, user)
        assert response["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200
        assert client.get("/admin/pages/").status_code == 200
        assert client.get("/").status_code == 200
        client.post("/admin/logout/")


def test_turning_it_off_needs_a_current_code(client, staff, clock, no_pauses):
    device, codes = enrolled(staff)
    sign_in_fully(client, staff, device)
    clock.next_step()
    assert client.get(DISABLE).status_code == 302  # only by the form
    response = client.post(DISABLE, {"disable-code": wrong_code(device)})
    assert response.status_code == 200 and "验证码不正确" in response.content.decode()
    response = client.post(DISABLE, {"disable-code": ""})
    assert "请输入验证码" in response.content.decode()
    assert devices.has_two_factor(staff)

    response = client.post(DISABLE, {"disable-code": code_for(device)}, follow=True)
    html = response.content.decode()
    assert "两步验证已关闭" in html and "两步验证尚未开启" in html
    # The old key is gone for good; the page now offers a fresh one to enrol again.
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()
    assert not StaticDevice.objects.filter(user=staff).exists()
    assert ModelLogEntry.objects.filter(action="laomo.two_factor.disabled", object_id=str(staff.pk)).exists()
    client.post("/admin/logout/")
    sign_in(client, staff)
    assert client.get("/admin/").status_code == 200  # the password alone again


def test_new_backup_codes_need_a_code_and_retire_the_old_ones(client, staff, clock, no_pauses):
    device, old_codes = enrolled(staff)
    sign_in_fully(client, staff, device)
    clock.next_step()
    response = client.post(NEW_CODES, {"codes-code": wrong_code(device)})
    assert "验证码不正确" in response.content.decode()
    assert set(StaticToken.objects.values_list("token", flat=True).filter(device__user=staff)) == set(old_codes)

    response = client.post(NEW_CODES, {"codes-code": code_for(device)}, follow=True)
    new_codes = set(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True))
    assert len(new_codes) == 10 and not new_codes & set(old_codes)
    assert "只显示这一次" in response.content.decode()


def test_the_account_page_links_to_two_factor_with_its_state(client, staff):
    client.force_login(staff)
    html = client.get("/admin/account/").content.decode()
    assert f'href="{MANAGE}"' in html and "两步验证" in html and "未开启" in html


def test_superusers_can_be_required_to_enrol(client, staff, make_user, settings):
    settings.LAOMO_REQUIRE_2FA_FOR_SUPERUSERS = True
    sign_in(client, staff)
    for url in ("/admin/", "/admin/pages/", "/admin/account/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == MANAGE, url
    assert client.get("/").status_code == 200  # the public site is not the admin
    html = client.get(MANAGE).content.decode()
    assert "本站要求超级管理员开启两步验证" in html
    pending = TOTPDevice.objects.get(user=staff)
    client.post(MANAGE, {"code": code_for(pending)})
    assert client.get("/admin/").status_code == 200
    assert "关闭后，要重新开启才能继续使用管理后台" in client.get(MANAGE).content.decode()

    # Editors are not superusers: nothing changes for them.
    client.post("/admin/logout/")
    sign_in(client, make_user("required-editor", "编辑"))
    assert client.get("/admin/").status_code == 200


def test_without_the_setting_superusers_are_not_required_to_enrol(client, staff, settings):
    settings.LAOMO_REQUIRE_2FA_FOR_SUPERUSERS = False
    sign_in(client, staff)
    assert client.get("/admin/").status_code == 200
    assert "本站要求" not in client.get(MANAGE).content.decode()
