"""The 体裁 the report is published under, and the two that table two counts, when the vocabulary lacks them."""

from django.db import migrations

# 年度报告: the report itself; 规章 and 行政规范性文件: what staff pick so table two counts a document.
GENRES = ("规章", "行政规范性文件", "年度报告")


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    term = apps.get_model("catalog", "Term")
    for name in GENRES:
        term.objects.get_or_create(kind="genre", parent=None, name=name, defaults={"position": 9000})


class Migration(migrations.Migration):
    dependencies = [("annualreport", "0001_initial"), ("catalog", "0002_seed_vocabularies")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
