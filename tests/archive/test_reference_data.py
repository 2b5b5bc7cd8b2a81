"""Reference data by migration: `migrate` alone prepares a database that imports the dictionary (issue 14, finding 4)."""

import importlib
import io
from pathlib import Path

from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor
from django.db.models import ForeignObjectRel

import pytest

from archive.models import Award, District, Honoree, Honour, HonourAlias, Industry
from archive.reference import DISTRICTS, HONOUR_ALIASES, HONOURS, INDUSTRIES, ensure_reference_data

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "archive" / "examples"
MIGRATION = "0007_reference_data"


def empty_reference_tables():
    """As on a database that has only been migrated: no reference rows, nor anything that must refer to one."""
    for model in (Honour, District, Industry):
        for relation in model._meta.get_fields(include_hidden=True):
            if isinstance(relation, ForeignObjectRel) and relation.on_delete is models.PROTECT:  # awards, walls…
                relation.related_model._base_manager.all().delete()
    HonourAlias.objects.all().delete()
    for model in (Honour, District, Industry):
        model.objects.all().delete()
    assert not Award.objects.exists()


def run_migration_function():
    """The data migration's own function, with the historical models of the migration's state."""
    state = MigrationExecutor(connection).loader.project_state(("archive", MIGRATION))
    module = importlib.import_module(f"archive.migrations.{MIGRATION}")
    module.create_reference_data(state.apps, connection.schema_editor())


@pytest.mark.parametrize("example", ["honorees-example.csv", "honorees-example.xlsx"])
def test_the_readme_example_imports_on_a_freshly_migrated_database(example):
    empty_reference_tables()
    run_migration_function()

    out = io.StringIO()
    call_command("import_honorees", str(EXAMPLES / example), stdout=out, stderr=io.StringIO())

    assert "已导入：新建 3 条" in out.getvalue()
    first = Honoree.objects.get(external_id="SYN-EXAMPLE-001")
    assert (first.district.name, first.industry.name) == ("朝阳区", "工业制造")
    # 全国劳模 in the file is an alias the migration created.
    assert {(a.honour.name, a.year) for a in first.awards.all()} == {("北京市劳动模范", 2010), ("全国劳动模范", 2015)}


def test_the_migration_creates_every_honour_alias_district_and_industry():
    empty_reference_tables()
    run_migration_function()

    assert set(Honour.objects.values_list("name", flat=True)) == {name for name, _, _ in HONOURS}
    assert dict(HonourAlias.objects.values_list("alias", "honour__name")) == HONOUR_ALIASES
    districts = dict(District.objects.values_list("name", "is_current"))
    assert districts == dict(DISTRICTS) and len(districts) == 19
    assert sum(districts.values()) == 17  # 16 districts and 北京经济技术开发区; 崇文区 and 宣武区 are historic
    assert set(Industry.objects.values_list("name", flat=True)) == set(INDUSTRIES)
    assert Honour.objects.get(name="全国劳动模范").name_en == "National Model Worker"
    assert Honour.objects.get(name="全国工人先锋号").for_kind == "collective"


def test_running_it_again_changes_nothing_and_keeps_the_archivists_edits():
    # The test database was migrated and load_demo ran: every row is there already.
    Honour.objects.filter(name="首都劳动奖章").update(description="档案员写的说明", sort_order=7, name_en="")
    District.objects.filter(name="崇文区").update(name="崇文区（已撤销）")
    before = {model: model.objects.count() for model in (Honour, HonourAlias, District, Industry)}

    run_migration_function()
    created = ensure_reference_data(django_apps)

    assert created == {"honours": 0, "aliases": 0, "districts": 0, "industries": 0}
    assert {model: model.objects.count() for model in before} == before
    medal = Honour.objects.get(name="首都劳动奖章")
    assert (medal.description, medal.sort_order, medal.name_en) == ("档案员写的说明", 7, "")
    # A renamed row keeps its slug and is not created again under its old name.
    assert not District.objects.filter(name="崇文区").exists()


def test_load_demo_is_not_needed_but_still_restores_missing_rows():
    empty_reference_tables()
    created = ensure_reference_data(django_apps)
    assert created == {"honours": 12, "aliases": 9, "districts": 19, "industries": 17}
