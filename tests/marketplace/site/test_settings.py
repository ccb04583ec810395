"""Configuration from the environment: safe defaults, clear errors, a clean deploy check."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def run_manage(*args, env_overrides, settings_module="marketplace.site.settings.production"):
    drop = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update({"DJANGO_SETTINGS_MODULE": settings_module, **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def production_env(**extra):
    return {
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "tori.example.fi",
        "DATABASE_URL": f"sqlite:///{ROOT / 'var' / 'deploy-check.sqlite3'}",
        **extra,
    }


def test_deploy_check_reports_nothing_with_production_variables():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides=production_env()
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_key_is_a_clear_error_not_a_traceback():
    env = production_env()
    del env["SECRET_KEY"]
    result = run_manage("check", env_overrides=env)
    assert result.returncode == 2
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_allowed_hosts_is_a_clear_error_in_production():
    env = production_env()
    del env["ALLOWED_HOSTS"]
    result = run_manage("check", env_overrides=env)
    assert result.returncode == 2
    assert "ALLOWED_HOSTS is not set" in result.stderr
    assert "Traceback" not in result.stderr


def _debug_setting(settings_module, **env):
    """settings.DEBUG as a fresh process sees it with this environment (no DEBUG inherited)."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django;django.setup();from django.conf import settings;print(settings.DEBUG)",
        ],
        cwd=ROOT,
        env={
            **production_env(**env),
            "DJANGO_SETTINGS_MODULE": settings_module,
            "PATH": os.environ["PATH"],
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(
    "settings_module", ["marketplace.site.settings.production", "marketplace.site.settings.dev"]
)
def test_debug_is_off_unless_set(settings_module):
    """Neither the production settings nor the development ones (manage.py's default) turn
    DEBUG on by themselves: only DEBUG=1 in the environment does."""
    assert _debug_setting(settings_module) == "False"
    assert _debug_setting(settings_module, DEBUG="0") == "False"
    assert _debug_setting(settings_module, DEBUG="1") == "True"


def test_malformed_boolean_is_refused(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from marketplace.site.settings.env import env_bool

    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be a boolean"):
        env_bool("DEBUG")


def test_redis_url_switches_cache_and_sessions():
    code = (
        "from django.conf import settings;"
        "print(settings.CACHES['default']['BACKEND']);print(settings.SESSION_ENGINE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django;django.setup();{code}"],
        cwd=ROOT,
        env={
            **production_env(REDIS_URL="redis://127.0.0.1:6379/1"),
            "DJANGO_SETTINGS_MODULE": "marketplace.site.settings.production",
            "PATH": os.environ["PATH"],
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "marketplace.site.cache.RedisCache" in result.stdout
    assert "cached_db" in result.stdout


def test_smtp_variables_switch_the_email_backend():
    code = "from django.conf import settings;print(settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT)"
    result = subprocess.run(
        [sys.executable, "-c", f"import django;django.setup();{code}"],
        cwd=ROOT,
        env={
            **production_env(EMAIL_HOST="smtp.example.fi", EMAIL_PORT="2525"),
            "DJANGO_SETTINGS_MODULE": "marketplace.site.settings.production",
            "PATH": os.environ["PATH"],
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "smtp.EmailBackend smtp.example.fi 2525" in result.stdout


def test_malformed_numbers_are_refused(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from marketplace.site.settings.env import env_float, env_int

    monkeypatch.setenv("ELASTICSEARCH_TIMEOUT", "soon")
    with pytest.raises(ImproperlyConfigured, match="ELASTICSEARCH_TIMEOUT must be a number"):
        env_float("ELASTICSEARCH_TIMEOUT", 5.0)
    monkeypatch.setenv("TORI_PAGE_CACHE_SECONDS", "1.5")
    with pytest.raises(ImproperlyConfigured, match="must be an integer"):
        env_int("TORI_PAGE_CACHE_SECONDS", 30)
    monkeypatch.setenv("ELASTICSEARCH_TIMEOUT", "0.5")
    assert env_float("ELASTICSEARCH_TIMEOUT", 5.0) == 0.5


# Outside marketplace/site/settings/ a setting is read as `settings.NAME`: declared once, with its
# default, in the settings, never with a fallback of its own.
GETATTR_ON_SETTINGS = re.compile(r"getattr\(\s*settings\b")


def test_no_setting_is_read_with_getattr_outside_the_settings():
    files = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert files and (ROOT / "manage.py").exists(), "git ls-files found no Python files"
    offenders = [
        f"{name}:{number}"
        for name in files
        if not name.startswith("marketplace/site/settings/") and (ROOT / name).exists()
        for number, line in enumerate((ROOT / name).read_text(encoding="utf-8").splitlines(), 1)
        if GETATTR_ON_SETTINGS.search(line)
    ]
    assert not offenders, (
        f"settings read with getattr outside marketplace/site/settings/: {offenders}"
    )
