from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "govsite.content"
    label = "content"
    verbose_name = "内容"
