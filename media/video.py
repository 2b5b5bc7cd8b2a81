"""ffprobe and ffmpeg, when installed: what a video file really is, and a poster frame from it.

Both tools are optional. Without them uploads are still checked by their magic bytes, and editors fill in
duration and size and upload a poster themselves; nothing else changes.
"""

import json
import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import filetype

logger = logging.getLogger(__name__)

PROBE_TIMEOUT = 60
FRAME_TIMEOUT = 60
SNIFF_BYTES = 8192

# What browsers play in <video> and <audio>, by the content type the file's magic bytes reveal.
VIDEO_TYPES = {
    "video/mp4": "MP4",
    "video/x-m4v": "M4V",
    "video/quicktime": "MOV",
    "video/webm": "WebM",
}
AUDIO_TYPES = {
    "audio/mpeg": "MP3",
    "audio/mp4": "M4A",
    "audio/m4a": "M4A",
    "audio/aac": "AAC",
    "audio/ogg": "Ogg",
    "audio/x-wav": "WAV",
    "audio/wav": "WAV",
    "video/mp4": "MP4",
}


def tools_available() -> bool:
    return bool(shutil.which("ffprobe") and shutil.which("ffmpeg"))


@dataclass(frozen=True)
class VideoInfo:
    duration: float
    width: int | None
    height: int | None
    video_codec: str
    audio_codec: str
    format_name: str

    @property
    def has_video(self) -> bool:
        return bool(self.video_codec)


def sniff(stream) -> str | None:
    """The content type a file's first bytes reveal (not its name), e.g. "video/mp4"; None when unknown."""
    position = stream.tell() if hasattr(stream, "tell") else 0
    stream.seek(0)
    head = stream.read(SNIFF_BYTES)
    stream.seek(position)
    kind = filetype.guess(head)
    return kind.mime if kind else None


def _rotated(stream: dict) -> bool:
    """Phones store portrait video as landscape plus a rotation; report the size as it is seen."""
    rotation = stream.get("tags", {}).get("rotate")
    for side_data in stream.get("side_data_list", []):
        rotation = side_data.get("rotation", rotation)
    try:
        return abs(int(float(rotation or 0))) % 180 == 90
    except ValueError:
        return False


def probe(path: str) -> VideoInfo | None:
    """ffprobe's view of a file, or None when ffprobe is missing or cannot read it."""
    if not shutil.which("ffprobe"):
        return None
    command = ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", path]
    try:
        result = subprocess.run(command, capture_output=True, timeout=PROBE_TIMEOUT, check=True)
        data = json.loads(result.stdout or b"{}")
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, json.JSONDecodeError, OSError) as error:
        logger.info("ffprobe could not read %s: %s", path, error)
        return None
    streams = data.get("streams", [])
    video = next(
        (
            s
            for s in streams
            if s.get("codec_type") == "video" and not s.get("disposition", {}).get("attached_pic")  # not cover art
        ),
        None,
    )
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    try:
        duration = float(data.get("format", {}).get("duration") or (video or audio or {}).get("duration") or 0)
    except ValueError:
        duration = 0.0
    width = height = None
    if video:
        width, height = video.get("width"), video.get("height")
        if width and height and _rotated(video):
            width, height = height, width
    return VideoInfo(
        duration=duration,
        width=width,
        height=height,
        video_codec=(video or {}).get("codec_name", ""),
        audio_codec=(audio or {}).get("codec_name", ""),
        format_name=data.get("format", {}).get("format_name", ""),
    )


def poster_time(duration: float) -> float:
    """A moment past the fade-in: a quarter of the way in, at most 5 seconds."""
    return round(min(max(duration, 0) * 0.25, 5.0), 2)


def poster_frame(path: str, at: float = 0.0) -> bytes | None:
    """One frame as JPEG (`ffmpeg -ss … -frames:v 1`), or None when ffmpeg is missing or fails."""
    if not shutil.which("ffmpeg"):
        return None
    command = [
        "ffmpeg", "-v", "error", "-nostdin",
        "-ss", f"{at:.2f}", "-i", path,
        "-frames:v", "1", "-q:v", "3", "-f", "image2", "-c:v", "mjpeg", "pipe:1",
    ]  # fmt: skip
    try:
        result = subprocess.run(command, capture_output=True, timeout=FRAME_TIMEOUT, check=True)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        logger.info("ffmpeg could not take a frame from %s: %s", path, error)
        return None
    return result.stdout or None


def _filesystem_path(file) -> str | None:
    """The file's path on this machine's disk, or None when it has none.

    An upload still in memory has no storage; remote storages (S3) implement Storage.path() by raising
    NotImplementedError, Django's documented "no local path"."""
    storage = getattr(file, "storage", None)
    name = getattr(file, "name", "")
    if storage is None or not name:
        return None
    try:
        return storage.path(name)
    except NotImplementedError:  # remote storage: the caller copies the file to a temporary one
        return None


@contextmanager
def local_path(file) -> Iterator[str]:
    """A filesystem path for a stored or uploaded file; copies to a temporary file when storage is remote (S3)."""
    if hasattr(file, "temporary_file_path"):  # a large upload Django already spooled to disk
        yield file.temporary_file_path()
        return
    path = _filesystem_path(file)
    if path and os.path.exists(path):
        yield path
        return
    suffix = os.path.splitext(getattr(file, "name", "") or "")[1]
    with tempfile.NamedTemporaryFile(suffix=suffix) as copy:
        file.open("rb")
        try:
            file.seek(0)
            for chunk in file.chunks():
                copy.write(chunk)
        finally:
            file.seek(0)
        copy.flush()
        yield copy.name


def make_test_clip(path: str, seconds: int, colours: tuple[str, str], tone: int) -> bool:
    """A small H.264/AAC MP4 of a moving colour gradient and a sine tone (no text), for demonstration films."""
    if not tools_available():
        return False
    first, second = colours
    command = [
        "ffmpeg", "-v", "error", "-nostdin", "-y",
        "-f", "lavfi", "-i", f"gradients=s=640x360:r=25:d={seconds}:c0={first}:c1={second}:speed=0.03",
        "-f", "lavfi", "-i", f"sine=frequency={tone}:duration={seconds}:sample_rate=44100",
        "-c:v", "libx264", "-preset", "veryfast", "-crf", "30", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-b:a", "48k", "-movflags", "+faststart", "-shortest", path,
    ]  # fmt: skip
    try:
        subprocess.run(command, capture_output=True, timeout=120, check=True)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        logger.warning("ffmpeg could not make a demonstration clip: %s", error)
        return False
    return True
