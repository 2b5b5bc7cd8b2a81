"""Check each uploaded video file once, with PyAV: its duration, size and a poster frame, and what went wrong.

Runs when a wagtailmedia Media item is saved with a file that has not been checked. Values the editor typed are
kept; only empty ones are filled. What could not be read is stored with the reason (VideoCheck), shown to editors
beside every film that uses the video, and logged once, here.
"""

import logging
import os

from django.core.files.base import ContentFile
from django.db.models.signals import post_save, pre_save

from wagtailmedia.models import get_media_model

from . import video
from .models.films import VideoCheck

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
    if kwargs.get("raw") or not instance.file:
        return
    if VideoCheck.objects.filter(media=instance, file_name=instance.file.name).exists():
        return  # this file was read already; a replaced file has another name
    check_media(instance)


def check_media(instance) -> VideoCheck:
    """Read the item's file, fill in what the editor left empty, and store (and log) what could not be read."""
    check = VideoCheck(media=instance, file_name=instance.file.name)
    is_video = instance.type == "video"
    changes = {}
    try:
        with video.local_path(instance.file) as path:
            info = video.probe(path)
            check.found = info.summary
            if is_video and not info.has_video:
                check.error = "文件里没有视频画面（可能只有声音），无法作为影片播放。"
            if is_video and info.has_video:
                check.codec_problem = info.codec_problem
                if not instance.thumbnail:
                    try:
                        frame = video.poster_frame(path, video.poster_time(info.duration))
                    except video.VideoError as error:
                        check.poster_problem = f"没有海报：{error}请为影片上传海报。"
                    else:
                        stem = os.path.splitext(os.path.basename(instance.file.name))[0]
                        instance.thumbnail.save(f"{AUTO_POSTER_PREFIX}{stem}.jpg", ContentFile(frame), save=False)
                        changes["thumbnail"] = instance.thumbnail.name
    except video.VideoError as error:
        check.error = str(error)
    except OSError as error:  # the storage, not the file: unreachable, or the file is gone
        check.error = f"无法读取存储里的视频文件（{error.strerror or error}）。"
    else:
        if info.duration:
            if not instance.duration:
                changes["duration"] = instance.duration = round(info.duration, 2)
        else:
            check.duration_problem = "没有时长：文件里读不到时长。请在影片的“时长”一栏填写。"
        if is_video and not (instance.width and instance.height) and info.width and info.height:
            changes["width"], changes["height"] = instance.width, instance.height = info.width, info.height
    if changes:
        type(instance).objects.filter(pk=instance.pk).update(**changes)  # not save(): that would run this again
    check.save()
    if check.problems():
        logger.warning("Video %s (%s): %s", instance.pk, instance.file.name, " ".join(check.problems()))
    return check


def connect() -> None:

    media_model = get_media_model()
    pre_save.connect(forget_old_metadata, sender=media_model, dispatch_uid="media-forget-old-metadata")
    post_save.connect(read_metadata, sender=media_model, dispatch_uid="media-read-metadata")
