"""Stand-in illustrations drawn with Pillow, so the demo needs no downloads. Credited as illustrations."""

import io
import random

from PIL import Image, ImageDraw

ILLUSTRATION_CREDIT = "示意插图（程序生成，非实景照片）"

# key: (title, alt text, seed, size)
IMAGES = {
    "exhibition-cover": ("展览封面：红色与金色的光芒", "红色背景上放射金色光芒的抽象示意图", 1, (1600, 900)),
    "story-cover": ("故事封面：会场示意", "一排排座位与主席台的抽象示意图", 2, (1600, 900)),
    "wall": ("劳模墙示意", "一面刻满名字的石墙的抽象示意图：石块上排列着细线", 3, (1600, 900)),
}


def draw_illustration(seed: int, size: tuple[int, int]) -> bytes:
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size, (158, 27, 31))
    draw = ImageDraw.Draw(image)
    for y in range(height):  # vertical gradient, deep red to darker red
        shade = int(40 * y / height)
        draw.line([(0, y), (width, y)], fill=(158 - shade, 27, 31))
    if seed == 3:  # stones of a wall with rows of carved "names"
        stone_w, stone_h = width // 5, height // 2
        for col in range(5):
            for row in range(2):
                x0, y0 = col * stone_w + 10, row * stone_h + 10
                draw.rectangle([x0, y0, x0 + stone_w - 20, y0 + stone_h - 20], fill=(120, 116, 108))
                for line in range(y0 + 30, y0 + stone_h - 40, 28):
                    for x in range(x0 + 20, x0 + stone_w - 60, 52):
                        draw.line([(x, line), (x + rng.randint(24, 40), line)], fill=(214, 190, 120), width=4)
    else:
        cx, cy = width // 2, height + height // 3
        for ray in range(36):
            angle_span = 180 / 36
            start = 180 + ray * angle_span
            if ray % 2 == 0:
                draw.pieslice(
                    [cx - width, cy - width, cx + width, cy + width], start, start + angle_span, fill=(184, 134, 11)
                )
        draw.ellipse([cx - 220, cy - 220, cx + 220, cy + 220], fill=(255, 215, 96))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()
