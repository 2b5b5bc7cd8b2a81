"""Check uploaded videos whose file has not been checked yet (uploaded before the check existed), or all of them."""

from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef

from wagtailmedia.models import get_media_model

from media import signals
from media.models.films import VideoCheck


class Command(BaseCommand):
    help = "检查已上传的视频：补上空着的时长、分辨率和海报帧，并记下读不出的原因（显示在影片的后台页面）。"

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="也重新检查已经检查过的视频。")

    def handle(self, *args, **options):
        media_model = get_media_model()
        videos = media_model.objects.filter(type="video").exclude(file="").order_by("pk")
        if not options["all"]:
            checked = VideoCheck.objects.filter(media=OuterRef("pk"), file_name=OuterRef("file"))
            videos = videos.exclude(Exists(checked))
        done = failed = 0
        for item in videos.iterator():
            check = signals.check_media(item)
            done += 1
            line = f"{item.title}：时长 {item.duration:.1f} 秒，{item.width or '?'}×{item.height or '?'}"
            if check.problems():
                failed += 1
                self.stdout.write(self.style.WARNING(f"{line}。问题：{' '.join(check.problems())}"))
            else:
                self.stdout.write(line)
        summary = f"已检查 {done} 个视频，{failed} 个有问题。"
        self.stdout.write(self.style.WARNING(summary) if failed else self.style.SUCCESS(summary))
