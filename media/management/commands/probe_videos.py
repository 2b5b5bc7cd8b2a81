"""Fill in what ffprobe/ffmpeg can tell about videos uploaded before the tools were installed."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from wagtailmedia.models import get_media_model

from media import signals, video


class Command(BaseCommand):
    help = "为已上传的视频补上时长、分辨率和海报帧（需要 ffmpeg/ffprobe）。只填空着的值。"

    def handle(self, *args, **options):
        if not video.tools_available():
            raise CommandError("没有找到 ffmpeg/ffprobe：请先安装（如 apt-get install ffmpeg）。")
        media_model = get_media_model()
        missing = media_model.objects.filter(type="video").filter(
            Q(duration=0) | Q(width__isnull=True) | Q(height__isnull=True) | Q(thumbnail="")
        )
        done = 0
        for item in missing.iterator():
            signals.read_metadata(media_model, item)
            done += 1
            self.stdout.write(f"{item.title}：时长 {item.duration:.1f} 秒，{item.width or '?'}×{item.height or '?'}")
        self.stdout.write(self.style.SUCCESS(f"已检查 {done} 个视频。"))
