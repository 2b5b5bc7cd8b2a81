"""The admin pages of two-factor login: 两步验证 on the user's account (enrol, backup codes, turn off) and the
code page after the password.

Every page here sits behind Wagtail's admin login (register_admin_urls). Turning the second factor off and making
new backup codes both need a current code, so a session left open on someone's desk cannot be used to take over
the second factor.
"""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.generic import FormView, TemplateView, View

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

import django_otp

from core.params import same_site_path

from . import devices
from .forms import CodeForm, EnrolForm

SESSION_NEW_CODES = "laomo_twofactor_new_codes"
ENABLED_ACTION = "laomo.two_factor.enabled"
DISABLED_ACTION = "laomo.two_factor.disabled"
NEW_CODES_ACTION = "laomo.two_factor.backup_codes"


class TwoFactorAdminMixin(WagtailAdminTemplateMixin):
    page_title = "两步验证"
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_account"), "label": "帐号"},
            {"url": "", "label": self.page_title},
        ]


class ManageView(TwoFactorAdminMixin, View):
    """Off: the QR code, the secret and the confirmation form. On: backup codes left, new codes, turn off."""

    template_name = "laomo/twofactor/manage.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.device = devices.confirmed_totp_device(request.user)

    def get(self, request):
        if self.device:
            return self.render_enabled()
        return self.render_enrolment(EnrolForm(device=devices.pending_totp_device(request.user)))

    def post(self, request):
        if self.device:  # already on: its forms post to their own views
            return redirect("laomo_twofactor")
        form = EnrolForm(request.POST, device=devices.pending_totp_device(request.user))
        if not form.is_valid():
            return self.render_enrolment(form)
        codes = devices.confirm(form.device)
        # The code just typed proves the second factor, so this session counts as verified.
        django_otp.login(request, form.device)
        audit(form.device, ENABLED_ACTION)
        return show_new_codes(request, codes)

    def render_enrolment(self, form):
        return self.render_to_response(
            self.get_context_data(
                form=form,
                required=devices.enrolment_required(self.request.user),
                qr_code=devices.qr_code_svg(form.device),
                secret=devices.readable_secret(form.device),
            )
        )

    def render_enabled(self, **bound_forms):
        forms = {
            "disable_form": CodeForm(device=self.device, prefix="disable"),
            "codes_form": CodeForm(device=self.device, prefix="codes"),
            **bound_forms,
        }
        user = self.request.user
        return self.render_to_response(
            self.get_context_data(
                enabled=True,
                required=devices.enrolment_required(user),
                backup_codes_left=devices.remaining_backup_codes(user),
                **forms,
            )
        )


class DisableView(ManageView):
    """Turns two-factor login off; needs a current code."""

    form_name = "disable_form"
    prefix = "disable"

    def get(self, request):
        return redirect("laomo_twofactor")

    def post(self, request):
        if self.device is None:
            return redirect("laomo_twofactor")
        form = CodeForm(request.POST, device=self.device, prefix=self.prefix)
        if not form.is_valid():
            return self.render_enabled(**{self.form_name: form})
        return self.done(form)

    def done(self, form):
        audit(self.device, DISABLED_ACTION)
        devices.remove_two_factor(self.request.user)
        messages.success(self.request, "两步验证已关闭。登录时只需输入密码。")
        return redirect("laomo_twofactor")


class NewBackupCodesView(DisableView):
    """Ten new backup codes in place of the old ones; needs a current code."""

    form_name = "codes_form"
    prefix = "codes"

    def done(self, form):
        codes = devices.replace_backup_codes(self.request.user)
        audit(self.device, NEW_CODES_ACTION)
        return show_new_codes(self.request, codes)


def audit(device, action: str) -> None:
    """An entry in Wagtail's site history, on the user. The device's user rather than request.user, which
    django-otp wraps in a second lazy object that Wagtail's log registry cannot see through."""
    log(device.user, action, user=device.user)


def show_new_codes(request, codes: list[str]):
    """Codes are shown once, on the page after the redirect (a reload does not post the form again)."""
    request.session[SESSION_NEW_CODES] = codes
    return redirect("laomo_twofactor_backup_codes")


class BackupCodesView(TwoFactorAdminMixin, TemplateView):
    template_name = "laomo/twofactor/backup_codes.html"
    page_subtitle = "备用码"

    def get(self, request, *args, **kwargs):
        codes = request.session.pop(SESSION_NEW_CODES, None)
        if not codes:
            return redirect("laomo_twofactor")
        # Shown in two groups of four, like a card number; the code page reads them with or without the space.
        readable = [f"{code[:4]} {code[4:]}" for code in codes]
        return self.render_to_response(self.get_context_data(codes=readable))


class VerifyView(FormView):
    """After the password: the code from the app or a backup code. The middleware sends every other request here."""

    template_name = "laomo/twofactor/verify.html"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        self.device = devices.confirmed_totp_device(request.user)
        if self.device is None or request.user.is_verified():
            return redirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.device}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["code"].widget.attrs["autofocus"] = True
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.next_url(), **kwargs)

    def next_url(self) -> str:
        wanted = self.request.POST.get("next") or self.request.GET.get("next")
        return same_site_path(wanted, default=reverse("wagtailadmin_home"))

    def get_success_url(self):
        return self.next_url()

    def form_valid(self, form):
        # A new session key for the fully signed-in session: an id seen before the code was typed is worth nothing.
        self.request.session.cycle_key()
        django_otp.login(self.request, form.check.device)
        return super().form_valid(form)


urlpatterns = [
    path("two-factor/", ManageView.as_view(), name="laomo_twofactor"),
    path("two-factor/disable/", DisableView.as_view(), name="laomo_twofactor_disable"),
    path("two-factor/new-backup-codes/", NewBackupCodesView.as_view(), name="laomo_twofactor_new_codes"),
    path("two-factor/backup-codes/", BackupCodesView.as_view(), name="laomo_twofactor_backup_codes"),
    path("two-factor/verify/", VerifyView.as_view(), name="laomo_twofactor_verify"),
]
