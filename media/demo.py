"""Demo films and a gallery (the `laomo_demo_content` hook). Idempotent: only what is missing is created.

The words come from the 2020 source text. The pictures do not: each film is a short test pattern generated with
PyAV (a scrolling colour gradient and a sine tone, no text; H.264/AAC MP4) with WebVTT captions made from its
transcript. Every summary says these are demonstration clips.
"""

import os
import tempfile

from django.core.files import File
from django.core.files.base import ContentFile

from wagtailmedia.models import get_media_model

from archive.models import Honoree
from core.demo_translations import english_copy
from core.extensions import site_home

from . import video
from .captions import Cue, to_vtt
from .models import Caption, FilmIndexPage, FilmPage, FilmTheme, GalleryPage, SiteImage
from .models.films import VideoCheck
from .timecodes import format_clock

CLIP_SECONDS = 8
DEMO_LABEL = "演示片段（程序生成的测试画面与提示音，并非真实的劳模微电影；文字稿依据2020年的报道撰写）。"
PRODUCER = "劳模数字展馆（演示）"

THEMES = [
    ("大国工匠", "da-guo-gong-jiang", "新时期北京走出的技术领军人才。"),
    ("抗疫一线", "kang-yi-yi-xian", "抗击新冠肺炎疫情中守护城市正常运转的劳动者。"),
    ("冬奥保障", "dong-ao-bao-zhang", "保障2022年北京冬奥会的劳动者。"),
    ("匠心传承", "jiang-xin-chuan-cheng", "一生只干一件事的老手艺人。"),
]

FILMS = [
    {
        "slug": "zhang-guangyi",
        "title": "一生只干一件事",
        "summary": "88岁的张广义将修钢笔这门手艺做成了一辈子的事业。2020年春节前夕，北京市委书记蔡奇来到东四南大街103号看望他。",
        "themes": ["匠心传承"],
        "honorees": ["SRC-0001"],
        "colours": ("#9e1b1f", "#ffd760"),
        "tone": 392,
        "chapters": [(0, "东四南大街103号"), (4, "精益求精的工匠精神")],
        "transcript": [
            (0, "东四南大街103号，88岁的张广义将修钢笔这门手艺做成了一辈子的事业。"),
            (2, "他曾荣获“北京市劳动模范”和“全国商业系统劳动模范”称号。"),
            (4, "2020年春节前夕，北京市委书记蔡奇来到这里看望他。"),
            (6, "“一生只干一件事，而且干到最好，这就是精益求精的工匠精神。”"),
        ],
    },
    {
        "slug": "wang-yuepeng",
        "title": "守护小汤山的灯火",
        "summary": "2020年抗击新冠肺炎疫情期间，国网北京昌平供电公司的王月鹏和同事们在小汤山工程建设一线加班加点，"
        "确保防疫相关重要用户和老百姓不停电。",
        "themes": ["抗疫一线"],
        "honorees": ["SRC-0002"],
        "colours": ("#1a3a6b", "#f2c14e"),
        "tone": 440,
        "chapters": [(0, "小汤山工程建设一线"), (4, "“我也是一名工匠”")],
        "transcript": [
            (0, "2020年抗击新冠肺炎疫情期间，国网北京昌平供电公司的王月鹏和同事们在小汤山工程建设一线加班加点。"),
            (2, "他们全力确保防疫相关重要用户和老百姓不停电，满足复工复产用电需求。"),
            (4, "“我是一名产业工人，也是一名工匠。我会以更高的标准严格要求自己，为百姓传递光明送去温暖。”"),
            (6, "同年，王月鹏被评为全国劳动模范。"),
        ],
    },
    {
        "slug": "master-craftsmen",
        "title": "新时代的大国工匠",
        "summary": "探访“嫦娥”的航天人、疫情流调指挥长、冬奥制冰师、奶业技术担当、“电梯医生”和“当代鲁班”——"
        "新时期北京走出的技术领军人才。",
        "themes": ["大国工匠", "冬奥保障", "抗疫一线"],
        "honorees": ["SRC-0003", "SRC-0004", "SRC-0005", "SRC-0006", "SRC-0007", "SRC-0008"],
        "colours": ("#3b2f2f", "#b8860b"),
        "tone": 330,
        "chapters": [(0, "技术领军人才"), (6, "挺起行业发展的脊梁")],
        "transcript": [
            (0, "新时期，北京走出了一大批技术领军人才，乃至“大国工匠”。"),
            (2, "探访“嫦娥”的航天人孙泽洲、疫情流调指挥长曾晓岚、保障2022北京冬奥的制冰师刘博强，"),
            (4, "中国奶业技术担当陈历俊、用匠心守初心的“电梯医生”陶建伟、为超级工程塑筋骨的“当代鲁班”朱忠义。"),
            (6, "他们用实干与信念挺起了北京乃至国家级相关行业发展的脊梁。"),
        ],
    },
]

INDEX = {
    "slug": "films",
    "title": "劳模微电影",
    "intro": "以劳模和工匠为原型的微电影：看他们的故事，读文字稿，按主题、年份和人物查找。"
    "北京市总工会拍摄完成了近百名劳模微电影；本站目前展示的是演示片段。",
}

# The index's English translation (core/demo_translations.py); the demo films themselves stay Chinese.
INDEX_EN = {
    "title": "Model worker films",
    "intro": "Short films based on model workers and craftsmen: watch their stories, read the transcripts, and find "
    "films by theme, year and person. The Beijing Federation of Trade Unions has completed films about nearly a "
    "hundred model workers; this site shows demonstration clips for now.",
}

GALLERY = {
    "slug": "gallery",
    "title": "展馆图片集",
    "intro": "展馆中的示意插图与微电影画面。本页图片均为程序生成的示意图或演示片段截图，并非实景照片。点开图片可放大浏览。",
}


def load_demo_media(command) -> None:
    home = site_home()
    if home is None:
        return
    themes = {}
    for order, (name, slug, description) in enumerate(THEMES):
        themes[name], _ = FilmTheme.objects.get_or_create(
            name=name, defaults={"slug": slug, "description": description, "sort_order": order * 10}
        )
    index = FilmIndexPage.objects.child_of(home).first()
    if index is None:
        index = FilmIndexPage(slug=INDEX["slug"], title=INDEX["title"], intro=INDEX["intro"], show_in_menus=True)
        home.add_child(instance=index)
        index.save_revision().publish()
    english_copy(index, **INDEX_EN)
    created = upgraded = 0
    for spec in FILMS:
        film = FilmPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if film is not None:
            if film.specific.video_id is None and give_clip(film.specific, spec):
                upgraded += 1
            continue
        film = FilmPage(
            slug=spec["slug"],
            title=spec["title"],
            summary=DEMO_LABEL + spec["summary"],
            year=2020,
            producer=PRODUCER,
            chapters="\n".join(f"{format_clock(t)} {text}" for t, text in spec["chapters"]),
            transcript="\n".join(f"{format_clock(t)} {text}" for t, text in spec["transcript"]),
            video=demo_clip(spec),
        )
        film.captions = [demo_captions(spec)]
        film.themes = [themes[name] for name in spec["themes"]]
        film.honorees = list(Honoree.objects.filter(external_id__in=spec["honorees"]))
        index.add_child(instance=film)
        film.save_revision().publish()
        created += 1
    command.stdout.write(f"微电影：新建 {created} 部" + (f"，为 {upgraded} 部换上演示视频" if upgraded else ""))
    load_gallery(home)


def give_clip(film: FilmPage, spec) -> bool:
    """A demo film from before the clips were made in-process (an external link, a drawn poster) gets its clip."""
    if film.embed_url and "search" not in film.embed_url:
        return False  # an editor gave it a real film elsewhere: leave it
    film.video, film.embed_url = demo_clip(spec), ""
    if film.poster_id and film.poster.title.endswith("海报（示意）"):
        film.poster = None  # the drawn stand-in: the clip's own frame replaces it
    if not film.captions.exists():
        film.captions.add(demo_captions(spec))
    film.save_revision().publish()
    return True


def demo_captions(spec) -> Caption:
    return Caption(
        language="zh-Hans",
        label="中文字幕",
        file=ContentFile(captions_for(spec).encode("utf-8"), name=f"demo-{spec['slug']}.vtt"),
    )


def captions_for(spec) -> str:
    lines = spec["transcript"]
    cues = [
        Cue(start, lines[i + 1][0] if i + 1 < len(lines) else CLIP_SECONDS, text)
        for i, (start, text) in enumerate(lines)
    ]
    return to_vtt(cues)


def demo_clip(spec):
    """A wagtailmedia video made with PyAV; its duration, size and poster frame are read on save (signals.py).

    Raises video.VideoError: a demo without its films would be a silent failure."""
    media_model = get_media_model()
    title = f"演示片段：{spec['title']}（测试画面）"
    existing = media_model.objects.filter(title=title).first()
    if existing and VideoCheck.objects.filter(media=existing, error="").exists():
        return existing
    with tempfile.TemporaryDirectory(prefix="laomo-demo-") as workdir:
        path = os.path.join(workdir, f"demo-{spec['slug']}.mp4")
        video.make_test_clip(path, spec.get("seconds", CLIP_SECONDS), spec["colours"], spec["tone"])
        clip = existing or media_model(title=title, type="video")
        with open(path, "rb") as stream:
            clip.file.save(os.path.basename(path), File(stream), save=False)
        clip.save()
    return clip


def load_gallery(home) -> None:
    if GalleryPage.objects.child_of(home).filter(slug=GALLERY["slug"]).exists():
        return
    images = list(SiteImage.objects.exclude(description="").order_by("pk")[:12])
    if not images:
        return
    page = GalleryPage(
        slug=GALLERY["slug"],
        title=GALLERY["title"],
        intro=GALLERY["intro"],
        body=[
            {
                "type": "gallery",
                "value": {
                    "heading": "示意插图与演示片段截图",
                    "images": [{"image": image.pk, "caption": image.title, "alt": ""} for image in images],
                },
            }
        ],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
