from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "govsite.interaction.letters"
    label = "letters"
    verbose_name = "来信办理"

    def ready(self) -> None:
        from govsite.interaction.letters import signal_handlers

        signal_handlers.connect()
