"""Read an uploaded video's duration, size and a poster frame with ffprobe/ffmpeg when they are installed.

Runs when a wagtailmedia Media item is saved with a new file. Without the tools nothing happens and the
editor's own values stay. Values the editor typed are kept; only empty ones are filled.
"""

import logging
import os

from django.core.files.base import ContentFile
from django.db.models.signals import post_save, pre_save

from . import video

logger = logging.getLogger(__name__)
AUTO_POSTER_PREFIX = "auto-poster-"


def forget_old_metadata(sender, instance, **kwargs):
    """A replaced file makes the old duration, size and automatic poster wrong: clear them before saving."""
    if not instance.pk:
        return
    old = sender.objects.filter(pk=instance.pk).values("file", "thumbnail", "duration", "width", "height").first()
    if not old or old["file"] == instance.file.name:
        return
    if instance.duration == old["duration"]:
        instance.duration = 0
    if (instance.width, instance.height) == (old["width"], old["height"]):
        instance.width = instance.height = None
    if instance.thumbnail.name == old["thumbnail"] and AUTO_POSTER_PREFIX in os.path.basename(old["thumbnail"] or ""):
        instance.thumbnail = None


def read_metadata(sender, instance, **kwargs):
    if kwargs.get("raw") or not instance.file or not video.tools_available():
        return
    wants_size = instance.type == "video" and not (instance.width and instance.height)
    wants_poster = instance.type == "video" and not instance.thumbnail
    if instance.duration and not wants_size and not wants_poster:
        return
    try:
        with video.local_path(instance.file) as path:
            info = video.probe(path)
            frame = video.poster_frame(path, video.poster_time(info.duration)) if info and wants_poster else None
    except OSError as error:
        logger.warning("Cannot read media file %s: %s", instance.file.name, error)
        return
    if info is None:
        return
    changes = {}
    if not instance.duration and info.duration:
        changes["duration"] = round(info.duration, 2)
    if wants_size and info.width and info.height:
        changes.update(width=info.width, height=info.height)
    if frame:
        stem = os.path.splitext(os.path.basename(instance.file.name))[0]
        instance.thumbnail.save(f"{AUTO_POSTER_PREFIX}{stem}.jpg", ContentFile(frame), save=False)
        changes["thumbnail"] = instance.thumbnail.name
    if changes:
        for field, value in changes.items():
            if field != "thumbnail":
                setattr(instance, field, value)
        sender.objects.filter(pk=instance.pk).update(**changes)  # not save(): that would run this handler again


def connect() -> None:
    from wagtailmedia.models import get_media_model

    media_model = get_media_model()
    pre_save.connect(forget_old_metadata, sender=media_model, dispatch_uid="media-forget-old-metadata")
    post_save.connect(read_metadata, sender=media_model, dispatch_uid="media-read-metadata")
