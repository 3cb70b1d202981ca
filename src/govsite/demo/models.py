from django.db import models


class DemoState(models.Model):
    """What the last ``load_demo`` built, so that running it again with the same inputs changes nothing."""

    fingerprint = models.CharField(max_length=200)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "演示数据状态"

    def __str__(self) -> str:
        return self.fingerprint
