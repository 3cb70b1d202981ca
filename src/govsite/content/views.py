"""Public site search.

A plain title-and-body substring search within the current site: it finds Chinese phrases that Wagtail's
database backend (which indexes a run of Han characters as one token) misses. The segmented full-text
backend replaces it when the search capability lands.
"""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.models import Site

from govsite.content.models import ArticlePage

MAX_QUERY_LENGTH = 100


def search(request: HttpRequest) -> HttpResponse:
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    site = Site.find_for_request(request)
    results = ArticlePage.objects.none()
    if query and site is not None:
        terms = query.split(" ")[:5]
        condition = Q()
        for term in terms:
            condition &= Q(title__icontains=term) | Q(body__icontains=term)
        results = ArticlePage.objects.live().in_site(site).filter(condition).order_by("-date", "-pk")
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(request, "content/search.html", {"query": query, "results": page})
