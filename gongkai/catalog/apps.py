from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    label = "catalog"
    verbose_name = "政府信息公开目录"

    def ready(self) -> None:
        # 相关阅读 is chosen again in the transaction of every change that may alter it.
        from gongkai.catalog import related
        from gongkai.catalog.signals import document_changed

        document_changed.connect(related.on_document_changed, dispatch_uid="catalog.related")
        # …and the count of attachments, which spares a page without any a query.
        from django.db.models.signals import post_delete, post_save

        from gongkai.catalog.models import Attachment, count_attachments

        post_save.connect(count_attachments, sender=Attachment, dispatch_uid="catalog.attachments.saved")
        post_delete.connect(count_attachments, sender=Attachment, dispatch_uid="catalog.attachments.deleted")
