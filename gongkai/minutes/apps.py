from django.apps import AppConfig


class MinutesConfig(AppConfig):
    name = "gongkai.minutes"
    label = "minutes"
    verbose_name = "会议纪要与决定"

    def ready(self) -> None:
        # Minutes follow their document: every catalog action re-parses inside its own transaction,
        # and agencies renamed or given aliases re-link the departments the minutes name.
        from django.db.models.signals import post_save

        from gongkai.accounts.models import Agency
        from gongkai.catalog.signals import document_saved
        from gongkai.minutes import records

        document_saved.connect(records.on_document_saved, dispatch_uid="minutes.on_document_saved")
        post_save.connect(records.on_agency_saved, sender=Agency, dispatch_uid="minutes.on_agency_saved")
