"""Checking every row of a table into a plan: the records to create, to change and to leave, and the errors."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ..models import Award, Honoree, Honour, Industry, Kind
from ..synthetic import SYNTHETIC_PREFIX
from .columns import FIELD_OF, GENDER_LABELS, KIND_LABELS, LABELS, format_awards
from .formats import Table
from .parse import Invalid, Reference, RowError, check_length, parse_row

BATCH = 500  # records (or ids) per query, bulk write and index call

# Fields Honoree.compute_name_fields() fills from the name; their lengths are checked before saving.
NAME_FIELDS = (
    "surname",
    "name_pinyin",
    "pinyin_display",
    "name_initials",
    "initial",
    "stroke_key",
    "missing_strokes",
)


@dataclass(frozen=True)
class FieldChange:
    column: str
    old: str
    new: str


@dataclass
class PlannedRecord:
    """One good row: the honoree as it will be saved (new and unsaved, or existing with the file's values set)."""

    row: int
    honoree: Honoree
    awards: list[tuple[Honour, int | None]] | None  # None when the file has no 荣誉 column
    current_awards: list[Award] = field(default_factory=list)
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def honours_text(self) -> str:
        return format_awards(self.awards or [])


@dataclass
class ImportPlan:
    rows: int
    to_create: list[PlannedRecord] = field(default_factory=list)
    to_change: list[PlannedRecord] = field(default_factory=list)
    unchanged: list[PlannedRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    new_industries: list[Industry] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)

    @property
    def bad_rows(self) -> int:
        return len({error.row for error in self.errors})


def batches(items: Sequence, size: int = BATCH) -> Iterator[Sequence]:
    """The items in slices of ``size``, so that no query or bulk write grows with the file."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def plan_import(table: Table, *, create_industries: bool = False) -> ImportPlan:
    """Check every row and sort the good ones into to-create, to-change and unchanged. Writes nothing."""
    reference = Reference(create_industries)
    plan = ImportPlan(rows=len(table.rows), ignored_headers=table.ignored_headers)
    parsed: list[tuple[int, dict[str, object]]] = []
    first_row_of: dict[str, int] = {}
    for row in table.rows:
        values, errors = parse_row(row, table, reference)
        external_id = values.get("id")
        if external_id in first_row_of:
            errors.append(
                RowError(row.number, LABELS["id"], f"编号“{external_id}”与第 {first_row_of[external_id]} 行重复。")
            )
        elif external_id:
            first_row_of[external_id] = row.number
        plan.errors += errors
        if not errors:
            parsed.append((row.number, values))

    existing = _existing_honorees([values["id"] for _, values in parsed])
    current_awards = _current_awards([honoree.pk for honoree in existing.values()])
    for number, values in parsed:
        honoree = existing.get(values["id"])
        record, errors = _plan_record(number, values, honoree, current_awards.get(getattr(honoree, "pk", None), []))
        plan.errors += errors
        if errors:
            continue
        if honoree is None:
            plan.to_create.append(record)
        elif record.changes:
            plan.to_change.append(record)
        else:
            plan.unchanged.append(record)
    plan.errors.sort(key=lambda error: error.row)
    used = {id(record.honoree.industry) for record in plan.to_create + plan.to_change if record.honoree.industry}
    plan.new_industries = [industry for industry in reference.new_industries.values() if id(industry) in used]
    return plan


def _existing_honorees(external_ids: list[str]) -> dict[str, Honoree]:
    found = {}
    for chunk in batches(external_ids):
        for honoree in Honoree.objects.filter(external_id__in=chunk).select_related("industry", "district"):
            found[honoree.external_id] = honoree
    return found


def _current_awards(honoree_pks: list[int]) -> dict[int, list[Award]]:
    awards: dict[int, list[Award]] = {}
    for chunk in batches(honoree_pks):
        for award in Award.objects.filter(honoree_id__in=chunk).select_related("honour"):
            awards.setdefault(award.honoree_id, []).append(award)
    return awards


def _plan_record(
    number: int, values: dict[str, object], existing: Honoree | None, current_awards: list[Award]
) -> tuple[PlannedRecord, list[RowError]]:
    external_id = str(values["id"])
    is_synthetic = external_id.upper().startswith(SYNTHETIC_PREFIX)
    errors = []

    def fail(key: str, message: str) -> None:
        errors.append(RowError(number, LABELS.get(key, ""), message))

    if existing is not None and existing.is_synthetic != is_synthetic:
        if existing.is_synthetic:
            fail(
                "id",
                f"档案中的“{external_id}”是示例数据，真实记录不能覆盖它（示例数据的编号以 {SYNTHETIC_PREFIX} 开头）。",
            )
        else:
            fail("id", f"档案中的“{external_id}”是真实记录，不能用示例数据覆盖。")
        return PlannedRecord(number, existing, None), errors

    honoree = existing or Honoree(external_id=external_id, is_synthetic=is_synthetic, live=True)
    changes = _changes(honoree, values, current_awards) if existing else []
    for key, field_name in FIELD_OF.items():
        if key in values:
            setattr(honoree, field_name, values[key])

    awards = values.get("honors")
    kind_label = KIND_LABELS[honoree.kind]
    for honour, _year in awards or []:
        if honour.for_kind != honoree.kind:
            fail("honors", f"“{honour.name}”只授予{KIND_LABELS[honour.for_kind]}，而这条记录的类别是{kind_label}。")
    if honoree.kind == Kind.COLLECTIVE and honoree.gender:
        fail("gender", "集体不填写性别。")
    if honoree.birth_year and honoree.death_year and honoree.death_year < honoree.birth_year:
        fail("death_year", f"逝世年份 {honoree.death_year} 早于出生年份 {honoree.birth_year}。")
    if existing is not None and changes and existing.locked:
        fail("", "这条记录已在后台被锁定，导入不能修改它；请先解锁。")
    if existing is None or any(change.column in (LABELS["name"], LABELS["kind"]) for change in changes):
        honoree.compute_name_fields()
        for field_name in NAME_FIELDS:
            try:
                check_length(getattr(honoree, field_name), field_name)
            except Invalid:
                fail("name", "名称太长，无法生成排序用的拼音和笔画（请缩短名称）。")
                break
    return PlannedRecord(number, honoree, awards, current_awards, changes), errors


def _changes(honoree: Honoree, values: dict[str, object], current_awards: list[Award]) -> list[FieldChange]:
    """What the file would change in an existing record, in the archivist's words."""
    changes = []
    for key, field_name in FIELD_OF.items():
        if key not in values:
            continue
        old, new = _display(key, getattr(honoree, field_name)), _display(key, values[key])
        if _normalised(old) != _normalised(new):
            changes.append(FieldChange(LABELS[key], old, new))
    awards = values.get("honors")
    if awards is not None:
        current = {(award.honour_id, award.year) for award in current_awards}
        if current != {(honour.pk, year) for honour, year in awards}:
            old = format_awards((award.honour, award.year) for award in current_awards)
            changes.append(FieldChange(LABELS["honors"], old, format_awards(awards)))
    return changes


def _display(key: str, value: object) -> str:
    if key == "kind":
        return KIND_LABELS.get(value, str(value))
    if key == "gender":
        return GENDER_LABELS.get(value, str(value))
    return "" if value is None else str(value)


def _normalised(text: str) -> str:
    return text.replace("\r\n", "\n").strip()
