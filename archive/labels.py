"""What the public pages call the archive's values, in the visitor's language.

On the Chinese site every label is exactly the Chinese one; on the English site the English names of honours,
districts and industries come from their `name_en`. Facet counts are computed and cached once, with Chinese
labels (shared by every language and by the API), and pages relabel each row from its value (facet_rows).
"""

from django.core.cache import cache
from django.utils.translation import gettext, gettext_lazy, ngettext

from core.i18n import is_default_language

from .cache import versioned_key
from .models import District, Gender, Honour, Industry, Kind, Level

# Chinese msgids identical to the models' choice labels, so the Chinese site reads exactly as before. Model
# choices stay plain strings: imports and exports read and write "个人", "男"… in any admin language.
LEVEL_LABELS = {
    Level.NATIONAL: gettext_lazy("全国"),
    Level.MUNICIPAL: gettext_lazy("北京市"),
    Level.SECTOR: gettext_lazy("系统/行业"),
}
KIND_LABELS = {Kind.PERSON: gettext_lazy("个人"), Kind.COLLECTIVE: gettext_lazy("集体")}
GENDER_LABELS = {Gender.MALE: gettext_lazy("男"), Gender.FEMALE: gettext_lazy("女")}
UNKNOWN = gettext_lazy("未注明")
OTHER_LETTER = gettext_lazy("其他")
NAMED_MODELS = {"honour": Honour, "district": District, "industry": Industry}


def choice_label(labels: dict, value: str) -> str:
    return str(labels[value]) if value in labels else value


def english_names(facet: str, key: str = "slug") -> dict[str, str]:
    """{slug (or name): English name} for honours, districts or industries; cached with the archive's data."""
    cache_key = versioned_key("english-names", facet, key)
    names = cache.get(cache_key)
    if names is None:
        names = dict(NAMED_MODELS[facet].objects.exclude(name_en="").values_list(key, "name_en"))
        cache.set(cache_key, names, 60 * 60)
    return names


def name_in_language(facet: str):
    """A function from a Chinese honour, district or industry name to the one the visitor reads."""
    if is_default_language():
        return lambda name: name
    names = english_names(facet, "name")
    return lambda name: names.get(name, name)


def strokes_label(count: int | str) -> str:
    count = int(count)
    return ngettext("%(count)s画", "%(count)s画", count) % {"count": count}


def decade_label(decade: int | str) -> str:
    return gettext("%(decade)s年代") % {"decade": decade}


def year_label(year: int | str) -> str:
    return gettext("%(year)s年") % {"year": year}


def facet_rows(facet: str, rows: list[dict]) -> list[dict]:
    """Facet rows ({value, label, count}) with labels in the visitor's language."""
    if is_default_language():
        return rows
    if facet in NAMED_MODELS:
        names = english_names(facet)
        label = lambda row: names.get(row["value"], row["label"])  # noqa: E731
    else:
        label = {
            "letter": lambda row: str(OTHER_LETTER) if row["value"] == "#" else row["label"],
            "strokes": lambda row: strokes_label(row["value"]),
            "level": lambda row: choice_label(LEVEL_LABELS, row["value"]),
            "decade": lambda row: decade_label(row["value"]),
            "year": lambda row: year_label(row["value"]),
            "kind": lambda row: choice_label(KIND_LABELS, row["value"]),
        }.get(facet, lambda row: row["label"])
    return [{**row, "label": label(row)} for row in rows]
