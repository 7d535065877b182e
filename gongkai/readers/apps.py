from django.apps import AppConfig


class ReadersConfig(AppConfig):
    name = "gongkai.readers"
    label = "readers"
    verbose_name = "个人中心"
