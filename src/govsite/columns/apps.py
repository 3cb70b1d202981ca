from django.apps import AppConfig


class ColumnsConfig(AppConfig):
    name = "govsite.columns"
    label = "columns"
    verbose_name = "栏目"
