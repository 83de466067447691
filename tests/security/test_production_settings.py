"""Production settings: `check --deploy` is clean with HTTPS on; each switch does its part."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.ops.settings_loader import PRODUCTION, run

HTTPS_SETTINGS = (
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
)


def test_check_deploy_gives_no_warning_in_production_with_https():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **PRODUCTION,
        FACTBASE_HTTPS="1",
    )

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "System check identified no issues (1 silenced).\n",
        "",
    )


def test_check_deploy_without_https_names_only_what_https_would_set():
    result = run(["manage.py", "check", "--deploy"], **PRODUCTION)

    ids = [line.split()[1] for line in result.stderr.splitlines() if line.startswith("?: (")]
    assert (result.returncode, ids) == (
        0,
        ["(security.W004)", "(security.W008)", "(security.W012)", "(security.W016)"],
    )


def test_https_is_off_by_default_for_the_quick_start(load_settings):
    settings = load_settings(**PRODUCTION)

    assert {name: settings.get(name) for name in HTTPS_SETTINGS} == dict.fromkeys(HTTPS_SETTINGS)


def test_factbase_https_turns_on_https_behind_a_proxy(load_settings):
    settings = load_settings(**PRODUCTION, FACTBASE_HTTPS="1")

    assert {name: settings[name] for name in HTTPS_SETTINGS} == {
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
        "SECURE_SSL_REDIRECT": True,
        "SECURE_REDIRECT_EXEMPT": [r"^healthz$", r"^readyz$"],
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
    }


def test_hsts_can_start_short_and_opt_in_to_preload(load_settings):
    settings = load_settings(
        **PRODUCTION,
        FACTBASE_HTTPS="1",
        SECURE_HSTS_SECONDS="300",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="0",
        SECURE_HSTS_PRELOAD="1",
    )

    assert (
        settings["SECURE_HSTS_SECONDS"],
        settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"],
        settings["SECURE_HSTS_PRELOAD"],
        settings.get("SILENCED_SYSTEM_CHECKS"),
    ) == (300, False, True, None)


def test_the_preload_reminder_is_silenced_only_while_preload_is_off(load_settings):
    settings = load_settings(**PRODUCTION, FACTBASE_HTTPS="1")

    assert settings["SILENCED_SYSTEM_CHECKS"] == ["security.W021"]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, 0),
        ({"FACTBASE_HTTPS": "1"}, 1),
        ({"FACTBASE_HTTPS": "1", "FACTBASE_PROXY_COUNT": "2"}, 2),
    ],
    ids=["direct", "behind-a-proxy", "behind-two-proxies"],
)
def test_proxy_count_follows_https_unless_set(load_settings, env, expected):
    settings = load_settings(**PRODUCTION, **env)

    assert (settings["FACTBASE_PROXY_COUNT"], settings["REST_FRAMEWORK"]["NUM_PROXIES"]) == (
        expected,
        expected,
    )


# --- the admin's address --------------------------------------------------------------


def test_admin_url_defaults_to_admin(load_settings):
    assert load_settings()["ADMIN_URL"] == "admin/"


def test_admin_is_served_at_admin_url():
    result = run(
        [
            "-c",
            "import django; django.setup(); from django.urls import reverse; "
            "print(reverse('admin:index'), reverse('admin:login'))",
        ],
        ADMIN_URL="curation-desk/",
    )

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "/curation-desk/ /curation-desk/login/\n",
        "",
    )


@pytest.mark.parametrize(
    "value", ["/admin/", "admin", "admin//", "../admin/", "ad min/", "admin/?x=1/"]
)
def test_malformed_admin_url_is_refused_naming_it(load_settings, value):
    with pytest.raises(ImproperlyConfigured) as caught:
        load_settings(ADMIN_URL=value)

    assert str(caught.value) == (
        f"ADMIN_URL={value!r} is not a URL path such as 'admin/': no leading '/', a '/' at "
        "the end, and only letters, digits, '-', '.', '_' and '~' between the slashes."
    )


# --- database timeouts ----------------------------------------------------------------

POSTGRES = "postgres://factbase:factbase@db.example.org:5432/factbase"


def test_postgresql_connections_fail_fast_and_statements_are_bounded(load_settings):
    settings = load_settings(DATABASE_URL=POSTGRES)

    assert settings["DATABASES"]["default"]["OPTIONS"] == {
        "connect_timeout": 2,
        "options": "-c statement_timeout=10000 -c jit=off",
    }


def test_database_timeouts_are_configurable(load_settings):
    settings = load_settings(
        DATABASE_URL=POSTGRES, DB_CONNECT_TIMEOUT="5", DB_STATEMENT_TIMEOUT="30000"
    )

    assert settings["DATABASES"]["default"]["OPTIONS"] == {
        "connect_timeout": 5,
        "options": "-c statement_timeout=30000 -c jit=off",
    }


def test_statement_timeout_zero_sets_no_limit(load_settings):
    settings = load_settings(DATABASE_URL=POSTGRES, DB_STATEMENT_TIMEOUT="0")

    assert settings["DATABASES"]["default"]["OPTIONS"] == {
        "connect_timeout": 2,
        "options": "-c jit=off",
    }


def test_database_url_options_win_over_the_defaults(load_settings):
    settings = load_settings(
        DATABASE_URL=f"{POSTGRES}?connect_timeout=7&options=-c%20statement_timeout%3D500"
    )

    assert settings["DATABASES"]["default"]["OPTIONS"] == {
        "connect_timeout": 7,
        "options": "-c statement_timeout=500 -c jit=off",
    }


def test_database_url_may_turn_jit_back_on(load_settings):
    settings = load_settings(DATABASE_URL=f"{POSTGRES}?options=-c%20jit%3Don")

    assert settings["DATABASES"]["default"]["OPTIONS"]["options"] == (
        "-c statement_timeout=10000 -c jit=on"
    )


def test_sqlite_gets_no_postgresql_options(load_settings):
    options = load_settings()["DATABASES"]["default"]["OPTIONS"]

    assert sorted(options) == ["init_command", "timeout", "transaction_mode"]
