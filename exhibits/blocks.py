"""StreamField blocks shared by exhibitions, sections and stories. Each has a template and a preview."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="图片")
    caption = blocks.CharBlock(label="图注", required=False, max_length=300)
    credit = blocks.CharBlock(label="署名", required=False, max_length=200, help_text="留空时使用图片自带的署名。")

    class Meta:
        icon = "image"
        label = "图片"
        template = "exhibits/blocks/image.html"
        description = "一张图片，带图注与署名"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="引文")
    speaker = blocks.CharBlock(label="讲话人", required=False, max_length=120)
    source = blocks.CharBlock(label="出处", required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = "引语"
        template = "exhibits/blocks/quote.html"
        description = "一段引语与讲话人"
        preview_value = {
            "text": "一生只干一件事，而且干到最好，这就是精益求精的工匠精神。",
            "speaker": "蔡奇",
            "source": "2020年春节前夕看望劳模张广义",
        }


class HonoreeCardBlock(blocks.StructBlock):
    honoree = SnippetChooserBlock("archive.Honoree", label="劳模")
    note = blocks.CharBlock(label="一句话介绍", required=False, max_length=200)

    class Meta:
        icon = "user"
        label = "劳模卡片"
        template = "exhibits/blocks/honoree_card.html"
        description = "从劳模辞典中选一位劳模：照片、姓名、荣誉与链接"


class FigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label="数字", max_length=30)
    label = blocks.CharBlock(label="说明", max_length=80)


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="标题", required=False, max_length=80)
    figures = blocks.ListBlock(FigureBlock(), label="数字", min_num=1)

    class Meta:
        icon = "table"
        label = "关键数字"
        template = "exhibits/blocks/key_figures.html"
        description = "一组醒目的数字"
        preview_value = {
            "heading": "2015—2020年",
            "figures": [
                {"value": "173", "label": "名全国劳动模范和先进工作者"},
                {"value": "2301", "label": "名北京市劳动模范和先进工作者"},
            ],
        }


class TimelineEventBlock(blocks.StructBlock):
    date = blocks.CharBlock(label="时间", max_length=40, help_text="如 2020年12月22日 或 1950")
    title = blocks.CharBlock(label="事件", max_length=120)
    text = blocks.TextBlock(label="说明", required=False)


class TimelineBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="标题", required=False, max_length=80)
    events = blocks.ListBlock(TimelineEventBlock(), label="事件", min_num=1)

    class Meta:
        icon = "time"
        label = "时间线"
        template = "exhibits/blocks/timeline.html"
        description = "按时间排列的事件"
        preview_value = {
            "heading": "表彰大会",
            "events": [
                {"date": "2020年11月24日", "title": "全国劳动模范和先进工作者表彰大会", "text": ""},
                {"date": "2020年12月22日", "title": "北京市劳动模范、先进工作者表彰大会", "text": "在北京会议中心举行"},
            ],
        }


class StoryStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label="正文",
        icon="pilcrow",
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
        template="exhibits/blocks/paragraph.html",
        preview_value="<p>劳模精神，在岁月变迁中传承，历久弥新。</p>",
        description="富文本段落",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    honoree_card = HonoreeCardBlock()
    key_figures = KeyFiguresBlock()
    timeline = TimelineBlock()
