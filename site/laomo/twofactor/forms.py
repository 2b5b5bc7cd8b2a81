from django import forms
from django.core.exceptions import ValidationError

from .verification import CodeCheck, check_code, is_totp_code, normalise


class CodeForm(forms.Form):
    """One code field, checked against ``device`` (a TOTP device) when the form is validated.

    ``check`` holds the outcome: the device that accepted the code, or the reason it was refused.
    """

    backup_codes = True  # whether a backup code is accepted instead of the app's code
    code = forms.CharField(
        label="验证码",
        max_length=32,
        help_text="打开手机上的身份验证器应用，输入其中显示的 6 位数字；手机不在身边时，可输入一个备用码。",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}),
        error_messages={"required": "请输入验证码。"},
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device
        self.check = CodeCheck()

    def clean_code(self):
        code = normalise(self.cleaned_data["code"])
        if not self.backup_codes and not is_totp_code(code):
            raise ValidationError("请输入身份验证器应用中显示的 6 位数字。")
        return code

    def clean(self):
        cleaned = super().clean()
        if "code" in cleaned:
            self.check = check_code(self.device, cleaned["code"], backup_codes=self.backup_codes)
            if not self.check.ok:
                self.add_error("code", self.check.error)
        return cleaned


class EnrolForm(CodeForm):
    """Confirms a new authenticator: only a code from that app proves it was set up."""

    backup_codes = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.help_text = "扫描二维码后，输入身份验证器应用中显示的 6 位数字。"
        field.widget.attrs["inputmode"] = "numeric"
