from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "govsite.interaction.letters"
    label = "letters"
    verbose_name = "来信办理"
