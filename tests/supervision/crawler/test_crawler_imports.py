"""The command-line inspector runs without a database: the crawler must not pull in Django."""

import subprocess
import sys

FRAMEWORKS = ("django", "wagtail")


def test_crawler_imports_no_framework():
    # A fresh interpreter: this one already has Django loaded by pytest-django.
    code = (
        "import sys, govsite.supervision.crawler as crawler\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {FRAMEWORKS!r})\n"
        "print(','.join(loaded))\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == ""
