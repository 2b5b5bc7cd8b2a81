"""The public 纠错/补充 form and the archivists' review form."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .evidence import ACCEPT, check_evidence, megabytes
from .models import Correction

TIMESTAMP_SALT = "participation.correction-form-shown"
HONEYPOT_FIELD = "homepage"  # a name people's browsers do not autofill with something on their own


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def form_timestamp() -> str:
    return signing.dumps(int(time.time()), salt=TIMESTAMP_SALT)


def seconds_since_shown(token: str) -> float | None:
    """How long ago the form was shown, or None when the token was not made by us."""
    try:
        shown = signing.loads(token, salt=TIMESTAMP_SALT)
    except signing.BadSignature:
        return None
    return time.time() - int(shown) if isinstance(shown, int) else None


class CorrectionForm(forms.ModelForm):
    evidence = MultipleFileField(
        label=_("照片或扫描件（可选）"),
        required=False,
        help_text="",  # set in __init__ from the settings
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
    )
    # Honeypot: hidden from people by CSS and from keyboards by tabindex; programs fill it in.
    homepage = forms.CharField(label=_("请勿填写此项"), required=False)
    shown = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Correction
        fields = [
            "kind",
            "what_wrong",
            "suggested_text",
            "place",
            "relation",
            "relation_detail",
            "sender_name",
            "contact",
            "email",
        ]
        labels = {
            "kind": _("您要"),
            "what_wrong": _("哪里有误，或缺少什么"),
            "suggested_text": _("建议改为（或要补充的内容）"),
            "place": _("具体位置（可选）"),
            "relation": _("您与劳模的关系"),
            "relation_detail": _("关系说明（可选）"),
            "sender_name": _("您的称呼（可选）"),
            "contact": _("联系方式（可选）"),
            "email": _("电子邮箱（可选）"),
        }
        help_texts = {
            "what_wrong": _("例如：“出生年份应为1936年”，或“缺少他1959年参加全国群英会的经历”。"),
            "suggested_text": _("请写出您认为正确的文字，档案管理员核实后会据此修改。"),
            "place": _("如劳模墙的哪一块石碑、第几行，或页面上的哪一段。"),
            "relation_detail": _("如“孙女”“原车间同事”“东城区总工会”。"),
            "contact": _("电话、微信号或通信地址，方便档案管理员核实。仅档案管理员可见，不会公开。"),
            "email": _("填写后，处理结果会发到这个邮箱。仅档案管理员可见，不会公开。"),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "relation": forms.RadioSelect,
            "what_wrong": forms.Textarea(attrs={"rows": 5}),
            "suggested_text": forms.Textarea(attrs={"rows": 6}),
            "contact": forms.TextInput(attrs={"autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "sender_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        error_messages = {
            "what_wrong": {
                "required": _("请写明哪里有误或缺少什么。"),
                "max_length": _("请把说明控制在 %(limit_value)d 字以内。"),
            },
            "suggested_text": {"max_length": _("建议的文字请控制在 %(limit_value)d 字以内，更多内容可作为附件上传。")},
            "relation": {"required": _("请选择您与劳模的关系。")},
            "email": {"invalid": _("电子邮箱的格式不对，例如 name@example.com。")},
        }

    def __init__(self, *args, needs_place: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_place = needs_place
        self.checked_files = []
        self.skipped_messages: list[str] = []
        self.fields["evidence"].help_text = _(
            "可上传照片（JPG、PNG、GIF、WebP）或 PDF 扫描件，最多 %(files)s 个，每个不超过 %(size)s。提交后仅档案管理员可见。"
        ) % {
            "files": settings.LAOMO_CORRECTIONS_MAX_FILES,
            "size": megabytes(settings.LAOMO_CORRECTIONS_MAX_FILE_BYTES),
        }
        self.fields["kind"].choices = Correction.Kind.choices  # no empty "---------" choice among the radios
        self.fields["relation"].choices = Correction.Relation.choices
        self.fields["place"].required = needs_place
        if needs_place:
            self.fields["place"].label = _("涉及的页面或位置")
            self.fields["place"].error_messages["required"] = _("请写明涉及的页面或位置。")
        self.fields[HONEYPOT_FIELD].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_evidence(self):
        files = self.cleaned_data.get("evidence") or []
        errors = [ValidationError(message) for message in self.skipped_messages]
        if len(files) > settings.LAOMO_CORRECTIONS_MAX_FILES:
            message = _("最多上传 %(files)s 个文件。") % {"files": settings.LAOMO_CORRECTIONS_MAX_FILES}
            errors.append(ValidationError(message))
            files = files[: settings.LAOMO_CORRECTIONS_MAX_FILES]
        checked = []
        for upload in files:
            try:
                checked.append((upload, check_evidence(upload)))
            except ValidationError as error:
                errors.append(error)
        if errors:
            errors.append(ValidationError(_("出于安全原因，浏览器不会保留已选的文件，请重新选择要上传的文件。")))
            raise ValidationError(errors)
        self.checked_files = checked
        return files

    def is_bot(self) -> str:
        """Why this looks like a program rather than a person ("" when it does not)."""
        if self.data.get(HONEYPOT_FIELD):
            return "honeypot"
        waited = seconds_since_shown(self.data.get("shown", ""))
        if waited is None or waited < settings.LAOMO_CORRECTIONS_MIN_SECONDS:
            return "too fast"
        return ""


class ReviewForm(forms.ModelForm):
    """An archivist's decision on a submission, with the explanation sent to the sender."""

    DECISIONS = [
        (Correction.Status.ACCEPTED, "采纳：接着去修改记录（发布后的版本会与本条勘误关联）"),
        (Correction.Status.NEEDS_MORE_INFO, "请提交人补充材料"),
        (Correction.Status.REJECTED, "不采纳"),
    ]

    decision = forms.ChoiceField(label="处理结果", choices=DECISIONS, widget=forms.RadioSelect)
    field_order = ["decision", "reviewer_message"]

    class Meta:
        model = Correction
        fields = ["reviewer_message"]
        labels = {"reviewer_message": "给提交人的说明"}
        help_texts = {
            "reviewer_message": "不采纳时写明原因，请补充时写明需要什么。填写了邮箱的提交人会收到这段话。",
        }
        widgets = {"reviewer_message": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)
        if self.instance.status in dict(self.DECISIONS):
            self.fields["decision"].initial = self.instance.status

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == Correction.Status.REJECTED and not cleaned.get("reviewer_message", "").strip():
            self.add_error("reviewer_message", "不采纳时请写明原因。")
        if decision == Correction.Status.NEEDS_MORE_INFO and not cleaned.get("reviewer_message", "").strip():
            self.add_error("reviewer_message", "请写明需要提交人补充什么。")
        if self.instance.is_applied and decision != Correction.Status.ACCEPTED:
            raise ValidationError("这条勘误已经用于修改记录，不能再改为其他结果。")
        return cleaned
