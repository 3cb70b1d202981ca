from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "govsite.interaction.surveys"
    label = "surveys"
    verbose_name = "网上调查"
