"""Settings, read only from the environment (see README, "Configuration").

Every variable is read through `gongkai.lib.env`, so that a bad value stops start-up with a message
that names it. All state lives under one data directory, GONGKAI_DATA_DIR.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from gongkai.lib.env import env_bool, env_choice, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent

DATA_DIR = Path(env_str("GONGKAI_DATA_DIR", "var")).expanduser().resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """The configured key, or one generated once and kept in the data directory."""
    configured = env_str("GONGKAI_SECRET_KEY")
    if configured:
        if len(configured) < 32:
            raise ImproperlyConfigured("GONGKAI_SECRET_KEY must be at least 32 characters long")
        return configured
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("GONGKAI_DEBUG", False)
ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("GONGKAI_CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("GONGKAI_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The address of a reverse proxy in front of `gongkai serve`: only its X-Forwarded-For is believed,
# so that per-IP sign-in limits see each visitor rather than the proxy.
TRUSTED_PROXY = env_str("GONGKAI_TRUSTED_PROXY")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "gongkai.accounts",
    "gongkai.catalog",
    "gongkai.importer",
    "gongkai.minutes",
    "gongkai.search",
    "gongkai.qa",
    "gongkai.portal",
    "gongkai.pages",
    "gongkai.readers",
    "gongkai.opendata",
]

MIDDLEWARE = [
    "gongkai.portal.middleware.TrustedProxyMiddleware",  # REMOTE_ADDR: the visitor behind our proxy
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gongkai.pages.middleware.PublishedPageMiddleware",  # published pages from their files (ADR 0006)
    "django.middleware.locale.LocaleMiddleware",
    "gongkai.portal.middleware.TraditionalChineseMiddleware",  # /zh-hant/ pages: 简体 HTML converted
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.portal.context.site",
            ],
        },
    },
]

_database_url = env_str("DATABASE_URL")
if _database_url:
    try:
        DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
    except Exception as exc:  # dj_database_url raises several types for a malformed URL
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {exc}") from None
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "gongkai.sqlite3",
            # WAL lets the indexer and the web workers read while one writes.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # A file, not memory, so that tests that publish from several threads share one database.
            "TEST": {"NAME": DATA_DIR / "test.sqlite3"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_redis_url = env_str("REDIS_URL")
if _redis_url:
    if not _redis_url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"REDIS_URL={_redis_url!r} must start with redis://, rediss:// or unix://")
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": DATA_DIR / "cache",
        }
    }

# Whole published pages kept as files on each node, served by nginx or by the middleware above.
PAGE_CACHE = env_bool("GONGKAI_PAGE_CACHE", True)
PAGE_CACHE_DIR = DATA_DIR / "pages"
PAGE_VARIANT = "gongkai.portal.context.display_variant"  # what else makes readers' pages differ

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:center"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("zh-hant", "繁體中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("GONGKAI_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise serves from finders; the folder only has to exist
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = env_str("GONGKAI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("GONGKAI_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("GONGKAI_EMAIL_PORT", 25, minimum=1, maximum=65535)
DEFAULT_FROM_EMAIL = env_str("GONGKAI_FROM_EMAIL", "noreply@localhost")

# Search: where the index lives and how the web process keeps it current.
SEARCH_INDEX_DIR = DATA_DIR / "search-index"
SEARCH_BACKEND = env_choice("GONGKAI_SEARCH_BACKEND", "tantivy", ["tantivy", "null"])

# 繁體: the OpenCC configuration used for public pages (never s2twp, which rewrites official phrases).
TRADITIONAL_VARIANT = env_choice("GONGKAI_TRADITIONAL_VARIANT", "s2tw", ["s2t", "s2tw", "s2hk"])

# Optional language model for 智能问答 (an OpenAI-compatible chat endpoint).
LLM_URL = env_str("GONGKAI_LLM_URL")
LLM_MODEL = env_str("GONGKAI_LLM_MODEL")
LLM_KEY = env_str("GONGKAI_LLM_KEY")
LLM_TIMEOUT = env_float("GONGKAI_LLM_TIMEOUT", 8.0)
if LLM_URL and not LLM_MODEL:
    raise ImproperlyConfigured("GONGKAI_LLM_URL is set but GONGKAI_LLM_MODEL is not")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_choice("GONGKAI_LOG_LEVEL", "WARNING", ["DEBUG", "INFO", "WARNING", "ERROR"])},
}
