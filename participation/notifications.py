"""Telling senders the outcome of their submission by email (only when they gave an address).

Mail goes out only after an archivist's decision, never on submission: the public form must not be usable to
send our mail to arbitrary addresses. It is sent after the decision's transaction commits, and a mail server
that does not answer is logged without undoing the decision. It is written in the language the sender used the
site in (``Correction.language``), whatever the archivist's admin language.
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .models import Correction

logger = logging.getLogger(__name__)

SUBJECTS = {
    Correction.Status.ACCEPTED: _("您提交的勘误与补充已被采纳"),
    Correction.Status.REJECTED: _("您提交的勘误与补充处理结果"),
    Correction.Status.NEEDS_MORE_INFO: _("您提交的勘误与补充需要补充材料"),
}


def outcome_message(correction: Correction, site_url: str) -> EmailMessage:
    languages = dict(settings.LANGUAGES)
    with translation.override(correction.language if correction.language in languages else settings.LANGUAGE_CODE):
        site_name = translation.gettext(settings.WAGTAIL_SITE_NAME)
        context = {
            "correction": correction,
            "site_name": site_name,
            "target_url": f"{site_url}{correction.target_path}" if correction.target_path else site_url,
        }
        subject = translation.gettext("【%(site)s】%(subject)s（%(reference)s）") % {
            "site": site_name,
            "subject": SUBJECTS[correction.status],
            "reference": correction.reference,
        }
        body = render_to_string("participation/email/outcome.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[correction.email],
        reply_to=settings.LAOMO_CORRECTIONS_REPLY_TO or None,
    )


def send_outcome(correction: Correction, site_url: str) -> None:
    """Schedule the outcome notice for when the current transaction commits."""
    if not correction.email or correction.status not in SUBJECTS:
        return
    message = outcome_message(correction, site_url)

    def deliver():
        try:
            message.send()
        except (smtplib.SMTPException, OSError):
            logger.warning("Outcome notice for %s could not be sent", correction.reference, exc_info=True)
            return
        Correction.objects.filter(pk=correction.pk).update(notified_at=timezone.now())

    transaction.on_commit(deliver)
