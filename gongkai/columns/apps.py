from typing import Any

from django.apps import AppConfig


class ColumnsConfig(AppConfig):
    name = "gongkai.columns"
    label = "columns"
    verbose_name = "政府信息公开栏目"

    def ready(self) -> None:
        from gongkai.catalog.signals import demo_written
        from gongkai.columns.changes import register

        # The page cache learns which kept pages a change of the section makes stale; it never
        # imports this app (gongkai.pages.changes.EXTRA_KINDS).
        register()
        demo_written.connect(_fill_demo, dispatch_uid="columns.demo")


def _fill_demo(sender: Any, **kwargs: Any) -> None:
    """The demo district gets its guide, rules and statutory columns with its documents."""
    from gongkai.columns.demo import fill

    fill()

