from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "gongkai.pages"
    label = "pages"
    verbose_name = "页面缓存"

    def ready(self) -> None:
        # The cache follows the apps below it through their signals, inside their transactions:
        # nothing of catalog or minutes knows that published pages are kept as files.
        from gongkai.pages.changes import connect

        connect()
