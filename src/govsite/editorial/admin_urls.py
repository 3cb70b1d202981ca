from django.urls import path

from govsite.editorial.site_settings import SiteSettingsIndexView, SiteSettingsView
from govsite.editorial.views import AccountabilityView, WithdrawView

urlpatterns = [
    path("pages/<int:page_id>/accountability/", AccountabilityView.as_view(), name="accountability"),
    path("pages/<int:page_id>/withdraw/", WithdrawView.as_view(), name="withdraw"),
    path("site-settings/", SiteSettingsIndexView.as_view(), name="site_settings_index"),
    path("site-settings/<int:site_id>/", SiteSettingsView.as_view(), name="site_settings"),
]
