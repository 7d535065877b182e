from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    label = "applications"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        # The staff table of extra holidays and make-up working days is consulted before the
        # calendar library; workdays knows nothing of models, so the table is handed to it here.
        try:
            from gongkai.lib import workdays
        except ImportError:  # the calendar wrapper is not installed yet
            return
        from gongkai.applications.models import workday_overrides

        workdays.set_overrides(workday_overrides)
