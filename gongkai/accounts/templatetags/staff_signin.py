from django import template
from django.conf import settings

from gongkai.accounts import oidc

register = template.Library()


@register.simple_tag
def oidc_provider() -> str:
    """The name of the 统一身份认证 to offer on the admin login page, or "" when it is not configured."""
    return settings.OIDC_PROVIDER_NAME if oidc.configured() else ""
