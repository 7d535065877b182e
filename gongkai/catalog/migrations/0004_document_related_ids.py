from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0003_document_stated_fields'),
    ]

    operations = [
        migrations.AddField(
            model_name='document',
            name='related_ids',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='相关阅读'),
        ),
        migrations.AddField(
            model_name='document',
            name='related',
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name='相关阅读条目'),
        ),
        migrations.AddIndex(
            model_name='document',
            index=models.Index(condition=models.Q(('related_ids', '')), fields=['status'], name='document_related_stale'),
        ),
    ]
