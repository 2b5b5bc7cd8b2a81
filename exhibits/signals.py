"""Published pages feed the artworks catalogue, the honoree mentions and the lesson worksheets."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete

from wagtail.signals import page_published, page_unpublished

from . import catalogue, worksheets
from .models import LessonPage, LessonWorksheet


def on_page_published(sender, instance, **kwargs):
    catalogue.refresh_page(instance)
    if isinstance(instance, LessonPage):
        # After the commit: the worksheet is made from what was really published, and a PDF problem
        # can never undo a publication.
        transaction.on_commit(partial(worksheets.refresh_worksheet, instance.pk))


def on_page_unpublished(sender, instance, **kwargs):
    catalogue.refresh_page(instance)


def on_worksheet_deleted(sender, instance, **kwargs):
    if instance.file:
        transaction.on_commit(partial(instance.file.storage.delete, instance.file.name))


def connect():
    page_published.connect(on_page_published, dispatch_uid="exhibits-page-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="exhibits-page-unpublished")
    post_delete.connect(on_worksheet_deleted, sender=LessonWorksheet, dispatch_uid="exhibits-worksheet-deleted")
