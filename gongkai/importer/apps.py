from django.apps import AppConfig


class ImporterConfig(AppConfig):
    name = "gongkai.importer"
    label = "importer"
    verbose_name = "导入"
