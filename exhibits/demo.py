"""The hall's demo content, seeded by load_demo through the laomo_demo_content hook.

Only facts from the 2020 source text (shared/source/000_56aa19a3d98538ef.txt). The artwork pictures are drawn
here with Pillow and credited as illustrations: they stand in for works of the “为人民服务·为劳模造像” project
and say so. Idempotent: what exists (by slug or image title) is kept as editors left it.
"""

import io
import math
import random

from django.core.files.images import ImageFile

from PIL import Image, ImageDraw, ImageFilter

from archive.models import Honoree
from core.demo_images import ILLUSTRATION_CREDIT
from core.demo_translations import english_copy
from core.fallback import originals
from media.models import SiteImage

from . import catalogue
from .models import (
    ArtworkGalleryPage,
    ExhibitionPage,
    ExhibitionSectionPage,
    HallIndexPage,
    LessonIndexPage,
    LessonPage,
    StoryPage,
)
from .models.lessons import Grade, Subject

ILLUSTRATION_NOTE = "本图为程序生成的示意插图，用来演示艺术作品的陈列方式，并非“为人民服务·为劳模造像”活动的真实作品。"

# key: (title, alt text, style, size)
IMAGES = {
    "sketch-zhang": (
        "示意插图：张广义肖像（素描习作）",
        "素描风格的示意插图：灰色线条勾出一位老师傅的头像轮廓，手边是一支钢笔",
        "sketch",
        (1200, 1500),
    ),
    "oil-wang": (
        "示意插图：守护城市的灯火（油画习作）",
        "油画风格的示意插图：深蓝夜空下一座输电铁塔，远处城市亮着暖黄的灯光",
        "oil",
        (1500, 1200),
    ),
    "watercolour-liu": (
        "示意插图：冰面（水彩习作）",
        "水彩风格的示意插图：浅蓝色的冰面上晕开白色与青色的色块",
        "watercolour",
        (2000, 1333),  # wide enough for the full-width picture that opens the 为劳模造像 section
    ),
}


def draw(style: str, size: tuple[int, int], seed: int) -> bytes:
    """A stand-in picture in the manner of a sketch, an oil study or a watercolour."""
    rng = random.Random(seed)
    width, height = size
    if style == "sketch":
        image = Image.new("RGB", size, (238, 233, 222))
        pen = ImageDraw.Draw(image)
        cx, cy = width // 2, int(height * 0.38)
        for _ in range(900):  # hatching around a head and shoulders
            angle = rng.uniform(0, 6.283)
            r = rng.gauss(1, 0.04)
            x = cx + int(width * 0.2 * r * math.cos(angle))
            y = cy + int(height * 0.2 * r * math.sin(angle))
            pen.line([(x, y), (x + rng.randint(-40, 40), y + rng.randint(10, 50))], fill=(70, 70, 70), width=2)
        for _ in range(700):
            x = rng.randint(int(width * 0.1), int(width * 0.9))
            y = rng.randint(int(height * 0.66), height - 40)
            pen.line([(x, y), (x + rng.randint(20, 60), y - rng.randint(0, 30))], fill=(95, 95, 95), width=2)
        pen.rectangle([width * 0.62, height * 0.78, width * 0.86, height * 0.80], fill=(30, 30, 30))  # a fountain pen
        pen.polygon(
            [(width * 0.86, height * 0.775), (width * 0.9, height * 0.79), (width * 0.86, height * 0.805)],
            fill=(30, 30, 30),
        )
        image = image.filter(ImageFilter.SMOOTH)
    elif style == "oil":
        image = Image.new("RGB", size, (22, 34, 74))
        pen = ImageDraw.Draw(image)
        for _ in range(2500):  # thick dabs: sky above, warm city lights below
            x, y = rng.randint(0, width), rng.randint(0, height)
            if y > height * 0.72:
                colour = rng.choice([(236, 170, 60), (200, 120, 40), (60, 50, 70), (250, 214, 120)])
            else:
                colour = rng.choice([(25, 40, 90), (35, 55, 110), (18, 28, 64), (50, 70, 130)])
            pen.ellipse([x, y, x + rng.randint(18, 46), y + rng.randint(8, 20)], fill=colour)
        gold = (214, 174, 82)
        base_l, base_r, top = (width * 0.38, height * 0.9), (width * 0.62, height * 0.9), (width * 0.5, height * 0.12)
        pen.line([base_l, top, base_r], fill=gold, width=10)  # a pylon
        for level in range(1, 6):
            t = level / 6
            y = top[1] + (base_l[1] - top[1]) * t
            half = (base_r[0] - base_l[0]) / 2 * t
            pen.line([(width * 0.5 - half, y), (width * 0.5 + half, y)], fill=gold, width=6)
        pen.line([(0, height * 0.3), (width * 0.5, height * 0.2), (width, height * 0.28)], fill=gold, width=3)
    else:
        image = Image.new("RGB", size, (226, 238, 244))
        pen = ImageDraw.Draw(image)
        for _ in range(60):  # washes
            x, y = rng.randint(-200, width), rng.randint(-200, height)
            colour = rng.choice([(150, 196, 222), (190, 220, 236), (120, 170, 200), (245, 250, 252)])
            pen.ellipse([x, y, x + rng.randint(200, 500), y + rng.randint(120, 300)], fill=colour)
        image = image.filter(ImageFilter.GaussianBlur(28))
        pen = ImageDraw.Draw(image)
        for i in range(6):  # skate marks on the ice
            y = height * (0.55 + i * 0.06)
            pen.arc([width * 0.1, y - 200, width * 0.9, y + 200], 200, 340, fill=(255, 255, 255), width=4)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def load_images() -> dict[str, int]:
    ids = {}
    for seed, (key, (title, alt, style, size)) in enumerate(IMAGES.items(), start=11):
        image = SiteImage.objects.filter(title=title).first()
        if image is None:
            image = SiteImage(title=title, description=alt, credit=ILLUSTRATION_CREDIT)
            image.file = ImageFile(io.BytesIO(draw(style, size, seed)), name=f"demo-{key}.jpg")
            image.save()
        ids[key] = image.pk
    return ids


def p(*paragraphs):
    return {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in paragraphs)}


def artwork(title, medium, image, honoree, description):
    return {
        "type": "artwork",
        "value": {
            "title": title,
            "artist": "示意插图（程序生成）",
            "medium": medium,
            "year": None,
            "dimensions": "",
            "image": f"#{image}",
            "description": f"{description}\n{ILLUSTRATION_NOTE}",
            "honoree": f"@{honoree}",
        },
    }


PORTRAITS = {
    "title": "为劳模造像",
    "slug": "portraits",
    # The section also shows the four picture layouts of the hall: a full-width picture, a gallery strip, image
    # beside text and a quotation over a picture.
    "body": [
        {
            "type": "full_width_image",
            "value": {
                "image": "#watercolour-liu",
                "caption": "水彩示意：冰面。刘博强是保障2022北京冬奥的制冰师。",
                "credit": "",
            },
        },
        p(
            "北京市总工会创新性地与中央美术学院联合主办“为人民服务·为劳模造像”大型活动，"
            "通过雕塑、油画、中国画、水彩、素描等艺术形式记录当代劳模的风采。",
            "本单元演示艺术作品在网上展厅中的陈列方式：下面的图像都是本馆用程序生成的示意插图，不是活动的真实作品；"
            "真实作品的图片与说明由编辑在获得授权后替换。",
        ),
        artwork(
            "修笔人——张广义肖像",
            "素描",
            "sketch-zhang",
            "SRC-0001",
            "张广义将修钢笔这门手艺做成了一辈子的事业，2020年时已88岁，曾荣获“北京市劳动模范”和“全国商业系统劳动模范”称号。",
        ),
        artwork(
            "守护城市的灯火——王月鹏",
            "油画",
            "oil-wang",
            "SRC-0002",
            "2020年抗击新冠肺炎疫情期间，国网北京昌平供电公司王月鹏和同事们在小汤山工程建设一线加班加点，"
            "全力确保防疫相关重要用户和老百姓不停电。",
        ),
        artwork(
            "冰面——刘博强",
            "水彩",
            "watercolour-liu",
            "SRC-0005",
            "刘博强是保障2022北京冬奥的制冰师。",
        ),
        {
            "type": "gallery_strip",
            "value": {
                "heading": "示意插图一览",
                "images": [
                    {"image": "#sketch-zhang", "caption": "素描示意：张广义", "alt": ""},
                    {"image": "#oil-wang", "caption": "油画示意：王月鹏", "alt": ""},
                    {"image": "#watercolour-liu", "caption": "水彩示意：刘博强", "alt": ""},
                    {
                        "image": "#wall",
                        "caption": "劳模墙示意：镌刻着1197名全国劳模和11861名北京市劳动模范的姓名",
                        "alt": "",
                    },
                ],
            },
        },
        {
            "type": "two_column",
            "value": {
                "image": "#sketch-zhang",
                "image_position": "right",
                "caption": "素描示意",
                "credit": "",
                "heading": "用艺术记录劳模风采",
                "text": "<p>除美术作品外，市总工会创作的歌曲《劳动模范》被全总文工团采用并进行全国巡演，"
                "还拍摄完成了近百名劳模微电影，并组织陆续播出。</p>",
            },
        },
        {
            "type": "quote_image",
            "value": {
                "text": "我是一名产业工人，也是一名工匠。我会以更高的标准严格要求自己，为百姓传递光明送去温暖，"
                "为服务首都经济社会发展贡献力量。",
                "speaker": "王月鹏",
                "source": "",
                "image": "#oil-wang",
                "credit": "",
            },
        },
    ],
}

ILLUSTRATION_NOTE_EN = (
    "This picture is an illustration generated by a program to show how artworks are displayed; it is not a real "
    "work from the “Serve the People: Portraits of Model Workers” project."
)


def artwork_en(title, medium, image, honoree, description):
    """The English of artwork(): `medium` stays the block's own choice (素描, 油画, 水彩), shown translated."""
    block = artwork(title, medium, image, honoree, "")
    block["value"].update(
        artist="Illustration (generated by a program)", description=f"{description}\n{ILLUSTRATION_NOTE_EN}"
    )
    return block


# The English translation of the section (core/demo_translations.py), saying only what the Chinese says.
PORTRAITS_EN = {
    "title": "Portraits of model workers",
    "body": [
        {
            "type": "full_width_image",
            "value": {
                "image": "#watercolour-liu",
                "caption": "Watercolour (illustration): ice. Liu Boqiang is the ice maker who served the 2022 Beijing "
                "Winter Olympics.",
                "credit": "",
            },
        },
        p(
            "In a new departure, the Beijing Federation of Trade Unions and the Central Academy of Fine Arts jointly "
            "organised the large project “Serve the People: Portraits of Model Workers”, recording today's model "
            "workers in sculpture, oil painting, Chinese painting, watercolour and drawing.",
            "This section shows how artworks are displayed in the online hall: the pictures below are illustrations "
            "generated by a program for this site, not real works from the project; editors will replace them with "
            "pictures and descriptions of the real works once permission has been given.",
        ),
        artwork_en(
            "The pen mender: portrait of Zhang Guangyi",
            "素描",
            "sketch-zhang",
            "SRC-0001",
            "Zhang Guangyi made repairing fountain pens the work of a lifetime. In 2020 he was 88 years old; he had "
            "been named a Beijing Model Worker and a National Model Worker of the Commerce Sector.",
        ),
        artwork_en(
            "Keeping the city's lights on: Wang Yuepeng",
            "油画",
            "oil-wang",
            "SRC-0002",
            "During the fight against the COVID-19 epidemic in 2020, Wang Yuepeng of State Grid Beijing Changping "
            "Power Supply Company and his colleagues worked long extra hours on the Xiaotangshan construction site, "
            "doing all they could to make sure that key users in epidemic prevention and ordinary households never "
            "lost power.",
        ),
        artwork_en(
            "Ice: Liu Boqiang",
            "水彩",
            "watercolour-liu",
            "SRC-0005",
            "Liu Boqiang is the ice maker who served the 2022 Beijing Winter Olympics.",
        ),
        {
            "type": "gallery_strip",
            "value": {
                "heading": "The illustrations at a glance",
                "images": [
                    {"image": "#sketch-zhang", "caption": "Drawing (illustration): Zhang Guangyi", "alt": ""},
                    {"image": "#oil-wang", "caption": "Oil painting (illustration): Wang Yuepeng", "alt": ""},
                    {"image": "#watercolour-liu", "caption": "Watercolour (illustration): Liu Boqiang", "alt": ""},
                    {
                        "image": "#wall",
                        "caption": "The Model Worker Wall (illustration), carved with the names of 1,197 national "
                        "and 11,861 Beijing model workers",
                        "alt": "",
                    },
                ],
            },
        },
        {
            "type": "two_column",
            "value": {
                "image": "#sketch-zhang",
                "image_position": "right",
                "caption": "Drawing (illustration)",
                "credit": "",
                "heading": "Recording model workers through art",
                "text": "<p>Besides works of fine art, the Federation's song “Model Workers” was taken up by the "
                "art troupe of the All-China Federation of Trade Unions and performed on a national tour, and short "
                "films about nearly a hundred model workers were completed and are being shown one after another.</p>",
            },
        },
        {
            "type": "quote_image",
            "value": {
                "text": "I am an industrial worker, and a craftsman too. I will hold myself to ever higher standards, "
                "bring light and warmth to ordinary people, and contribute to the capital's economic and social "
                "development.",
                "speaker": "Wang Yuepeng",
                "source": "",
                "image": "#oil-wang",
                "credit": "",
            },
        },
    ],
}

ARTWORK_GALLERY = {
    "title": "为劳模造像",
    "slug": "artworks",
    "intro": "“为人民服务·为劳模造像”：通过雕塑、油画、中国画、水彩、素描等艺术形式记录当代劳模的风采。"
    "这里汇集网上展厅各展览与故事中的艺术作品，可按类别浏览。",
}

ARTWORK_GALLERY_EN = {
    "title": "Portraits of model workers",
    "intro": "“Serve the People: Portraits of Model Workers”: recording today's model workers in sculpture, oil "
    "painting, Chinese painting, watercolour and drawing. Here are the artworks from the online hall's exhibitions "
    "and stories, to browse by kind.",
}

LESSON_INDEX = {
    "title": "劳动教育课堂",
    "slug": "lessons",
    "intro": "面向中小学的劳动教育课例：每课有学习目标、活动步骤、讨论问题与课后作业，可打印，也可下载学习单。",
}


LESSON_INDEX_EN = {
    "title": "Labour education classroom",
    "intro": "Labour education lessons for primary and secondary schools: each lesson has learning objectives, "
    "activities, discussion questions and homework, and can be printed, with a worksheet to download.",
}


def step(title, minutes, instructions):
    return {"type": "step", "value": {"title": title, "minutes": minutes, "instructions": instructions}}


def items(block_type, *values):
    return [{"type": block_type, "value": value} for value in values]


LESSONS = [
    {
        "title": "一生只干一件事——跟张广义爷爷学工匠精神",
        "slug": "zhang-guangyi-craftsmanship",
        "grade": Grade.PRIMARY_MIDDLE,
        "subject": Subject.LABOUR,
        "periods": 1,
        "lead": "88岁的张广义将修钢笔这门手艺做成了一辈子的事业。通过他的故事，认识“执着专注、精益求精、一丝不苟、追求卓越”的工匠精神，"
        "并在整理、爱护自己文具的劳动中体会“干到最好”。",
        "honorees": ["SRC-0001"],
        "resources": [("exhibition-section", "one-craft"), ("exhibition-section", "portraits")],
        "objectives": items(
            "objective",
            "能讲出张广义爷爷修钢笔的故事：他把一门手艺做成了一辈子的事业。",
            "能说出工匠精神的十六个字：执着专注、精益求精、一丝不苟、追求卓越。",
            "在整理、爱护文具的劳动中，做到认真细致、干到最好。",
        ),
        "materials": items("item", "一支钢笔（或图片）", "网上展厅“一生只干一件事”单元", "每人自己的铅笔盒和文具"),
        "activities": [
            step("看一看", 5, "出示一支钢笔，请同学们说说在哪里见过钢笔、钢笔坏了怎么办。"),
            step(
                "读一读",
                10,
                "一起阅读展厅“一生只干一件事”单元：2020年春节前夕，北京市委书记蔡奇来到东四南大街103号看望劳模张广义。"
                "88岁的张广义将修钢笔这门手艺做成了一辈子的事业，曾荣获“北京市劳动模范”和“全国商业系统劳动模范”称号。",
            ),
            step(
                "想一想",
                10,
                "朗读蔡奇的话：“一生只干一件事，而且干到最好，这就是精益求精的工匠精神。”说说“干到最好”是什么样子。"
                "认读工匠精神的十六个字。",
            ),
            step(
                "做一做",
                15,
                "整理自己的铅笔盒：把文具擦干净、摆整齐，把坏了的文具试着修一修或请大人帮忙。同桌互相看一看，谁做得最细致。",
            ),
            step("说一说", 5, "请几位同学说说整理时是怎么做到“一丝不苟”的。"),
        ],
        "questions": items(
            "question",
            "张广义爷爷把哪一门手艺做成了一辈子的事业？",
            "“一生只干一件事，而且干到最好”，你是怎么理解这句话的？",
            "工匠精神的十六个字是什么？你在做哪件事的时候，也可以做到“精益求精”？",
        ),
        "assignment": "回家后，认真整理一次自己的书包和书桌，请家长拍一张整理后的照片；写下你是怎样做到“干到最好”的（不少于三句话）。",
    },
    {
        "title": "二十四个字的劳模精神——劳模精神、劳动精神与工匠精神",
        "slug": "model-worker-spirit",
        "grade": Grade.JUNIOR,
        "subject": Subject.MORALITY,
        "periods": 1,
        "lead": "2020年11月24日，习近平总书记在全国劳动模范和先进工作者表彰大会上概括了劳模精神、劳动精神、工匠精神。"
        "本课认识劳模精神的二十四个字，辨析它与劳动精神、工匠精神的不同，并用资料中北京劳模的事例加以理解。",
        "honorees": ["SRC-0003", "SRC-0007", "SRC-0008"],
        "resources": [("exhibition-section", "spirit"), ("exhibition-section", "master-craftsmen")],
        "objectives": items(
            "objective",
            "准确说出劳模精神的二十四个字：爱岗敬业、争创一流、艰苦奋斗、勇于创新、淡泊名利、甘于奉献。",
            "说出劳动精神（崇尚劳动、热爱劳动、辛勤劳动、诚实劳动）和工匠精神（执着专注、精益求精、一丝不苟、追求卓越）的内容，比较三者的侧重点。",
            "结合孙泽洲、陶建伟、朱忠义等北京劳模的事例，说明劳模精神怎样体现在具体的工作中。",
        ),
        "materials": items(
            "item",
            "网上展厅“序厅：劳模精神”与“新时代的大国工匠”单元",
            "词语卡片：三种精神的十四个词，每词一张",
        ),
        "activities": [
            step(
                "导入",
                5,
                "出示资料原文：在长期实践中，我们培育形成了爱岗敬业、争创一流、艰苦奋斗、勇于创新、淡泊名利、甘于奉献的劳模精神，"
                "崇尚劳动、热爱劳动、辛勤劳动、诚实劳动的劳动精神，执着专注、精益求精、一丝不苟、追求卓越的工匠精神。",
            ),
            step("分一分", 10, "小组合作：把打乱的词语卡片分到三种精神之下，说明分类的理由，再与原文核对。"),
            step(
                "比一比",
                12,
                "讨论三种精神各自的侧重点（提示：劳动精神面向对待劳动的态度，工匠精神面向做事的品质，劳模精神面向劳动模范身上的品格），"
                "再读资料原文：三者都是以爱国主义为核心的民族精神和以改革创新为核心的时代精神的生动体现。",
            ),
            step(
                "找一找",
                13,
                "阅读“新时代的大国工匠”单元：探访“嫦娥”的航天人孙泽洲、用匠心守初心的“电梯医生”陶建伟、为超级工程塑筋骨的“当代鲁班”朱忠义……"
                "资料说他们以自己的实际行动诠释了伟大劳模精神。每组选一位，找出最能体现的两个词。",
            ),
            step("小结", 5, "全班齐读劳模精神的二十四个字。"),
        ],
        "questions": items(
            "question",
            "劳模精神的二十四个字分别是什么？",
            "劳动精神与劳模精神有什么不同？为什么说它们又是相通的？",
            "工匠精神讲“执着专注、精益求精”。“用匠心守初心的‘电梯医生’”这个称呼，让你想到工匠精神中的哪些词？",
        ),
        "assignment": "从资料提到的北京劳模中选一位（如孙泽洲、陶建伟、朱忠义），写一段200字左右的短文：他的事迹体现了劳模精神中的哪几个词？为什么？",
    },
    {
        "title": "抗疫中的劳动者——小汤山的电力保障与疫情流调",
        "slug": "workers-against-the-epidemic",
        "grade": Grade.SENIOR,
        "subject": Subject.LABOUR,
        "periods": 2,
        "lead": "在突如其来的新冠肺炎疫情面前，广大劳动者共同守护了城市的正常运转。本课通过国网北京昌平供电公司王月鹏在小汤山工程建设一线的坚守，"
        "和疫情流调指挥长曾晓岚的岗位，认识平凡岗位上的劳模精神。",
        "honorees": ["SRC-0002", "SRC-0004"],
        "resources": [("exhibition-section", "keeping-the-lights-on"), ("story", "2020-beijing-commendation")],
        "objectives": items(
            "objective",
            "概述王月鹏和同事们在小汤山工程建设一线保障供电的事迹，理解“为百姓传递光明送去温暖”的含义。",
            "认识疫情流调等岗位在疫情防控中的作用，理解资料所说“筑牢了常态化疫情防控的社会大防线”。",
            "联系身边的劳动者，写一篇访谈记录，体会“劳动创造生活、劳动创造幸福、劳动创造未来”。",
        ),
        "materials": items(
            "item",
            "网上展厅“守护城市的灯火”单元",
            "故事《北京市召开大会表彰劳动模范和先进工作者》",
            "访谈提纲（课上共同拟定）",
        ),
        "activities": [
            step(
                "阅读资料",
                20,
                "阅读：在今年抗击新冠肺炎疫情期间，国网北京昌平供电公司王月鹏和同事们在小汤山工程建设一线加班加点，"
                "全力确保防疫相关重要用户和老百姓不停电，满足复工复产用电需求，他也在2020年被评为“全国劳动模范”。",
            ),
            step(
                "研读话语",
                20,
                "小组研读王月鹏的话：“我是一名产业工人，也是一名工匠。我会以更高的标准严格要求自己，为百姓传递光明送去温暖，"
                "为服务首都经济社会发展贡献力量。”讨论“产业工人”与“工匠”两个身份。",
            ),
            step(
                "认识岗位",
                20,
                "资料把曾晓岚称为“疫情流调指挥长”。各组查阅公开资料，说明流行病学调查是一项什么样的工作，需要劳动者具备哪些品质；"
                "只写有来源的内容，并注明来源。",
            ),
            step("拟定提纲", 20, "全班共同拟定访谈提纲：岗位、疫情期间的一天、最难的时候、对“劳动”的理解。"),
            step("交流小结", 10, "各组交流，教师小结：劳模是千千万万奋斗在各行各业劳动者中的杰出代表。"),
        ],
        "questions": items(
            "question",
            "王月鹏说“我是一名产业工人，也是一名工匠”。你怎样理解这句话？",
            "资料说广大劳动者“共同守护了我们这座城市的正常运转”。疫情期间，哪些岗位的劳动者在守护城市？请结合资料与身边见闻举例。",
            "流调工作需要怎样的劳动品质？它和劳模精神中的哪些词相通？",
        ),
        "assignment": "采访一位在疫情期间坚守岗位的身边劳动者（家人、社区工作者、快递员、医护人员等），按课上拟定的提纲写一篇不少于800字的访谈记录，"
        "并用劳模精神、劳动精神或工匠精神中的一个词作为标题。",
    },
]


def _resource_page(kind: str, slug: str):
    model = {"exhibition-section": ExhibitionSectionPage, "story": StoryPage}[kind]
    return originals(model.objects.filter(slug=slug)).first()


def load(command) -> None:
    home_hall = originals(HallIndexPage.objects.all()).first()
    exhibition = originals(ExhibitionPage.objects.filter(slug="glory-to-workers")).first()
    if home_hall is None or exhibition is None:
        command.stdout.write("网上展厅：未找到第一个展览，跳过展厅演示内容")
        return
    image_ids = {**command.load_images(), **load_images()}  # the site's demo pictures (the wall) and the hall's
    portraits = command.child(
        exhibition,
        ExhibitionSectionPage,
        PORTRAITS["slug"],
        title=PORTRAITS["title"],
        body=command.resolve(PORTRAITS["body"], image_ids),
    )
    # Its pictures' sizes are made now (an AVIF takes about a second), not while its first visitor waits. Under
    # production settings before collectstatic, rendering cannot name the static files yet: the sizes are then
    # made on the first visit instead.
    try:
        portraits.body.render_as_block()
    except ValueError as error:  # ManifestStaticFilesStorage: "Missing staticfiles manifest entry"
        command.stdout.write(f"网上展厅：图片尺寸将在首次访问时生成（{error}）")
    english_copy(portraits, title=PORTRAITS_EN["title"], body=command.resolve(PORTRAITS_EN["body"], image_ids))
    gallery = command.child(
        home_hall,
        ArtworkGalleryPage,
        ARTWORK_GALLERY["slug"],
        title=ARTWORK_GALLERY["title"],
        intro=ARTWORK_GALLERY["intro"],
    )
    english_copy(gallery, **ARTWORK_GALLERY_EN)
    load_lessons(command, home_hall.get_parent())
    pages = catalogue.rebuild()
    command.stdout.write(command.style.SUCCESS(f"网上展厅：艺术作品与展览中的劳模已索引（{pages} 个页面）"))


def load_lessons(command, home) -> None:
    index = command.child(
        home,
        LessonIndexPage,
        LESSON_INDEX["slug"],
        title=LESSON_INDEX["title"],
        intro=LESSON_INDEX["intro"],
        show_in_menus=True,
    )
    english_copy(index, **LESSON_INDEX_EN)
    created = 0
    for spec in LESSONS:
        if LessonPage.objects.child_of(index).filter(slug=spec["slug"]).exists():
            continue
        resources = [page for kind, slug in spec["resources"] if (page := _resource_page(kind, slug))]
        lesson = LessonPage(
            title=spec["title"],
            slug=spec["slug"],
            lead=spec["lead"],
            grade=spec["grade"],
            subject=spec["subject"],
            periods=spec["periods"],
            objectives=spec["objectives"],
            materials=spec["materials"],
            activities=spec["activities"],
            questions=spec["questions"],
            assignment=spec["assignment"],
            resources=[{"type": "page", "value": page.pk} for page in resources],
        )
        lesson.honorees.set(Honoree.objects.filter(external_id__in=spec["honorees"]))
        index.add_child(instance=lesson)
        lesson.save_revision().publish()
        created += 1
    command.stdout.write(f"课堂：新建课例 {created} 个")
