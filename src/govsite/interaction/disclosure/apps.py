from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "govsite.interaction.disclosure"
    label = "disclosure"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from govsite.interaction.disclosure import signal_handlers

        signal_handlers.register()
