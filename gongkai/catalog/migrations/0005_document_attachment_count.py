from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery


def count_existing(apps, schema_editor):
    Document = apps.get_model("catalog", "Document")
    Attachment = apps.get_model("catalog", "Attachment")
    counts = (Attachment.objects.filter(document=OuterRef("pk")).values("document")
              .annotate(n=Count("id")).values("n"))
    Document.objects.filter(attachments__isnull=False).update(attachment_count=Subquery(counts))


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0004_document_related_ids'),
    ]

    operations = [
        migrations.AddField(
            model_name='document',
            name='attachment_count',
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name='附件数'),
        ),
        migrations.RunPython(count_existing, migrations.RunPython.noop),
    ]
