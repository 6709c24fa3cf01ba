"""All settings, read from the environment (see README, "Configuration")."""

import os
from collections.abc import Iterable
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("STYR_VAR_DIR", BASE_DIR.parent / "var"))
# The embedded database and collected static files live here; a fresh clone has none yet.
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)


BOOLEANS = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}


def env_bool(name: str, default: bool) -> bool:
    """1/0, true/false, yes/no or on/off; anything else stops Styr at start, naming the variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return BOOLEANS[value.strip().lower()]
    except KeyError:
        raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {value!r}") from None


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_choice(name: str, default: str, choices: Iterable[str]) -> str:
    value = os.environ.get(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def env_secret(name: str, default: str = "") -> str:
    """NAME, or the content of the file NAME_FILE names (Docker and Kubernetes secrets), never both."""
    file = os.environ.get(f"{name}_FILE")
    if file is None:
        return os.environ.get(name, default)
    if name in os.environ:
        raise ImproperlyConfigured(f"Set {name} or {name}_FILE, not both")
    try:
        return Path(file).read_text(encoding="utf-8").rstrip("\r\n")
    except (OSError, UnicodeError) as error:
        raise ImproperlyConfigured(f"{name}_FILE: cannot read {file}: {error}") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("STYR_DEBUG", True)
SECRET_KEY = env_secret("STYR_SECRET_KEY") or (
    "styr-development-key-only-for-local-use-never-in-production" if DEBUG else ""
)
if not SECRET_KEY:
    raise ImproperlyConfigured("STYR_SECRET_KEY must be set when STYR_DEBUG=0 (or STYR_SECRET_KEY_FILE)")
ALLOWED_HOSTS = env_list("STYR_ALLOWED_HOSTS", "127.0.0.1,localhost")

# Persistent connections: a worker keeps its connection for STYR_DB_CONN_MAX_AGE seconds (0: one per
# request), checked before reuse when STYR_DB_CONN_HEALTH_CHECKS=1 (a restarted database costs no 500).
_CONN_MAX_AGE = env_int("STYR_DB_CONN_MAX_AGE", 0)
_CONN_HEALTH_CHECKS = env_bool("STYR_DB_CONN_HEALTH_CHECKS", True)
DATABASES = {
    "default": dj_database_url.parse(
        env_secret("DATABASE_URL", f"sqlite:///{VAR_DIR / 'styr.sqlite3'}"),
        conn_max_age=_CONN_MAX_AGE, conn_health_checks=_CONN_HEALTH_CHECKS,
    )
}
# A read replica (PostgreSQL streaming replication) for anonymous pages and API reads: see
# styr.core.routers and docs/scaling.md. Without it every query goes to DATABASE_URL.
if _REPLICA_URL := env_secret("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(_REPLICA_URL, conn_max_age=_CONN_MAX_AGE,
                                                 conn_health_checks=_CONN_HEALTH_CHECKS)
    # In tests the replica is the test database itself, as a replica with no lag would be.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["styr.core.routers.ReadReplicaRouter"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a file, not shared-cache memory, so that concurrent writers behave as in production.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
ON_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")

INSTALLED_APPS = [
    "styr.organisation.apps.StyrAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "pgtrigger",
    "pghistory",
    "styr.core",
    "styr.history",
    "styr.organisation",
    "styr.plans",
    "styr.search",
    "styr.followup",
    "styr.kpis",
    "styr.control",
    "styr.economy",
    "styr.statistics",
    "styr.charts",
    "styr.documents",
    "styr.accounts",
    "styr.front",
    "styr.setup",
    "styr.people",
    "styr.planning",
    "styr.demo",
    "styr.generate",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "styr.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads a form or a query string: NUL would reach PostgreSQL as a 500.
    "styr.core.middleware.RefuseNulCharacters",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "styr.organisation.middleware.MembershipsReadOnce",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "styr.organisation.vocabulary.VocabularyCache",
    # Tells the history triggers who made each change (PostgreSQL only; see styr.history.audit).
    *(["pghistory.middleware.HistoryMiddleware"] if ON_POSTGRES else []),
]

ROOT_URLCONF = "styr.urls"
WSGI_APPLICATION = "styr.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "styr.organisation.vocabulary.terms",
            ],
        },
    }
]
# The plain widgets written in Python (a follow-up page holds thousands); the rest by Django's templates.
FORM_RENDERER = "styr.core.rendering.FastRenderer"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Argon2id (argon2-cffi) at OWASP's recommended cost by default (styr.accounts.hashers): memory-hard, so
# harder to attack than Django's PBKDF2, at a fraction of its CPU per sign-in, which matters when a whole
# municipality signs in on deadline day. Existing PBKDF2 hashes still verify and are upgraded at the
# next sign-in; STYR_PASSWORD_HASHER=pbkdf2 keeps Django's default.
PASSWORD_HASHERS = {
    "argon2": ["styr.accounts.hashers.Argon2idHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"],
    "pbkdf2": ["django.contrib.auth.hashers.PBKDF2PasswordHasher", "styr.accounts.hashers.Argon2idHasher"],
}[env_choice("STYR_PASSWORD_HASHER", "argon2", ["argon2", "pbkdf2"])]
PASSWORD_HASHERS += [
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# A manager signs in once a working day: the session lasts STYR_SESSION_HOURS (default 10) from
# sign-in and is not rewritten on every request. Sessions are rows in the database, so any app
# server reads any session; with STYR_CACHE=database the cache (and a cached copy of each session)
# is a database table too (`styr createcachetable`), shared by every server.
SESSION_COOKIE_AGE = env_int("STYR_SESSION_HOURS", 10) * 3600
SESSION_SAVE_EVERY_REQUEST = False
CACHES = {
    "local": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    "database": {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "styr_cache"}},
}[env_choice("STYR_CACHE", "local", ["local", "database"])]
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    else "django.contrib.sessions.backends.db"
)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# WhiteNoise serves the collected files: compressed (gzip, Brotli when installed), and the hashed names of
# the manifest are cached by browsers and proxies for ten years (immutable); unhashed names for
# STYR_STATIC_MAX_AGE seconds.
WHITENOISE_MAX_AGE = env_int("STYR_STATIC_MAX_AGE", 0 if DEBUG else 3600)
MEDIA_ROOT = VAR_DIR / "media"

# Logging to stderr, where a container platform or systemd collects it. Server errors are logged
# with their tracebacks (Django's default would mail them to ADMINS, which Styr does not set);
# refused requests (4xx) are not errors. STYR_LOG_LEVEL sets Styr's own loggers (the sign-in log
# writes at INFO).
LOG_LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        # Configured here, Django's own handlers (console while debugging, mail to ADMINS) are dropped.
        "django": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        "django.security": {"level": "WARNING"},
        "styr": {"level": env_choice("STYR_LOG_LEVEL", "INFO", LOG_LEVELS)},
    },
}

# The REST API (/api/, described at /api/openapi.json). Every permission decision is taken in the
# views through the permission table, so DRF's own permission classes let everything through.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header turns "not signed in" into 401 rather than 403.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["styr.api.parsers.StrictJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "styr.api.pagination.Pages",
    # Numbers go out as JSON numbers; 14 digits with 3 decimals fit a double exactly enough.
    "COERCE_DECIMAL_TO_STRING": False,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Styr API",
    "DESCRIPTION": (
        "Plans and follow-up of Styr: municipalities, units, plans with goals, measures with targets and "
        "outcomes, follow-up periods, and the follow-up writes (measure values and analyses, goal "
        "assessments, statuses of commitments and activities).\n\n"
        "Authentication: `Authorization: Token <key>` (keys are made in the admin or with "
        "`styr apitoken USERNAME`), or the browser session. Without authentication only what is "
        "published is readable.\n\n"
        "Writes use optimistic locking: send the `version` you read (0 when nothing is saved yet). "
        "If someone saved in between, the answer is 409 with the saved item and nothing is written."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/",
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "styr.organisation.models.UnitKind",
        "MeasureKindEnum": "styr.plans.models.MeasureKind",
        "TargetKindEnum": "styr.plans.models.TargetKind",
        "PeriodKindEnum": "styr.followup.models.PeriodKind",
        "ProgressStateEnum": "styr.followup.models.ProgressState",
    },
}

# Background work (document files, Kolada syncs, reminders). "immediate" runs a task inside the request
# that enqueues it (the demo and the tests); "database" queues it for workers started with `styr db_worker`.
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.backend.DatabaseBackend",
        }[env_choice("STYR_TASKS", "immediate", ["immediate", "database"])]
    }
}

# E-mail (reminders): the console backend prints mails while developing; SMTP in production.
_EMAIL_BACKEND = os.environ.get(
    "STYR_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
# Read whatever the backend, so that a wrong value stops the start before the first mail is due.
_SMTP_OPTIONS = {
    "host": os.environ.get("STYR_EMAIL_HOST", "localhost"),
    "port": env_int("STYR_EMAIL_PORT", 25),
    "username": os.environ.get("STYR_EMAIL_USER", ""),
    "password": env_secret("STYR_EMAIL_PASSWORD"),
    "use_tls": env_bool("STYR_EMAIL_TLS", False),
}
MAILERS = {
    "default": {
        "BACKEND": _EMAIL_BACKEND,
        "OPTIONS": _SMTP_OPTIONS if _EMAIL_BACKEND.endswith("smtp.EmailBackend") else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("STYR_EMAIL_FROM", "styr@localhost")
# The site's public address, for links in e-mails.
STYR_BASE_URL = os.environ.get("STYR_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Security. In production (STYR_DEBUG=0) HTTPS is assumed: set STYR_BEHIND_TLS_PROXY=1 when a proxy
# terminates TLS and sets X-Forwarded-Proto.
SESSION_COOKIE_SECURE = env_bool("STYR_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("STYR_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the proxy asks each app server over plain HTTP
SECURE_HSTS_SECONDS = env_int("STYR_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("STYR_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("STYR_HSTS_PRELOAD", False)
if env_bool("STYR_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Scripts only from Styr itself; inline style attributes are allowed because assessment and status
# colours are each municipality's own configuration.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# Preloading HSTS binds the whole domain to HTTPS in browsers for good: the municipality decides
# (STYR_HSTS_PRELOAD=1), so the deploy check does not insist on it.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# --- Sign-in (accounts app) ---
# Local accounts with lockout (django-axes), OpenID Connect (Authlib; Microsoft Entra ID is the
# common provider) and SAML 2.0 (djangosaml2/pysaml2, needs the `xmlsec1` program). Every login,
# logout, failure, lockout and refused access goes to accounts.SignInEvent. Environment:
#   STYR_LOGIN_FAILURE_LIMIT    failed password attempts before a username is locked (default 5)
#   STYR_LOGIN_LOCKOUT_MINUTES  how long the lock lasts (default 15)
#   STYR_TRUSTED_PROXY_COUNT    reverse proxies in front of Styr that append to X-Forwarded-For
#                               (default 0: the log and the lockout use REMOTE_ADDR)
#   STYR_OIDC_CLIENT_ID         the application (client) id; OIDC is offered when it and a provider are set
#   STYR_OIDC_CLIENT_SECRET     the client secret (empty: public client, PKCE only)
#   STYR_OIDC_ENTRA_TENANT      Entra ID tenant id: sets the discovery URL for you
#   STYR_OIDC_METADATA_URL      any other provider's .well-known/openid-configuration URL
#   STYR_OIDC_SCOPES            default "openid profile email"
#   STYR_OIDC_REDIRECT_URI      fixed callback URL (default: this site's /konto/oidc/callback/)
#   STYR_OIDC_GROUPS_CLAIM      claim holding group ids (default "groups"); stored, not yet used
#   STYR_OIDC_CREATE_USERS      create a local user at first sign-in (default 1)
#   STYR_OIDC_BUTTON_LABEL      button text (default "Logga in med Microsoft Entra ID")
#   STYR_SAML_IDP_METADATA_FILE / STYR_SAML_IDP_METADATA_URL  the IdP's metadata; SAML is offered when set
#   STYR_SAML_BASE_URL          this site's public address, e.g. https://styr.example.se (default: from the request)
#   STYR_SAML_ENTITY_ID         SP entity id (default: <base>/konto/saml2/metadata/, where the SP metadata is served)
#   STYR_SAML_SP_KEY_FILE / STYR_SAML_SP_CERT_FILE  SP key pair for signed requests and encrypted assertions
#   STYR_SAML_XMLSEC_BINARY     path of xmlsec1 (default: found on PATH)
#   STYR_SAML_USERNAME_ATTRIBUTE / STYR_SAML_GROUPS_ATTRIBUTE  attribute names to prefer
#   STYR_SAML_CREATE_USERS      create a local user at first sign-in (default 1)
#   STYR_SAML_BUTTON_LABEL      button text (default "Logga in med SAML")
import datetime as _datetime  # noqa: E402

INSTALLED_APPS.append("axes")
INSTALLED_APPS.append("djangosaml2")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1,
    "djangosaml2.middleware.SamlSessionMiddleware",
)
if "replica" in DATABASES:  # after sign-in is known (sessions and users are read from the primary)
    MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
                      "styr.core.routers.ReplicaReads")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # must be last: turns a lockout into the lockout page
AUTHENTICATION_BACKENDS = [
    "styr.accounts.backends.LockoutBackend",
    *globals().get("AUTHENTICATION_BACKENDS", ["django.contrib.auth.backends.ModelBackend"]),
    "styr.accounts.backends.OidcBackend",
    "styr.accounts.backends.SamlBackend",
]
CSRF_FAILURE_VIEW = "styr.accounts.views.csrf_failure"

AXES_FAILURE_LIMIT = env_int("STYR_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = _datetime.timedelta(minutes=env_int("STYR_LOGIN_LOCKOUT_MINUTES", 15))
# Locked by username only: behind a municipality's NAT or a reverse proxy many people share one
# address, and locking that address would lock them all out (hence axes.W006 is silenced).
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = [*globals().get("SILENCED_SYSTEM_CHECKS", []), "axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # accounts.SignInEvent is the log
AXES_LOCKOUT_CALLABLE = "styr.accounts.views.locked_out"
AXES_VERBOSE = False
STYR_TRUSTED_PROXY_COUNT = env_int("STYR_TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "styr.accounts.access_log.forwarded_client_ip"
AXES_USERNAME_CALLABLE = "styr.accounts.access_log.attempted_username"

STYR_OIDC_CLIENT_ID = os.environ.get("STYR_OIDC_CLIENT_ID", "")
STYR_OIDC_CLIENT_SECRET = env_secret("STYR_OIDC_CLIENT_SECRET")
STYR_OIDC_METADATA_URL = os.environ.get("STYR_OIDC_METADATA_URL", "") or (
    f"https://login.microsoftonline.com/{os.environ['STYR_OIDC_ENTRA_TENANT']}/v2.0/.well-known/openid-configuration"
    if os.environ.get("STYR_OIDC_ENTRA_TENANT") else ""
)
STYR_OIDC_SCOPES = os.environ.get("STYR_OIDC_SCOPES", "openid profile email")
STYR_OIDC_REDIRECT_URI = os.environ.get("STYR_OIDC_REDIRECT_URI", "")
STYR_OIDC_GROUPS_CLAIM = os.environ.get("STYR_OIDC_GROUPS_CLAIM", "groups")
STYR_OIDC_CREATE_USERS = env_bool("STYR_OIDC_CREATE_USERS", True)
STYR_OIDC_BUTTON_LABEL = os.environ.get("STYR_OIDC_BUTTON_LABEL", "")

STYR_SAML_IDP_METADATA_FILE = os.environ.get("STYR_SAML_IDP_METADATA_FILE", "")
STYR_SAML_IDP_METADATA_URL = os.environ.get("STYR_SAML_IDP_METADATA_URL", "")
STYR_SAML_BASE_URL = os.environ.get("STYR_SAML_BASE_URL", "")
STYR_SAML_ENTITY_ID = os.environ.get("STYR_SAML_ENTITY_ID", "")
STYR_SAML_SP_KEY_FILE = os.environ.get("STYR_SAML_SP_KEY_FILE", "")
STYR_SAML_SP_CERT_FILE = os.environ.get("STYR_SAML_SP_CERT_FILE", "")
STYR_SAML_XMLSEC_BINARY = os.environ.get("STYR_SAML_XMLSEC_BINARY", "")
STYR_SAML_USERNAME_ATTRIBUTE = os.environ.get("STYR_SAML_USERNAME_ATTRIBUTE", "")
STYR_SAML_GROUPS_ATTRIBUTE = os.environ.get("STYR_SAML_GROUPS_ATTRIBUTE", "")
STYR_SAML_CREATE_USERS = env_bool("STYR_SAML_CREATE_USERS", True)
STYR_SAML_BUTTON_LABEL = os.environ.get("STYR_SAML_BUTTON_LABEL", "")
SAML_CONFIG_LOADER = "styr.accounts.saml.sp_config_loader"
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_SESSION_COOKIE_NAME = "styr_saml_session"
SAML_IGNORE_LOGOUT_ERRORS = True
SAML_CSP_HANDLER = ""  # the site's Content-Security-Policy is not djangosaml2's business
