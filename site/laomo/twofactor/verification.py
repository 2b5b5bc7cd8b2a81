"""Checking a typed code against a user's devices, with a lock per user.

django-otp's throttling makes each device wait 1, 2, 4, 8 … seconds after successive wrong codes. On top of it, the
fifth wrong code in a row (each within 15 minutes of the one before) locks the user's code checks for 15 minutes,
backup codes included, so guessing cannot move from one kind of code to the other. The count lives in the TOTP
device's own throttling fields, in the database, so every app process sees the same lock.
"""

import logging
import math
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

logger = logging.getLogger(__name__)

FAILURE_LIMIT = 5
LOCK_TIME = timedelta(minutes=15)
TOTP_DIGITS = 6


@dataclass(frozen=True)
class CodeCheck:
    device: Device | None = None  # the device that accepted the code
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.device is not None


def normalise(code: str) -> str:
    """Full-width digits from a Chinese input method, spaces, hyphens and capitals read as the user meant them."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", code) if ch not in " -").lower()


def is_totp_code(code: str) -> bool:
    return len(code) == TOTP_DIGITS and code.isascii() and code.isdigit()


def check_code(totp: TOTPDevice, code: str, *, backup_codes: bool = True) -> CodeCheck:
    """Try ``code`` on the user's authenticator ``totp`` (confirmed or being enrolled), else on their backup codes."""
    code = normalise(code)
    with transaction.atomic():
        # Row locks: two requests at once can neither both use one code nor both slip under the limit.
        totp = TOTPDevice.objects.select_for_update().get(pk=totp.pk)
        _forget_old_failures(totp)
        until = locked_until(totp)
        if until:
            return CodeCheck(error=locked_message(until))
        allowed, details = totp.verify_is_allowed()
        if not allowed:
            return CodeCheck(error=wait_message(details["locked_until"]))
        if is_totp_code(code):
            if totp.verify_token(code):  # counts its own failure
                return CodeCheck(totp)
        else:
            static = None
            if backup_codes:
                static = StaticDevice.objects.select_for_update().filter(user_id=totp.user_id).first()
            if static is not None and static.verify_token(code):
                totp.throttle_reset()
                return CodeCheck(static)
            totp.throttle_increment()
    logger.warning("Wrong two-factor code for user %s (%d in a row)", totp.user_id, totp.throttling_failure_count)
    until = locked_until(totp)
    if until:
        return CodeCheck(error=locked_message(until))
    remaining = FAILURE_LIMIT - totp.throttling_failure_count
    return CodeCheck(error=f"验证码不正确，请重新输入。再输错 {remaining} 次，验证将锁定 15 分钟。")


def locked_until(totp: TOTPDevice) -> datetime | None:
    if totp.throttling_failure_count < FAILURE_LIMIT or totp.throttling_failure_timestamp is None:
        return None
    until = totp.throttling_failure_timestamp + LOCK_TIME
    return until if until > timezone.now() else None


def _forget_old_failures(totp: TOTPDevice) -> None:
    """Wrong codes more than 15 minutes apart do not add up (and a lock ends after 15 minutes)."""
    last = totp.throttling_failure_timestamp
    if totp.throttling_failure_count and last is not None and timezone.now() - last >= LOCK_TIME:
        totp.throttle_reset()


def locked_message(until: datetime) -> str:
    minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
    return (
        f"验证码已连续输错 {FAILURE_LIMIT} 次，两步验证暂时锁定。请于 {timezone.localtime(until):%H:%M} 后"
        f"（约 {minutes} 分钟后）再试；如仍无法登录，请联系网站管理员。"
    )


def wait_message(until: datetime) -> str:
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    return f"输入太快了，请等 {seconds} 秒后再输入验证码。"
