"""Sổ Hội settings: one module, driven by environment variables with safe defaults.

Nothing here differs between development and production except the environment's values:
- DATABASE_URL unset → SQLite in var/ (WAL); set → that database (PostgreSQL in production).
- SECRET_KEY unset → generated once into var/secret_key.
- SOHOI_DEBUG unset → DEBUG off.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SOHOI_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def envbool(name: str, default: str = "0") -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def envfloat(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return float(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}") from exc


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = envbool("SOHOI_DEBUG")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

# Behind a TLS-terminating proxy in production: SOHOI_HTTPS=1 turns on every HTTPS-only setting.
HTTPS = envbool("SOHOI_HTTPS")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "sohoi.core",
    "sohoi.accounts",
    "sohoi.audit",
    "sohoi.geo",
    "sohoi.people",
    "sohoi.registry",
    "sohoi.members",
    "sohoi.identity",
    "sohoi.mergers",
    "sohoi.reporting",
    "sohoi.notices",
    "sohoi.conferences",
    "sohoi.staffing",
    "sohoi.activities",
    "sohoi.home",
    "sohoi.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sohoi.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sohoi.accounts.middleware.PasswordChangeRequired",
    "sohoi.accounts.middleware.SecondFactorRequired",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "sohoi.urls"
WSGI_APPLICATION = "sohoi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "sohoi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sohoi.core.context_processors.sohoi",
            ],
        },
    },
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "sohoi.sqlite3",
            "OPTIONS": {
                # WAL lets the web process read while the worker writes; IMMEDIATE avoids
                # "database is locked" on write upgrades inside transactions. A 32 MB page cache
                # (SQLite's default is 2 MB) keeps the person indexes in memory during a bulk import.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                    "PRAGMA cache_size=-32768;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # The tests' database in a file too (SQLite's test default is memory with a shared cache,
            # where a reader locks a table and a writer in another thread — the browser tests' server
            # and worker — is refused at once instead of waiting, as on the real database).
            "TEST": {"NAME": str(VAR_DIR / "test.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# A second factor (TOTP, django-otp) for province officers: with SOHOI_OTP_REQUIRED=1 each of them sets
# up an authenticator app on first login and gives its 6-digit code at every login after.
SOHOI_OTP_REQUIRED = envbool("SOHOI_OTP_REQUIRED")
OTP_TOTP_ISSUER = "Sổ Hội"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "sohoi" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["sohoi.formats"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "sohoi" / "static",
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/pico", BASE_DIR / "node_modules" / "@picocss" / "pico" / "css"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded decision scans are served only through a permission-checked view, never as /media/.
MEDIA_ROOT = Path(os.environ.get("SOHOI_MEDIA_ROOT", VAR_DIR / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "sohoi@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Sổ Hội's own settings -------------------------------------------------------------
# The deployment's home province (2-digit code of Decision 19/2025/QĐ-TTg). Demo: Thái Nguyên.
# The address the e-mailed reminders link to.
SOHOI_SITE_URL = os.environ.get("SOHOI_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Report reminders start this many days before the deadline (manage.py send_reminders, daily).
SOHOI_REMINDER_DAYS_BEFORE = envint("SOHOI_REMINDER_DAYS_BEFORE", 3)
# Task reminders: this many days before a task's deadline, and once when it has passed.
SOHOI_TASK_REMINDER_DAYS = envint("SOHOI_TASK_REMINDER_DAYS", 7)
SOHOI_HOME_PROVINCE = os.environ.get("SOHOI_HOME_PROVINCE", "19")
# Term length in years used when an association's charter sets none (Decree 45/2010 Art 20: ≤ 5 years).
SOHOI_DEFAULT_TERM_YEARS = envint("SOHOI_DEFAULT_TERM_YEARS", 5)
# How far ahead the deadline lists look, in days.
SOHOI_DEADLINE_HORIZON_DAYS = envint("SOHOI_DEADLINE_HORIZON_DAYS", 180)
# An association's officers get a notice when one of its legal deadlines is this many days away or fewer.
SOHOI_DEADLINE_NOTICE_DAYS = envint("SOHOI_DEADLINE_NOTICE_DAYS", 30)
# Read notices older than this leave the list for the archive (never deleted).
SOHOI_NOTICE_ARCHIVE_DAYS = envint("SOHOI_NOTICE_ARCHIVE_DAYS", 90)
# Extra non-working days (ISO dates, comma separated) on top of sohoi/core/calendar.py.
SOHOI_EXTRA_HOLIDAYS = envlist("SOHOI_EXTRA_HOLIDAYS", "")
# Person matching (sohoi.identity): pairs at or above the upper probability are proposed for merging,
# those between the two thresholds go to the review queue, the rest are dropped.
SOHOI_MATCH_UPPER = envfloat("SOHOI_MATCH_UPPER", 0.9)
SOHOI_MATCH_LOWER = envfloat("SOHOI_MATCH_LOWER", 0.5)

# Overlap of associations (sohoi.mergers): each signal's weight in a pair's score, and the least score
# the ranking shows.
SOHOI_OVERLAP_WEIGHTS = {
    "text": 0.40,
    "field": 0.15,
    "agency": 0.05,
    "territory": 0.05,
    "central": 0.10,
    "members": 0.15,
    "branches": 0.10,
}
SOHOI_OVERLAP_MIN_SCORE = envfloat("SOHOI_OVERLAP_MIN_SCORE", 0.3)
# The province merger of 07/2025 (Guidance 05/HD-MTTW-BTT §3.1): "Hội A tỉnh <joining> + Hội A tỉnh
# <continuing> → Hội A tỉnh <continuing> (mới)".
# The province of this installation: the letterhead of documents ("UBND TỈNH …", the place of the
# date line) and the default issuing authority of decisions.
SOHOI_PROVINCE_NAME = os.environ.get("SOHOI_PROVINCE_NAME", "Thái Nguyên")
SOHOI_ISSUING_BODY = os.environ.get("SOHOI_ISSUING_BODY", "SỞ NỘI VỤ")
# A reorganisation whose sources hold more open memberships than this is carried out by the worker, its
# page showing the progress; a smaller one in the request (50,000 take about a second, bench/merge.py).
SOHOI_MERGER_INLINE_MEMBERSHIPS = envint("SOHOI_MERGER_INLINE_MEMBERSHIPS", 50_000)
SOHOI_PROVINCE_MERGER = {
    "continuing": os.environ.get("SOHOI_PROVINCE_NAME", "Thái Nguyên"),
    "joining": "Bắc Kạn",
    "effective": "2025-07-01",
}
