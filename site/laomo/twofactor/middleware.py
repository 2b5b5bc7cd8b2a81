"""After the password, the code: a user with a confirmed authenticator counts as signed in only once verified.

One middleware, placed right after Django's AuthenticationMiddleware. It runs django-otp's OTPMiddleware (which
gives ``request.user`` its ``is_verified()``) and then the gate:

- a user with a confirmed device who has not typed a code in this session is sent to the code page from every
  address of the site, not only the admin: the public site too honours "signed-in users only" pages and
  documents, and the password alone must not open them;
- with LAOMO_REQUIRE_2FA_FOR_SUPERUSERS, a superuser without a device is sent from every admin page to the
  enrolment page.

Always open: the code page, log out, the admin's icon sprite and JavaScript catalogue (the code page needs
them), static files and uploads.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse

from django_otp.middleware import OTPMiddleware

from .devices import enrolment_required, has_two_factor

OPEN_URL_NAMES = (
    "laomo_twofactor_verify",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
)
ENROLMENT_URL_NAMES = ("laomo_twofactor", "laomo_twofactor_backup_codes")


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.otp = OTPMiddleware(self.gate)

    def __call__(self, request):
        return self.otp(request)

    def gate(self, request):
        return self.redirect(request) or self.get_response(request)

    def redirect(self, request) -> HttpResponseRedirect | None:
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        path = request.path
        if path.startswith((settings.STATIC_URL, settings.MEDIA_URL)) or path in _paths(OPEN_URL_NAMES):
            return None
        if has_two_factor(user):
            target = reverse("laomo_twofactor_verify")
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(target)
        in_admin = path.startswith(reverse("wagtailadmin_home"))
        if in_admin and enrolment_required(user) and path not in _paths(ENROLMENT_URL_NAMES):
            return HttpResponseRedirect(reverse("laomo_twofactor"))
        return None


def _paths(names) -> set[str]:
    return {reverse(name) for name in names}
