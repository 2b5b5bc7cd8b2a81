"""Draws the site's default share image (site/laomo/static/laomo/img/share-default.png) with Pillow.

It is committed, so this runs only when the design changes. 600×600: square, as WeChat crops share pictures,
and twice WeChat's 300 px minimum.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from PIL import Image, ImageDraw, ImageFont

from participation.share import DEFAULT_IMAGE, DEFAULT_IMAGE_SIZE

RED, GOLD, WHITE = (158, 27, 31), (184, 134, 11), (255, 255, 255)
FONT_CANDIDATES = [
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/System/Library/Fonts/Songti.ttc",
]


def chinese_font(size: int):
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size, index=2 if candidate.endswith(".ttc") else 0)
    return None


def draw(path: Path) -> None:
    width, height = DEFAULT_IMAGE_SIZE
    image = Image.new("RGB", (width, height), RED)
    pen = ImageDraw.Draw(image)
    pen.rectangle([18, 18, width - 19, height - 19], outline=GOLD, width=6)
    centre, radius, disc_middle = width // 2, 150, 240
    pen.ellipse([centre - radius, disc_middle - radius, centre + radius, disc_middle + radius], fill=WHITE)
    mark, name, motto = chinese_font(200), chinese_font(64), chinese_font(30)
    if mark is None:
        raise SystemExit("需要一个中文字体（如 fonts-noto-cjk）来绘制分享图。")
    pen.text((centre, disc_middle), "劳", font=mark, fill=RED, anchor="mm")
    pen.text((centre, 468), "劳模数字展馆", font=name, fill=WHITE, anchor="mm")
    pen.text((centre, 540), "劳模精神 · 劳动精神 · 工匠精神", font=motto, fill=(255, 236, 200), anchor="mm")
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "PNG", optimize=True)


class Command(BaseCommand):
    help = "绘制网站默认的分享图（微信与 Open Graph 使用，600×600）。"

    def handle(self, *args, **options):
        path = Path(settings.STATICFILES_DIRS[0]) / DEFAULT_IMAGE
        draw(path)
        self.stdout.write(self.style.SUCCESS(f"已生成 {path}"))
