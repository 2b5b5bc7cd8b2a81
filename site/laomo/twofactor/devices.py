"""A staff user's second factor: one TOTP device (the authenticator app) and one static device (backup codes).

An enrolment in progress is an unconfirmed TOTP device; it becomes the user's second factor once they type a
code from it. Only confirmed devices ask for a code at login.
"""

from base64 import b32encode

from django.conf import settings
from django.db import transaction

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.qr import matrix_path, qr_matrix

BACKUP_CODE_COUNT = 10
DEVICE_NAME = "身份验证器"
BACKUP_DEVICE_NAME = "备用码"


def confirmed_totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_two_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def enrolment_required(user) -> bool:
    """Superusers, when the site requires a second factor of them (LAOMO_REQUIRE_2FA_FOR_SUPERUSERS)."""
    return bool(getattr(settings, "LAOMO_REQUIRE_2FA_FOR_SUPERUSERS", False) and user.is_superuser)


def pending_totp_device(user) -> TOTPDevice:
    """The enrolment in progress, kept between visits so an already scanned QR code stays valid."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def confirm(device: TOTPDevice) -> list[str]:
    """Make ``device`` the user's only authenticator and give them fresh backup codes (returned in clear)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return replace_backup_codes(device.user)


def replace_backup_codes(user) -> list[str]:
    """Ten new one-time codes; the old ones stop working."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": BACKUP_DEVICE_NAME})
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remaining_backup_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def remove_two_factor(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def readable_secret(device: TOTPDevice) -> str:
    """The key as authenticator apps ask for it when typed in by hand: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code, drawn here.

    Not core.qr.qr_svg: that one caches its drawings for a day, and this drawing carries a secret key.
    """
    matrix = qr_matrix(device.config_url)
    size = len(matrix)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="240" height="240" '
        f'class="qr-code" role="img" shape-rendering="crispEdges">'
        "<title>用身份验证器应用扫描此二维码</title>"
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path fill="#000" d="{matrix_path(matrix)}"/></svg>'
    )
