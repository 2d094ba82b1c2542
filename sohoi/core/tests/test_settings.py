import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run_manage(*args, env_extra, tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update({"SOHOI_VAR_DIR": str(tmp_path), **env_extra})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_check_deploy_is_clean_with_production_values(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        env_extra={
            "SECRET_KEY": "x7!" * 20 + "production-secret-value-long-enough",
            "SOHOI_HTTPS": "1",
            "ALLOWED_HOSTS": "sohoi.example.gov.vn",
        },
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_a_secret_key_is_generated_once_into_var_and_debug_is_off(tmp_path):
    script = "from django.conf import settings; print(settings.DEBUG, len(settings.SECRET_KEY))"
    first = run_manage("shell", "-v", "0", "-c", script, tmp_path=tmp_path, env_extra={})
    key = (tmp_path / "secret_key").read_text()
    second = run_manage("shell", "-v", "0", "-c", script, tmp_path=tmp_path, env_extra={})
    assert first.stdout.strip() == second.stdout.strip() == f"False {len(key)}"
    assert (tmp_path / "secret_key").read_text() == key
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"


def test_a_bad_boolean_setting_fails_loudly(tmp_path):
    result = run_manage("check", tmp_path=tmp_path, env_extra={"SOHOI_DEBUG": "maybe"})
    assert result.returncode == 1
    assert "SOHOI_DEBUG must be 1/0, true/false, yes/no or on/off, not 'maybe'" in result.stderr


def test_without_database_url_the_database_is_sqlite_in_var_with_wal(tmp_path):
    script = (
        "from django.db import connection; c = connection.cursor(); c.execute('PRAGMA journal_mode'); "
        "print(connection.settings_dict['NAME'], c.fetchone()[0])"
    )
    result = run_manage("shell", "-v", "0", "-c", script, tmp_path=tmp_path, env_extra={})
    assert result.stdout.strip() == f"{tmp_path / 'sohoi.sqlite3'} wal"
