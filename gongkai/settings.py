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
    "gongkai.translations",
    "gongkai.portal",
    "gongkai.pages",
    "gongkai.readers",
    "gongkai.opendata",
    "gongkai.review",
    "gongkai.applications",
    "gongkai.annualreport",
    "gongkai.consultations",
    "gongkai.mailbox",
    "gongkai.columns",  # 政府信息公开: 指南、制度、法定主动公开内容栏目, 站点地图, 页脚标识
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

# 依申请公开: identity proofs and reply PDFs live outside MEDIA_ROOT and are served only after a check.
APPLICATIONS_PRIVATE_DIR = DATA_DIR / "private" / "applications"
# Whether the days between a fee notice and payment stop the reply clock (109号 is unclear on it).
APPLICATIONS_FEE_PAUSES_CLOCK = env_bool("GONGKAI_APPLICATIONS_FEE_PAUSES_CLOCK", False)
# How long identity proofs and contact details of closed applications are kept (days; 0 = forever).
APPLICATIONS_RETENTION_DAYS = env_int("GONGKAI_APPLICATIONS_RETENTION_DAYS", 1095, minimum=0)
# A public register of applications (anonymised request and reply) only where the site opts in.
APPLICATIONS_PUBLIC_REGISTER = env_bool("GONGKAI_APPLICATIONS_PUBLIC_REGISTER", False)

# Limits on what one page, file or request may cost (docs/adr/0010-import-ownership-and-limits.md).
MAX_PAGE_BYTES = env_int("GONGKAI_MAX_PAGE_MB", 10, minimum=1, maximum=1024) * 1024 * 1024  # an imported page
MAX_ATTACHMENT_BYTES = env_int("GONGKAI_MAX_ATTACHMENT_MB", 50, minimum=1, maximum=4096) * 1024 * 1024
PDF_TIMEOUT = env_int("GONGKAI_PDF_SECONDS", 60, minimum=5, maximum=3600)  # one PDF's rendering
PDF_MEMORY_BYTES = env_int("GONGKAI_PDF_MEMORY_MB", 1024, minimum=128, maximum=65536) * 1024 * 1024
PDF_MAX_CHARS = env_int("GONGKAI_PDF_MAX_CHARS", 50_000, minimum=1000)  # longer bodies: the PDF ends with a note
# /api/ (JSON API and CKAN actions): requests per window from one anonymous address, then 429 with
# Retry-After (0 = no limit); Link, ETag and CORS for every client (gongkai.opendata.manners).
API_RATE_LIMIT = env_int("GONGKAI_API_RATE_LIMIT", 600, minimum=0)
API_RATE_WINDOW = env_int("GONGKAI_API_RATE_WINDOW", 60, minimum=1, maximum=86400)  # seconds
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
                  "gongkai.opendata.manners.ApiMannersMiddleware")
# 政民互动: spam and abuse (gongkai.lib.abuse, gongkai.lib.challenge) and the 领导信箱's time limits.
SENSITIVE_WORDS_FILE = env_str("GONGKAI_SENSITIVE_WORDS_FILE")  # one word a line, added to a short default
DUPLICATE_WINDOW = env_int("GONGKAI_DUPLICATE_WINDOW", 24 * 3600, minimum=60)  # seconds a text counts as a repeat
ABUSE_WINDOW = env_int("GONGKAI_ABUSE_WINDOW", 3600, minimum=60)  # seconds over which the two limits count
ABUSE_PER_ACCOUNT = env_int("GONGKAI_ABUSE_PER_ACCOUNT", 10, minimum=1)
ABUSE_PER_NETWORK = env_int("GONGKAI_ABUSE_PER_NETWORK", 20, minimum=1)
CHALLENGE_MAX_AGE = env_int("GONGKAI_CHALLENGE_SECONDS", 1800, minimum=60)
MAILBOX_REPLY_DAYS = env_int("GONGKAI_MAILBOX_REPLY_DAYS", 5, minimum=1, maximum=60)  # working days
MAILBOX_RESULT_DAYS = env_int("GONGKAI_MAILBOX_RESULT_DAYS", 10, minimum=1, maximum=120)  # working days
MAILBOX_WARN_DAYS = env_int("GONGKAI_MAILBOX_WARN_DAYS", 2, minimum=0, maximum=30)  # warn this many days before
MAILBOX_PRIVATE_DIR = DATA_DIR / "private" / "mailbox"  # letters' attachments, streamed after a check

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_choice("GONGKAI_LOG_LEVEL", "WARNING", ["DEBUG", "INFO", "WARNING", "ERROR"])},
}

# Staff sign-in and transport security (docs/adr/0009-staff-sign-in.md). Only appended here: each
# list above keeps its own lines, and these entries join them.
INSTALLED_APPS += ["axes", "django_otp", "django_otp.plugins.otp_totp"]
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
                  "django_otp.middleware.OTPMiddleware")
MIDDLEWARE += ["gongkai.accounts.secondfactor.SecondFactorMiddleware", "axes.middleware.AxesMiddleware"]

# /admin/login/: failures counted per account and per network address; the limit is shared by
# every node through the database. Readers' own sign-in keeps its limits (gongkai.lib.ratelimit).
AXES_ONLY_ADMIN_SITE = True
AXES_FAILURE_LIMIT = env_int("GONGKAI_STAFF_LOGIN_ATTEMPTS", 5, minimum=1, maximum=100)
AXES_COOLOFF_TIME = env_int("GONGKAI_STAFF_LOCKOUT_MINUTES", 15, minimum=1, maximum=24 * 60) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "gongkai.accounts.signin.lockout_response"
AXES_CLIENT_IP_CALLABLE = "gongkai.accounts.signin.client_ip"
AXES_HANDLER = "gongkai.accounts.signin.AdminSignInHandler"  # readers' sign-ins have their own limits
AXES_VERBOSE = False  # lockouts are written to the audit log (gongkai.accounts.signin)
# A password reset mail per address and per network; beyond it, 429 and no mail.
PASSWORD_RESET_MAILS_PER_ADDRESS = env_int("GONGKAI_PASSWORD_RESET_PER_ADDRESS", 3, minimum=1, maximum=100)
PASSWORD_RESET_MAILS_PER_NETWORK = env_int("GONGKAI_PASSWORD_RESET_PER_NETWORK", 10, minimum=1, maximum=1000)

# TOTP second factor: when required, a staff session reaches the admin only after a code.
STAFF_OTP_REQUIRED = env_bool("GONGKAI_STAFF_OTP_REQUIRED", False)
OTP_TOTP_ISSUER = env_str("GONGKAI_OTP_ISSUER", "Gongkai")

# OpenID Connect sign-in through a provincial 统一身份认证: off unless a client id is configured.
OIDC_RP_CLIENT_ID = env_str("GONGKAI_OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("GONGKAI_OIDC_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("GONGKAI_OIDC_AUTHORIZATION_URL")
OIDC_OP_TOKEN_ENDPOINT = env_str("GONGKAI_OIDC_TOKEN_URL")
OIDC_OP_USER_ENDPOINT = env_str("GONGKAI_OIDC_USERINFO_URL")
OIDC_OP_JWKS_ENDPOINT = env_str("GONGKAI_OIDC_JWKS_URL")
OIDC_OP_ISSUER = env_str("GONGKAI_OIDC_ISSUER")  # when set, id_tokens from any other issuer are refused
OIDC_TIMEOUT = 10
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = env_str("GONGKAI_OIDC_SCOPES", "openid email profile")
OIDC_STAFF_CLAIM = env_choice("GONGKAI_OIDC_CLAIM", "email", ["email", "preferred_username"])
OIDC_CREATE_USER = env_bool("GONGKAI_OIDC_CREATE_STAFF", False)  # unknown people get no account
OIDC_PROVIDER_NAME = env_str("GONGKAI_OIDC_PROVIDER_NAME", "统一身份认证")
OIDC_AUTHENTICATION_CALLBACK_URL = "staff:oidc_callback"
if OIDC_RP_CLIENT_ID:
    _missing = [name for name, value in [
        ("GONGKAI_OIDC_CLIENT_SECRET", OIDC_RP_CLIENT_SECRET), ("GONGKAI_OIDC_AUTHORIZATION_URL", OIDC_OP_AUTHORIZATION_ENDPOINT),
        ("GONGKAI_OIDC_TOKEN_URL", OIDC_OP_TOKEN_ENDPOINT), ("GONGKAI_OIDC_USERINFO_URL", OIDC_OP_USER_ENDPOINT),
        ("GONGKAI_OIDC_JWKS_URL", OIDC_OP_JWKS_ENDPOINT)] if not value]
    if _missing:
        raise ImproperlyConfigured(f"GONGKAI_OIDC_CLIENT_ID is set but {', '.join(_missing)} is not")
AUTHENTICATION_BACKENDS = [
    "gongkai.accounts.backends.SignInLimitBackend",  # first, so that a locked-out account is refused
    "django.contrib.auth.backends.ModelBackend",
    *(["gongkai.accounts.oidc.StaffOIDCBackend"] if OIDC_RP_CLIENT_ID else []),
]

# HTTPS: secure cookies, HSTS and a redirect when the site's address is https (or GONGKAI_HTTPS=1).
HTTPS = env_bool("GONGKAI_HTTPS", SITE_URL.startswith("https://"))
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("GONGKAI_SSL_REDIRECT", HTTPS and bool(TRUSTED_PROXY))  # behind our proxy only
SECURE_HSTS_SECONDS = env_int("GONGKAI_HSTS_SECONDS", 31536000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("GONGKAI_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("GONGKAI_HSTS_PRELOAD", False)
# Preloading commits the whole registered domain (every other site under it) to HTTPS for months:
# a decision for the domain's owner, so `check --deploy` does not ask it of one site.
SILENCED_SYSTEM_CHECKS = [*globals().get("SILENCED_SYSTEM_CHECKS", []), "security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if TRUSTED_PROXY:
    # The proxy sets X-Forwarded-Proto on every request it passes on, and nobody else reaches us.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# No inline script or style anywhere: templates load theirs from /static/. data: images are the
# enrolment QR code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
