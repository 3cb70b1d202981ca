"""Wagtail API v2, read-only, for reading across the cluster: each site's pages, images and documents.

Pages are Wagtail's own endpoint, which already serves only the live, public pages of the requesting
site (or of ``?site=host[:port]``). Images and documents belong to no site in Wagtail, and its endpoints
list every one, including files attached to drafts nobody has published; here they are narrowed to the
files that the same site's live, public pages use (Wagtail's reference index), so the API publishes
nothing the site itself has not.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, QuerySet
from django.db.models.functions import Cast
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex


class SiteFilesMixin:
    """Only the files referenced by the live, public pages of the requested site."""

    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["site"])

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        try:
            pages = get_public_pages_queryset(self.request)
        except ValueError as error:
            raise BadRequestError(str(error)) from error
        used = ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=pages.annotate(key=Cast("pk", CharField())).values("key"),
            to_content_type=ContentType.objects.get_for_model(queryset.model),
        ).annotate(target=Cast("to_object_id", IntegerField()))
        return queryset.filter(pk__in=used.values("target"))


class SiteImagesAPIViewSet(SiteFilesMixin, ImagesAPIViewSet):
    pass


class SiteDocumentsAPIViewSet(SiteFilesMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("govsite_api")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", SiteImagesAPIViewSet)
api_router.register_endpoint("documents", SiteDocumentsAPIViewSet)
