"""The review queue (勘误与补充) for the 档案管理员 group in the Wagtail admin.

Submissions arrive only through the public form, so the queue has no “add” or “copy”. Its edit view is the
review page: the submission with its evidence and the sender's private details, and one decision —
采纳 (then on to the record's edit view; see signals.py for how the published revision gets linked),
请补充 or 不采纳 — with the explanation the sender receives by email.
"""

from django.contrib import messages
from django.utils import timezone
from django.utils.text import Truncator

from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from core.origin import public_origin

from .forms import ReviewForm
from .models import Correction
from .notifications import send_outcome

DECISION_ACTIONS = {
    Correction.Status.ACCEPTED: "laomo.correction.accepted",
    Correction.Status.REJECTED: "laomo.correction.rejected",
    Correction.Status.NEEDS_MORE_INFO: "laomo.correction.needs_more_info",
}


class ReviewView(generic.EditView):
    template_name = "participation/admin/review.html"
    page_title = "处理勘误与补充"
    submit_button_label = "保存处理结果"
    submit_button_active_label = "正在保存…"

    def get_queryset(self):
        return Correction.objects.select_related(
            "honoree", "page", "wall_name", "reviewer", "accepted_revision", "accepted_revision__user"
        ).prefetch_related("evidence")

    def save_instance(self):
        correction = self.form.instance
        decision = self.form.cleaned_data["decision"]
        changed = decision != correction.status or self.form.has_changed()
        correction.status = decision
        correction.reviewer = self.request.user
        correction.decided_at = timezone.now()
        correction.save()
        if changed:
            log(
                instance=correction,
                action=DECISION_ACTIONS[decision],
                user=self.request.user,
                data={"reference": correction.reference, "message": correction.reviewer_message},
            )
            send_outcome(correction, public_origin())
        return correction

    def get_success_message(self):
        correction = self.object
        if correction.status == Correction.Status.ACCEPTED and not correction.is_applied:
            return f"已采纳 {correction.reference}。请按建议修改并发布记录，发布后的版本会与这条勘误关联。"
        return f"已保存 {correction.reference} 的处理结果：{correction.status_label}。"

    def get_success_url(self):
        correction = self.object
        if correction.status == Correction.Status.ACCEPTED and not correction.is_applied:
            target = correction.target
            if target is not None and self._can_edit(target):
                return correction.target_edit_url()
        return super().get_success_url()

    def save_action(self):
        response = super().save_action()
        correction = self.object
        if correction.status == Correction.Status.ACCEPTED and correction.suggested_text and not correction.is_applied:
            messages.info(
                self.request,
                f"{correction.reference} 建议的文字：{Truncator(correction.suggested_text).chars(300)}",
            )
        return response

    def _can_edit(self, target) -> bool:
        if hasattr(target, "permissions_for_user"):
            return target.permissions_for_user(self.request.user).can_edit()
        return self.request.user.has_perm("archive.change_honoree")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        correction = self.object
        context["correction"] = correction
        context["evidence"] = list(correction.evidence.all())
        context["edit_target_url"] = correction.target_edit_url() if correction.target is not None else ""
        context["history_target_url"] = correction.target_history_url() if correction.target is not None else ""
        context["wall_name_edit_url"] = correction.wall_name_edit_url()
        context["public_url"] = correction.target_path if correction.target is not None else ""
        return context


class CorrectionViewSet(ModelViewSet):
    model = Correction
    icon = "comment"
    menu_label = "勘误与补充"
    menu_name = "corrections"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_view_class = ReviewView
    form_fields = ["reviewer_message"]
    list_display = ["reference", "target_kind", "target_label", "kind", "status_label", "created_at"]
    list_filter = ["status", "kind"]
    list_per_page = 50
    ordering = ["-created_at"]
    search_fields = ["reference", "target_title", "place", "what_wrong", "suggested_text"]
    search_backend_name = None  # the database, not the public search index: submissions are never indexed

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"add_url_name": None, **kwargs})

    def get_index_view_kwargs(self, **kwargs):
        # The list shows each target's kind, which for a page is its type: fetched with the rows, not per row.
        queryset = Correction.objects.select_related("page")
        return super().get_index_view_kwargs(**{"queryset": queryset, **kwargs})

    def get_form_class(self, for_update=False):
        return ReviewForm

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(panel=None, **kwargs)

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name not in ("add", "copy")]


correction_viewset = CorrectionViewSet("corrections")
