from django.apps import AppConfig


class MailboxConfig(AppConfig):
    name = "gongkai.mailbox"
    verbose_name = "领导信箱"

    def ready(self) -> None:
        # The staff 待办 page lists letters too; the applications app knows nothing of this one.
        from gongkai.applications import todo
        from gongkai.mailbox import deadlines

        if deadlines.section not in todo.SECTIONS:
            todo.SECTIONS.append(deadlines.section)
