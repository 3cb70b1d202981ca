"""Celery application: inspections and probes run as tasks.

With a broker (``CELERY_BROKER_URL`` or ``REDIS_URL``) they run on worker processes
(``celery -A govsite.celery worker``); without one — the embedded mode — they run in-process.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govsite.settings")

app = Celery("govsite")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
