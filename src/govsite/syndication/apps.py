from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    name = "govsite.syndication"
    label = "syndication"
    verbose_name = "内容保障"
