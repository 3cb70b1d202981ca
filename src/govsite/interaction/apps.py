from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "govsite.interaction"
    label = "interaction"
    verbose_name = "互动交流"
