"""What a video file really is, a poster frame from it, and demonstration clips — with PyAV, in this process.

PyAV's wheels carry their own FFmpeg libraries, so nothing is installed on the machine and nothing is run as a
subprocess: a newcomer's laptop, CI and the server read and write video the same way. Every failure is a
VideoError whose message tells an editor what went wrong, in Chinese; callers store it and show it.
"""

import array
import io
import math
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction

import av
import filetype
from PIL import Image, ImageColor

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

# Codecs that Chrome, Edge, Firefox and Safari (and WeChat's browser) all decode in <video>. HEVC from
# iPhones plays in Safari only, so it is reported to editors rather than refused.
CODEC_NAMES = {
    "h264": "H.264",
    "hevc": "H.265/HEVC",
    "vp8": "VP8",
    "vp9": "VP9",
    "av1": "AV1",
    "mpeg4": "MPEG-4 Part 2",
    "prores": "ProRes",
    "aac": "AAC",
    "mp3": "MP3",
    "opus": "Opus",
    "vorbis": "Vorbis",
    "flac": "FLAC",
}
BROWSER_VIDEO_CODECS = {"h264", "vp8", "vp9", "av1"}
BROWSER_AUDIO_CODECS = {"aac", "mp3", "opus", "vorbis", "flac"}


class VideoError(Exception):
    """A file FFmpeg cannot read, or a picture it cannot decode; the message is for editors."""


@dataclass(frozen=True)
class VideoInfo:
    duration: float  # seconds; 0 when the file does not say and its packets do not tell either
    width: int | None  # as the picture is seen: a phone's portrait video is reported upright
    height: int | None
    video_codec: str
    audio_codec: str
    format_name: str

    @property
    def has_video(self) -> bool:
        return bool(self.video_codec)

    @property
    def codec_problem(self) -> str:
        """Why some browsers will not play the file, or "" when every current browser will."""
        unusual = []
        if self.video_codec and self.video_codec not in BROWSER_VIDEO_CODECS:
            unusual.append(f"视频编码为 {codec_name(self.video_codec)}")
        if self.audio_codec and self.audio_codec not in BROWSER_AUDIO_CODECS:
            unusual.append(f"音频编码为 {codec_name(self.audio_codec)}")
        if not unusual:
            return ""
        return "，".join(unusual) + "，部分浏览器无法播放。建议重新导出为 MP4（H.264 视频 + AAC 音频）后替换文件。"

    @property
    def summary(self) -> str:
        """What was found, for editors: "H.264 视频 + AAC 音频，640×360，8 秒"."""
        parts = [f"{codec_name(self.video_codec)} 视频" if self.video_codec else "没有视频画面"]
        if self.audio_codec:
            parts[0] += f" + {codec_name(self.audio_codec)} 音频"
        if self.width and self.height:
            parts.append(f"{self.width}×{self.height}")
        if self.duration:
            parts.append(f"{self.duration:.0f} 秒")
        return "，".join(parts)


def codec_name(codec: str) -> str:
    return CODEC_NAMES.get(codec, codec.upper())


def _reason(error: Exception) -> str:
    """FFmpeg's own words for a failure, without the (temporary) file name it mentions."""
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


def sniff(stream) -> str | None:
    """The content type a file's first bytes reveal (not its name), e.g. "video/mp4"; None when unknown."""
    position = stream.tell() if hasattr(stream, "tell") else 0
    stream.seek(0)
    head = stream.read(SNIFF_BYTES)
    stream.seek(position)
    kind = filetype.guess(head)
    return kind.mime if kind else None


def _open(path: str):
    try:
        return av.open(path, metadata_errors="ignore")
    except (av.FFmpegError, OSError) as error:
        raise VideoError(f"FFmpeg 无法读取这个文件（{_reason(error)}），它可能已经损坏，或者不是视频。") from error


def _picture_stream(container):
    """The film's picture, not an attached cover image (MP3 and M4A files carry those as a "video" stream)."""
    return next(
        (s for s in container.streams.video if not s.disposition & av.stream.Disposition.attached_pic),
        None,
    )


def _duration(container, streams) -> float:
    """From the file's header; for files that do not record it (WebM from a browser's recorder), from the
    end of the last packet, which reads the whole file but decodes nothing."""
    if container.duration:
        return container.duration / av.time_base
    for stream in streams:
        if stream.duration and stream.time_base:
            return float(stream.duration * stream.time_base)
    end = 0.0
    for packet in container.demux(*streams):
        if packet.pts is not None and packet.time_base:
            end = max(end, float((packet.pts + (packet.duration or 0)) * packet.time_base))
    return end


def _first_rotation(container, stream) -> int:
    """The display rotation phones record; PyAV reports it on decoded frames."""
    try:
        for frame in container.decode(stream):
            return frame.rotation
    except av.FFmpegError:
        return 0  # the picture does not decode: poster_frame() reports that
    return 0


def probe(path: str) -> VideoInfo:
    """What the file contains. Raises VideoError when FFmpeg cannot read it at all."""
    with _open(path) as container:
        video = _picture_stream(container)
        audio = next(iter(container.streams.audio), None)
        streams = [s for s in (video, audio) if s is not None]
        if not streams:
            raise VideoError("文件里既没有画面也没有声音，无法播放。")
        try:
            duration = _duration(container, streams)
        except av.FFmpegError as error:
            raise VideoError(f"读取视频时出错（{_reason(error)}），文件可能不完整。") from error
        width = height = None
        if video is not None:
            width, height = video.codec_context.width or None, video.codec_context.height or None
            container.seek(0)
            if width and height and abs(_first_rotation(container, video)) % 180 == 90:
                width, height = height, width
        return VideoInfo(
            duration=duration,
            width=width,
            height=height,
            video_codec=video.codec_context.name if video is not None else "",
            audio_codec=audio.codec_context.name if audio is not None else "",
            format_name=container.format.name,
        )


def poster_time(duration: float) -> float:
    """A moment past the fade-in: a quarter of the way in, at most 5 seconds."""
    return round(min(max(duration, 0) * 0.25, 5.0), 2)


def poster_frame(path: str, at: float = 0.0) -> bytes:
    """The picture at `at` seconds (or the last one before the end) as JPEG, upright. Raises VideoError."""
    with _open(path) as container:
        stream = _picture_stream(container)
        if stream is None:
            raise VideoError("文件里没有视频画面，无法截取海报。")
        stream.thread_type = "AUTO"
        frame = None
        try:
            if at > 0 and stream.time_base:
                # To the key frame before `at`, then decode forward to it.
                container.seek(int(at / stream.time_base) + (stream.start_time or 0), stream=stream)
            for frame in container.decode(stream):
                if frame.time is None or frame.time >= at:
                    break
        except av.FFmpegError as error:
            raise VideoError(f"无法解码视频画面（{_reason(error)}），截不到海报。") from error
        if frame is None:
            raise VideoError("视频里解不出任何画面，截不到海报。")
        image = frame.to_image()
        if frame.rotation:
            image = image.rotate(frame.rotation, expand=True)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


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


# --- demonstration clips ---------------------------------------------------------------------------------
CLIP_SIZE = (640, 360)
CLIP_RATE = 25
SAMPLE_RATE = 44100
AUDIO_FRAME = 1024  # samples per frame, what the AAC encoder takes


def _gradient_strip(first: tuple, second: tuple, width: int) -> Image.Image:
    """One row, two screens wide, going from one colour to the other and back, so it can scroll forever."""
    strip = Image.new("RGB", (2 * width, 1))
    for x in range(2 * width):
        share = (1 - math.cos(2 * math.pi * x / width)) / 2
        strip.putpixel((x, 0), tuple(round(a + (b - a) * share) for a, b in zip(first, second, strict=True)))
    return strip


def make_test_clip(
    path: str, seconds: int, colours: tuple[str, str], tone: int, rotation: int = 0, picture: bool = True
) -> None:
    """An H.264/AAC MP4 of a scrolling colour gradient and a quiet sine tone (no text), for demonstration films;
    with picture=False, the tone alone (an M4A, as an audio-only interview is recorded).

    H.264 and AAC because every browser plays them (Safari and WeChat's browser do not play VP9/WebM reliably);
    a key frame every second so the transcript's jumps land at once; "faststart" puts the index before the
    pictures so playback begins before the whole file has arrived. `rotation` stores a phone-style display
    rotation, for tests. Raises VideoError.
    """
    first, second = (ImageColor.getrgb(colour) for colour in colours)
    strip = _gradient_strip(first, second, CLIP_SIZE[0])
    try:
        with av.open(path, mode="w", format="mp4", options={"movflags": "+faststart"}) as container:
            pictures = _picture_stream_for(container, rotation) if picture else None
            sound = container.add_stream("aac", rate=SAMPLE_RATE, layout="mono")
            sound.bit_rate = 48_000
            if pictures is None:  # no picture written first to give the sound its time base
                sound.time_base = Fraction(1, SAMPLE_RATE)
            else:
                _write_pictures(container, pictures, strip, seconds)
            total = seconds * SAMPLE_RATE
            step = 2 * math.pi * tone / SAMPLE_RATE
            for start in range(0, total, AUDIO_FRAME):
                count = min(AUDIO_FRAME, total - start)
                samples = array.array("f", (0.2 * math.sin(step * n) for n in range(start, start + count)))
                frame = av.AudioFrame(format="fltp", layout="mono", samples=count)
                frame.planes[0].update(samples.tobytes())
                frame.sample_rate, frame.pts, frame.time_base = SAMPLE_RATE, start, Fraction(1, SAMPLE_RATE)
                container.mux(sound.encode(frame))
            container.mux(sound.encode(None))
    except (av.FFmpegError, OSError) as error:
        raise VideoError(f"无法生成演示视频（{_reason(error)}）。") from error


def _picture_stream_for(container, rotation: int):
    stream = container.add_stream("libx264", rate=CLIP_RATE, options={"preset": "ultrafast", "crf": "30"})
    stream.width, stream.height, stream.pix_fmt = *CLIP_SIZE, "yuv420p"
    stream.codec_context.gop_size = CLIP_RATE
    if rotation:
        stream.set_display_rotation(rotation)
    return stream


def _write_pictures(container, stream, strip: Image.Image, seconds: int) -> None:
    width, height = CLIP_SIZE
    for index in range(seconds * CLIP_RATE):
        offset = (index * 4) % width
        image = strip.crop((offset, 0, offset + width, 1)).resize((width, height), Image.Resampling.NEAREST)
        frame = av.VideoFrame.from_image(image)
        frame.pts, frame.time_base = index, Fraction(1, CLIP_RATE)
        container.mux(stream.encode(frame))
    container.mux(stream.encode(None))
