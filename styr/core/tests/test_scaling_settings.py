"""The deadline-day settings (README, "Configuration"): persistent connections, working-day sessions,
a shared cache, Argon2id passwords and the read replica, each from the environment."""

from styr.core.tests.test_deploy_settings import setting

WHAT = ("[settings.DATABASES['default']['CONN_MAX_AGE'], settings.DATABASES['default']['CONN_HEALTH_CHECKS'], "
        "settings.SESSION_COOKIE_AGE, settings.SESSION_SAVE_EVERY_REQUEST, settings.SESSION_ENGINE, "
        "settings.CACHES['default']['BACKEND'], settings.PASSWORD_HASHERS[0], "
        "sorted(settings.DATABASES), getattr(settings, 'DATABASE_ROUTERS', []), "
        "'styr.core.routers.ReplicaReads' in settings.MIDDLEWARE]")


def test_defaults_keep_one_database_a_local_cache_and_a_working_day_session(tmp_path):
    assert setting(tmp_path, WHAT) == [
        0, True, 10 * 3600, False, "django.contrib.sessions.backends.db",
        "django.core.cache.backends.locmem.LocMemCache", "styr.accounts.hashers.Argon2idHasher",
        ["default"], [], False,
    ]


def test_the_environment_sets_connections_sessions_cache_hasher_and_replica(tmp_path):
    assert setting(tmp_path, WHAT, STYR_DB_CONN_MAX_AGE="600", STYR_DB_CONN_HEALTH_CHECKS="0", STYR_SESSION_HOURS="8",
                   STYR_CACHE="database", STYR_PASSWORD_HASHER="pbkdf2",
                   DATABASE_URL="postgres://styr@primary/styr", DATABASE_REPLICA_URL="postgres://styr@replica/styr") == [
        600, False, 8 * 3600, False, "django.contrib.sessions.backends.cached_db",
        "django.core.cache.backends.db.DatabaseCache", "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        ["default", "replica"], ["styr.core.routers.ReadReplicaRouter"], True,
    ]
    assert setting(tmp_path, "[settings.DATABASES['replica'][key] for key in ('HOST', 'CONN_MAX_AGE')]",
                   DATABASE_REPLICA_URL="postgres://styr@replica/styr", STYR_DB_CONN_MAX_AGE="60") == ["replica", 60]
