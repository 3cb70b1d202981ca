"""Settings work on a fresh checkout: the embedded database's folder may not exist yet."""

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def test_embedded_sqlite_database_is_created_in_a_missing_folder(tmp_path):
    var_dir = tmp_path / "fresh" / "var"
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(GOVSITE_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="govsite.settings", PYTHONPATH=str(SRC))
    code = "import django; django.setup(); from django.db import connection; connection.ensure_connection()"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert (var_dir / "govsite.sqlite3").exists()


def test_production_settings_refuse_the_development_key(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}
    env.update(DEBUG="0", GOVSITE_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="govsite.settings",
               PYTHONPATH=str(SRC))  # fmt: skip
    result = subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True,
                            text=True, timeout=60)  # fmt: skip
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr
