from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from govsite.content import views as content_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("captcha/", include("captcha.urls")),
    path("search/", content_views.search, name="search"),
    path("interviews/", include("govsite.interaction.interviews.urls")),
    path("", include("govsite.syndication.urls")),  # feeds/, sitemap.xml, api/v2/
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

# Error pages that render without the database (and in Chinese): see govsite.core.error_views.
handler400 = "govsite.core.error_views.bad_request"
handler403 = "govsite.core.error_views.permission_denied"
handler500 = "govsite.core.error_views.server_error"
