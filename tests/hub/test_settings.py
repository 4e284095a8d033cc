"""Production settings read the environment and refuse to run without a secret."""

import os
import subprocess
import sys
from pathlib import Path

from hub.settings.base import database_config

ROOT = Path(__file__).resolve().parents[2]


DEFAULT_CODE = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.ALLOWED_HOSTS, settings.DATABASES['default']['ENGINE'])"
)


def load_production_settings(*, code=DEFAULT_CODE, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="hub.settings.production", **env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = load_production_settings()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_reads_hosts_and_database_from_the_environment():
    result = load_production_settings(
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="hub.example.com, www.hub.example.com",
        DATABASE_URL="postgres://hub:pw@db.internal:5432/hub",
    )
    assert result.returncode == 0, result.stderr
    assert "['hub.example.com', 'www.hub.example.com']" in result.stdout
    assert "postgresql" in result.stdout


def test_embedded_sqlite_is_tuned_for_concurrent_writers():
    config = database_config(None)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["OPTIONS"]["timeout"] >= 5
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_production_passes_anymail_settings_from_the_environment():
    result = load_production_settings(
        code=(
            "from django.conf import settings; "
            "print(settings.ANYMAIL, 'anymail' in settings.INSTALLED_APPS)"
        ),
        SECRET_KEY="x" * 50,
        EMAIL_BACKEND="anymail.backends.postmark.EmailBackend",
        ANYMAIL_POSTMARK_SERVER_TOKEN="token-123",
    )
    assert result.returncode == 0, result.stderr
    assert "{'POSTMARK_SERVER_TOKEN': 'token-123'} True" in result.stdout


def test_production_passes_the_deploy_checks_without_warnings():
    code = (
        "import django; django.setup(); from django.core.management import "
        "call_command; call_command('check', deploy=True, fail_level='WARNING')"
    )
    result = load_production_settings(
        code=code,
        SECRET_KEY="k3y-" + "x9Q!" * 15,
        ALLOWED_HOSTS="hub.example.com",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


HSTS_CODE = (
    "from django.conf import settings; print(settings.SECURE_HSTS_SECONDS, "
    "settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_HSTS_PRELOAD)"
)


def test_hsts_covers_only_the_hub_host_unless_the_deployment_opts_in():
    env = {
        key: ""
        for key in ("SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD")
        if key in os.environ
    }
    default = load_production_settings(code=HSTS_CODE, SECRET_KEY="x" * 50, **env)
    opted_in = load_production_settings(
        code=HSTS_CODE,
        SECRET_KEY="x" * 50,
        SECURE_HSTS_INCLUDE_SUBDOMAINS="1",
        SECURE_HSTS_PRELOAD="true",
    )

    assert default.returncode == 0, default.stderr
    assert default.stdout.split() == ["31536000", "False", "False"]
    assert opted_in.returncode == 0, opted_in.stderr
    assert opted_in.stdout.split() == ["31536000", "True", "True"]


def test_the_deploy_checks_pass_with_hsts_opted_in_too():
    code = (
        "import django; django.setup(); from django.core.management import "
        "call_command; call_command('check', deploy=True, fail_level='WARNING')"
    )
    result = load_production_settings(
        code=code,
        SECRET_KEY="k3y-" + "x9Q!" * 15,
        ALLOWED_HOSTS="hub.example.com",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="true",
        SECURE_HSTS_PRELOAD="true",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


PROXY_CODE = "from django.conf import settings; print(settings.HUB_TRUSTED_PROXY_COUNT)"


def test_production_reads_the_trusted_proxy_count_from_the_environment():
    env = (
        {"HUB_TRUSTED_PROXY_COUNT": ""}
        if "HUB_TRUSTED_PROXY_COUNT" in os.environ
        else {}
    )
    default = load_production_settings(code=PROXY_CODE, SECRET_KEY="x" * 50, **env)
    behind_one = load_production_settings(
        code=PROXY_CODE, SECRET_KEY="x" * 50, HUB_TRUSTED_PROXY_COUNT="1"
    )
    garbage = load_production_settings(
        code=PROXY_CODE, SECRET_KEY="x" * 50, HUB_TRUSTED_PROXY_COUNT="yes"
    )

    assert (default.returncode, default.stdout.strip()) == (0, "0"), default.stderr
    assert (behind_one.returncode, behind_one.stdout.strip()) == (0, "1")
    assert garbage.returncode != 0
    assert "HUB_TRUSTED_PROXY_COUNT must be a whole number" in garbage.stderr


def test_the_readme_documents_the_trusted_proxy_count():
    readme = (ROOT / "README.md").read_text()
    assert "| `HUB_TRUSTED_PROXY_COUNT` |" in readme


def test_a_non_editable_install_ships_every_app_of_the_hub():
    """pyproject.toml's package list names every app of ours in INSTALLED_APPS
    (community was once missing, so an installed hub lacked it)."""
    import fnmatch
    import tomllib
    from pathlib import Path

    from django.conf import settings

    pyproject = tomllib.loads(
        (Path(settings.BASE_DIR) / "pyproject.toml").read_text(encoding="utf-8")
    )
    include = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    ours = [
        app
        for app in settings.INSTALLED_APPS
        if "." not in app and (Path(settings.BASE_DIR) / app).is_dir()
    ]
    assert "community" in ours and "demo" in ours
    for app in ours:
        assert any(fnmatch.fnmatch(app, pattern) for pattern in include), app
