from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "govsite.editorial"
    label = "editorial"
    verbose_name = "采编审核"

    def ready(self) -> None:
        from govsite.editorial import signal_handlers

        signal_handlers.connect()
