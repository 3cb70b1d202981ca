from django.apps import AppConfig


class ClusterConfig(AppConfig):
    name = "govsite.cluster"
    label = "cluster"
    verbose_name = "站群"
