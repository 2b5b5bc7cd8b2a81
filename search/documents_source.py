"""What gets indexed: the searchable fields of public honorees and live public pages, as analysed terms.

Both engines index the same prepared fields, so a record is analysed once, in one place.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch
from django.utils import translation

from wagtail.models import Locale, Page
from wagtail.search import index

from archive.models import Award, Honoree

from .text import english_terms, name_pinyin_terms, name_terms, normalize, text_terms


@dataclass
class PreparedDocument:
    key: str
    kind: str
    object_id: int
    title: str
    url: str
    title_normalized: str
    pinyin_full: str
    initials: str
    plain_text: str
    name_terms: list[str]
    pinyin_terms: list[str]
    text_terms: list[str]
    meta_terms: list[str]
    source_updated_at: object = None
    # Honoree facets and display fields (Elasticsearch stores them; the embedded engine joins the archive).
    facets: dict = field(default_factory=dict)


def honoree_key(pk: int) -> str:
    return f"honoree:{pk}"


def honoree_pk(key: str) -> int:
    """The record's primary key from its index key (honoree:12 → 12); 0 for anything else."""
    prefix, _, number = key.partition(":")
    return int(number) if prefix == "honoree" and number.isascii() and number.isdigit() else 0


def page_key(pk: int) -> str:
    return f"page:{pk}"


def moment_key(page_pk: int, moment_id: int) -> str:
    return f"{moment_prefix(page_pk)}{moment_id}"


def moment_prefix(page_pk: int) -> str:
    """Every moment of one page has a key starting so (an interview's segments: core/moments.py)."""
    return f"moment:{page_pk}:"


def indexable_honorees():
    """Public honorees with everything prepare_honoree reads, in one round of queries."""
    return (
        Honoree.objects.public()
        .select_related("district", "industry")
        .prefetch_related(Prefetch("awards", queryset=Award.objects.select_related("honour")))
        .order_by("pk")
    )


def prepare_honoree(honoree: Honoree) -> PreparedDocument:
    with translation.override(settings.LANGUAGE_CODE):  # the Chinese address, whoever triggers indexing
        return _prepare_honoree(honoree)


def _prepare_honoree(honoree: Honoree) -> PreparedDocument:
    is_person = honoree.is_person
    pinyin = name_pinyin_terms(honoree.name, is_person)
    awards = list(honoree.awards.all())
    meta_parts = [honoree.employer, honoree.title, honoree.native_place, honoree.ethnicity]
    meta_parts += [honoree.district.name if honoree.district else "", honoree.industry.name if honoree.industry else ""]
    meta_parts += [award.honour.name for award in awards]
    meta = text_terms(" ".join(part for part in meta_parts if part))
    meta += [str(award.year) for award in awards if award.year]
    # The English biography and employer, as English words (the English site's search reads its words so too).
    meta += english_terms(honoree.employer_en)
    return PreparedDocument(
        key=honoree_key(honoree.pk),
        kind="honoree",
        object_id=honoree.pk,
        title=honoree.name,
        url=honoree.get_absolute_url(),
        title_normalized=normalize(honoree.name),
        pinyin_full=pinyin[0] if pinyin else "",
        initials=pinyin[1] if len(pinyin) > 1 else "",
        plain_text=honoree.biography,
        name_terms=name_terms(honoree.name, is_person),
        pinyin_terms=pinyin,
        text_terms=text_terms(honoree.biography) + english_terms(honoree.biography_en),
        meta_terms=meta,
        source_updated_at=honoree.updated_at,
        facets={
            "external_id": honoree.external_id,
            "kind": honoree.kind,
            "honours": sorted({award.honour.slug for award in awards}),
            "honour_names": sorted({award.honour.name for award in awards}),
            "honors": [{"year": award.year, "honor": award.honour.name} for award in awards],
            "levels": sorted({award.honour.level for award in awards}),
            "years": sorted({award.year for award in awards if award.year}),
            "decades": sorted({award.year // 10 * 10 for award in awards if award.year}),
            "district": honoree.district.slug if honoree.district else "",
            "industry": honoree.industry.slug if honoree.industry else "",
            "synthetic": honoree.is_synthetic,
            "stroke_key": honoree.stroke_key,
            "employer": honoree.employer,
            "employer_en": honoree.employer_en,
            "biography_en": honoree.biography_en,
        },
    )


def page_kind(page) -> str:
    """Result tab of a page: page models declare `search_kind`; anything else is a plain page."""
    return getattr(page, "search_kind", "page")


def page_text(page) -> str:
    """The searchable text of a page, read from its own search_fields (so new page types index themselves)."""
    chunks = [page.search_description or ""]
    for search_field in page.get_search_fields():
        if not isinstance(search_field, index.SearchField) or search_field.field_name == "title":
            continue
        value = search_field.get_value(page)  # StreamFields already come back as a list of strings
        if isinstance(value, list | tuple):
            chunks.extend(str(item) for item in value)
        elif value:
            chunks.append(str(value))
    return "\n".join(chunk for chunk in chunks if chunk and chunk.strip())


def indexable_pages():
    """Live public pages of the Chinese site. English copies (Wagtail's translations) are left out: the search
    page lists Chinese pages, and /en/ serves a page's English copy wherever one exists."""
    return (
        Page.objects.live()
        .public()
        .filter(depth__gt=2, locale__language_code=Locale.get_default().language_code)
        .specific()
        .order_by("pk")
    )


def prepare_page(page) -> PreparedDocument:
    with translation.override(settings.LANGUAGE_CODE):
        return _prepare_page(page)


def prepare_page_documents(page) -> list[PreparedDocument]:
    """The page, then each of its moments (core/moments.py), under the page's result tab."""
    with translation.override(settings.LANGUAGE_CODE):
        moments = getattr(page, "search_moments", None)
        return [_prepare_page(page), *(_prepare_moment(page, moment) for moment in (moments() if moments else []))]


def expected_page_documents() -> dict[str, object]:
    """What `search_index check` expects of the pages: every key, pages' and moments', with its source's time."""
    expected = {}
    for page in indexable_pages():
        expected[page_key(page.pk)] = page.last_published_at
        for moment in page.search_moments() if hasattr(page, "search_moments") else []:
            expected[moment_key(page.pk, moment.id)] = page.last_published_at
    return expected


def _prepare_moment(page, moment) -> PreparedDocument:
    names = [name for name in moment.names if name]
    readings = [reading for name in names for reading in name_pinyin_terms(name, True)]
    return PreparedDocument(
        key=moment_key(page.pk, moment.id),
        kind=page_kind(page),
        object_id=page.pk,
        title=moment.title,
        url=moment.url,
        title_normalized=normalize(moment.title),
        pinyin_full="",
        initials="",
        plain_text=moment.text,
        name_terms=[*text_terms(moment.title), *(term for name in names for term in name_terms(name, True))],
        pinyin_terms=readings,
        text_terms=text_terms(f"{moment.title}\n{moment.text}"),  # the title too: a Latin word in it matches
        meta_terms=[],
        source_updated_at=page.last_published_at,
    )


def _prepare_page(page) -> PreparedDocument:
    text = page_text(page)
    return PreparedDocument(
        key=page_key(page.pk),
        kind=page_kind(page),
        object_id=page.pk,
        title=page.title,
        url=page.url or "",
        title_normalized=normalize(page.title),
        pinyin_full="",
        initials="",
        plain_text=text,
        name_terms=[normalize(page.title), *text_terms(page.title)],
        pinyin_terms=[],
        text_terms=text_terms(text),
        meta_terms=[],
        source_updated_at=page.last_published_at,
    )
