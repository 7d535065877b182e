from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "gongkai.review"
    label = "review"
    verbose_name = "审核发布与保密审查"

    def ready(self) -> None:
        # The catalog announces a publication and every saved change; review answers in the same
        # transaction (the catalog knows nothing of review: ADR 0008).
        from gongkai.catalog.signals import document_saved, publishing
        from gongkai.review import guard

        publishing.connect(guard.before_publish, dispatch_uid="review.before_publish")
        document_saved.connect(guard.after_system_save, dispatch_uid="review.after_system_save")
