"""Public URLs outside the page tree: the live feed (Wagtail's page paths do not take a dot)."""

from django.urls import path

from govsite.interaction.interviews import live

app_name = "interviews"

urlpatterns = [path("<int:page_id>/live.json", live.live_feed, name="live")]
