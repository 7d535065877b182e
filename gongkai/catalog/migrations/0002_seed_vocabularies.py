from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    from gongkai.catalog.vocabularies import seed

    seed(apps.get_model("catalog", "Term"))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
