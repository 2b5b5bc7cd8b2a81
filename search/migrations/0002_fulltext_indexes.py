"""Full-text indexes for the embedded engine, per database: FTS5 on SQLite, GIN term arrays on PostgreSQL."""

from django.db import migrations

TERM_COLUMNS = ("name_terms", "pinyin_terms", "text_terms", "meta_terms")


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        # Terms are already tokenised and space-separated; unicode61 splits on the spaces only
        # (Han characters are letters to it). prefix= makes as-you-type pinyin prefixes fast.
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
            "name, pinyin, text, meta, tokenize='unicode61 remove_diacritics 0', prefix='1 2 3 4')"
        )
    elif vendor == "postgresql":
        for column in TERM_COLUMNS:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS searchdoc_{column}_gin ON site_search_searchdocument "
                f"USING gin (string_to_array({column}, ' '))"
            )
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS searchdoc_pinyin_prefix ON site_search_searchdocument (pinyin_full text_pattern_ops)"
        )
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS searchdoc_title_prefix ON site_search_searchdocument (title_normalized text_pattern_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")


class Migration(migrations.Migration):
    dependencies = [("site_search", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
