from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "govsite.supervision"
    label = "supervision"
    verbose_name = "网站监管"

    def ready(self) -> None:
        import govsite.celery  # noqa: F401 — so tasks bind to the project's Celery app and its settings
        from govsite.supervision import signal_handlers

        signal_handlers.connect()
