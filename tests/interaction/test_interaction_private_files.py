"""The public's files live outside MEDIA_ROOT and have no URL; the daily reminders are scheduled."""

import importlib

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile

from govsite.celery import app
from govsite.interaction.private_files import private_storage, random_name


def test_files_are_stored_under_the_private_root_not_under_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GOVSITE_PRIVATE_MEDIA_ROOT = tmp_path / "elsewhere"
    name = private_storage().save(random_name("letters/2026/11", "身份证.PDF"), ContentFile(b"%PDF-1.4"))
    assert name.startswith("letters/2026/11/") and name.endswith(".pdf") and "身份证" not in name
    assert (tmp_path / "elsewhere" / name).read_bytes() == b"%PDF-1.4"
    assert not (tmp_path / "media").exists()
    with pytest.raises(ValueError):
        private_storage().url(name)


def test_default_private_root_is_outside_media_root(monkeypatch):
    """Regression: private files sat in MEDIA_ROOT/private, which DEBUG's /media/ route (and any server
    publishing MEDIA_ROOT) would hand out."""
    monkeypatch.delenv("GOVSITE_PRIVATE_MEDIA_ROOT", raising=False)
    monkeypatch.delenv("MEDIA_ROOT", raising=False)
    fresh = importlib.reload(importlib.import_module("govsite.settings"))
    try:
        private, media = fresh.GOVSITE_PRIVATE_MEDIA_ROOT.resolve(), fresh.MEDIA_ROOT.resolve()
        assert media not in private.parents and private != media
    finally:
        importlib.reload(fresh)


@pytest.mark.parametrize(
    "task",
    [
        "govsite.interaction.letters.tasks.remind_letters",
        "govsite.interaction.disclosure.tasks.remind_disclosure",
    ],
)
def test_reminders_run_every_morning_from_beat(task):
    entries = [entry for entry in django_settings.CELERY_BEAT_SCHEDULE.values() if entry["task"] == task]
    assert len(entries) == 1
    schedule = entries[0]["schedule"]
    assert schedule.hour == {8} and schedule.day_of_week == set(range(7))
    app.loader.import_default_modules()
    assert task in app.tasks
