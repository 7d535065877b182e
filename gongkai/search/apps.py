from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "search"
    verbose_name = "检索"

    def ready(self) -> None:
        # Search follows the catalog: every change it announces queues the document in the outbox,
        # inside the change's own transaction (the catalog never imports search).
        from gongkai.catalog.signals import document_changed
        from gongkai.search.models import on_document_changed

        document_changed.connect(on_document_changed, dispatch_uid="search.on_document_changed")
