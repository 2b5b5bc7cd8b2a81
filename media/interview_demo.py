"""The demo interview (the `laomo_demo_content` hook): one oral-history page, plainly labelled a demonstration.

It is not a real interview: the recording is an 18-second test picture with a tone made with PyAV, and the
segments retell what the 2020 source text reports about 张广义 in the third person, quoting only what the text
quotes. Idempotent: an existing demo interview is left as it is.
"""

from django.core.files.base import ContentFile

from archive.models import Honoree
from core.demo_translations import english_copy
from core.extensions import site_home

from .captions import Cue, to_vtt
from .demo import demo_clip
from .models import InterviewIndexPage, InterviewPage, InterviewSegment, InterviewSitting

CLIP_SECONDS = 18
DEMO_NOTE = "演示（并非真实访谈）："

INDEX = {
    "slug": "oral-history",
    "title": "口述史",
    "intro": "劳模本人讲述的经历：听录音，按段落跳转，引用到秒。本站目前展示的是一份演示访谈，并非真实录音。",
}

INDEX_EN = {
    "title": "Oral history",
    "intro": "Model workers telling their own stories: listen to the recordings, jump from passage to passage, and "
    "cite them to the second. This site shows one demonstration interview for now, not a real recording.",
}

INTERVIEW = {
    "slug": "zhang-guangyi-demo",
    "title": "演示访谈：东四南大街103号的修笔人",
    "clip": {"slug": "interview-zhang-guangyi", "title": "口述史演示", "colours": ("#5a3e1b", "#e8d5a9"), "tone": 262},
    "summary": DEMO_NOTE + "程序生成的测试画面与提示音，没有真人讲话；段落文字依据2020年的报道整理，"
    "讲述88岁的张广义在东四南大街103号修了一辈子钢笔。",
    "honorees": ["SRC-0001"],
}

# (start, title, synopsis, keywords, places, years, mentions 张广义, transcript)
SEGMENTS = [
    (
        0,
        "东四南大街103号",
        "修笔的地方。",
        "修钢笔、老字号",
        "东四南大街103号",
        "",
        True,
        "（演示文字，据报道整理）张广义修钢笔的地方，在东四南大街103号。",
    ),
    (
        4,
        "修了一辈子钢笔",
        "一门手艺，一辈子的事业。",
        "修钢笔、手艺、工匠精神",
        "",
        "2020",
        True,
        "（演示文字，据报道整理）2020年，88岁的张广义将修钢笔这门手艺做成了一辈子的事业。",
    ),
    (
        8,
        "两项劳模称号",
        "北京市劳动模范与全国商业系统劳动模范。",
        "北京市劳动模范、全国商业系统劳动模范",
        "",
        "",
        True,
        "（演示文字，据报道整理）他曾荣获“北京市劳动模范”和“全国商业系统劳动模范”称号。",
    ),
    (
        11,
        "2020年春节前夕",
        "北京市委书记蔡奇来到东四南大街103号看望张广义。",
        "看望劳模、精益求精",
        "东四南大街103号",
        "2020",
        True,
        "（演示文字，据报道整理）2020年春节前夕，蔡奇来到东四南大街103号看望他：“一生只干一件事，而且干到最好，"
        "这就是精益求精的工匠精神。”",
    ),
    (
        15,
        "工匠精神",
        "报道所说的工匠精神。",
        "工匠精神",
        "",
        "",
        False,
        "（演示文字，据报道整理）执着专注、精益求精、一丝不苟、追求卓越。",
    ),
]


def load_demo_interview(command) -> None:
    home = site_home()
    if home is None:
        return
    index = InterviewIndexPage.objects.child_of(home).first()
    if index is None:
        index = InterviewIndexPage(slug=INDEX["slug"], title=INDEX["title"], intro=INDEX["intro"], show_in_menus=True)
        home.add_child(instance=index)
        index.save_revision().publish()
    english_copy(index, **INDEX_EN)
    if InterviewPage.objects.child_of(index).filter(slug=INTERVIEW["slug"]).exists():
        return
    page = InterviewPage(
        slug=INTERVIEW["slug"],
        title=INTERVIEW["title"],
        summary=INTERVIEW["summary"],
        interviewer="劳模数字展馆（演示）",
        place="（演示，无实地访谈）",
        language="普通话（演示字幕）",
        release_scope="演示内容，不涉及受访者授权。",
    )
    zhang = list(Honoree.objects.filter(external_id__in=INTERVIEW["honorees"]))
    page.honorees = zhang
    page.sittings = [
        InterviewSitting(
            media=demo_clip({**INTERVIEW["clip"], "seconds": CLIP_SECONDS}),
            captions=ContentFile(demo_captions().encode("utf-8"), name="demo-interview-zhang-guangyi.vtt"),
        )
    ]
    segments = []
    for start, title, synopsis, keywords, places, years, mentions, transcript in SEGMENTS:
        segment = InterviewSegment(
            sitting=1,
            start=start,
            title=title,
            synopsis=synopsis,
            keywords=keywords,
            places=places,
            years=years,
            transcript=transcript,
        )
        segment.honorees = zhang if mentions else []
        segments.append(segment)
    page.segments = segments
    index.add_child(instance=page)
    page.save_revision().publish()
    command.stdout.write("口述史：新建演示访谈 1 份")


def demo_captions() -> str:
    cues = [
        Cue(start, SEGMENTS[i + 1][0] if i + 1 < len(SEGMENTS) else CLIP_SECONDS, transcript.split("）", 1)[1])
        for i, (start, *_rest, transcript) in enumerate(SEGMENTS)
    ]
    return to_vtt(cues)
