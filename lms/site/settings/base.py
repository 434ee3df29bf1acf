"""Settings shared by every environment of the reference site."""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

from lms.site.env import env_list, env_str

REPO_DIR = Path(__file__).resolve().parents[3]
# Run-time state (database, uploads, collected static) lives outside the packages.
VAR_DIR = Path(env_str("HOCVIEN_VAR_DIR", str(REPO_DIR / "var")))

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "demo-only-not-secret")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
# SCORM and H5P content is served from a host of its own, so packages never
# run beside the learner's session (lms/scorm/README.md, "Isolation").
HOCVIEN_CONTENT_ORIGIN = env_str("HOCVIEN_CONTENT_ORIGIN", "")
if HOCVIEN_CONTENT_ORIGIN:
    ALLOWED_HOSTS.append(urlsplit(HOCVIEN_CONTENT_ORIGIN).hostname)
# An external LRS that receives a copy of every H5P xAPI statement (optional).
if env_str("HOCVIEN_H5P_LRS_ENDPOINT", ""):
    HOCVIEN_H5P_LRS = {
        "endpoint": env_str("HOCVIEN_H5P_LRS_ENDPOINT", ""),
        "username": env_str("HOCVIEN_H5P_LRS_USERNAME", ""),
        "password": env_str("HOCVIEN_H5P_LRS_PASSWORD", ""),
    }
# The learning hours a cadre must complete a year, shown on the transcript
# (lms/certificates/README.md); empty shows no target.
HOCVIEN_ANNUAL_TRAINING_HOURS = env_str("HOCVIEN_ANNUAL_TRAINING_HOURS", "")

INSTALLED_APPS = [
    # Hocvien LMS plugin apps
    "lms.site",
    "lms.org",
    "lms.notifications",
    "lms.progress",
    "lms.packages",
    "lms.scorm",
    "lms.h5p",
    "lms.training",
    "lms.certificates",
    "courses",
    "media",
    "themes.default",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Jobs
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lms.packages.isolation.ContentOriginMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.site.urls"
WSGI_APPLICATION = "lms.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# ---------------------------------------------------------------- database
# Embedded SQLite by default; PostgreSQL (or anything dj-database-url reads)
# when DATABASE_URL is set.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        # Kept open: a new PostgreSQL connection per request halved the
        # watch-report throughput (bench/watch_endpoint.py); checked before
        # reuse so a restarted server costs one failed request at most.
        conn_max_age=int(env_str("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the job worker write without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------- jobs
# django-tasks, the API Wagtail itself uses. The embedded default keeps jobs in
# the database (worker: `manage.py db_worker`); HOCVIEN_TASKS_BACKEND=rq moves
# them to Redis (worker: `manage.py rqworker --job-class django_tasks_rq.Job`).
TASK_QUEUES = ["default", "video"]
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
RQ_QUEUES = {name: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 3600} for name in TASK_QUEUES}
TASKS_BACKEND_NAME = env_str("HOCVIEN_TASKS_BACKEND", "database")
TASKS_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {
    "default": {
        "BACKEND": TASKS_BACKENDS[TASKS_BACKEND_NAME],
        "QUEUES": TASK_QUEUES,
    }
}

# ---------------------------------------------------------------- auth
AUTHENTICATION_BACKENDS = [
    "lms.org.auth_backends.PhoneOrEmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = "/dang-nhap/"
VALIDATORS_MODULE = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{VALIDATORS_MODULE}.{name}"}
    for name in [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
]

# ---------------------------------------------------------------- language
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Each app carries its own catalogue in <app>/locale/ (make translations).
# Completes Wagtail's partial Vietnamese admin; LOCALE_PATHS beat app catalogues.
LOCALE_PATHS = [REPO_DIR / "lms" / "site" / "locale_wagtail"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["lms.site.formats"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

# ---------------------------------------------------------------- files
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("HOCVIEN_STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/uploads/"
MEDIA_ROOT = Path(env_str("HOCVIEN_MEDIA_ROOT", str(VAR_DIR / "uploads")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# ---------------------------------------------------------------- wagtail
WAGTAIL_SITE_NAME = env_str("HOCVIEN_SITE_NAME", "Học viện trực tuyến")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt"]

# ---------------------------------------------------------------- security
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # Wagtail's admin JavaScript reads it.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint tells its seven steps of every PDF at INFO: a worker issuing
    # a class would log 70,000 lines. Its warnings (e.g. on a design's CSS)
    # still show.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}

SITE_LABEL = _("Hocvien LMS")
WAGTAILADMIN_USER_LOGIN_FORM = "lms.org.forms.AdminLoginForm"
