from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "gongkai.accounts"
    label = "accounts"
    verbose_name = "机构与人员"

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from gongkai.accounts import roles, signin

        roles.connect()
        # After every app's permissions exist: post_migrate is sent once per app, in order.
        post_migrate.connect(roles.sync_groups, dispatch_uid="roles-sync-groups")
        user_locked_out.connect(signin.record_lockout, dispatch_uid="signin-record-lockout")
