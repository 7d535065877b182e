from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    """Machine-translated English drafts of catalog documents, reviewed by staff before use.

    The drafts are catalog rows (`catalog.TranslationDraft`, accepted through `catalog.actions`);
    this app asks the configured language model for them and gives staff the admin pages to review
    them. It sits above the catalog and the model client (gongkai.qa.llm), which know nothing of it.
    """

    name = "gongkai.translations"
    label = "translations"
    verbose_name = "英文机器翻译"
