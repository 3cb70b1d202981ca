"""Staff screens of 网上调查: the surveys of the user's sites, each one's results and answers, the export.

Staff who work in a site (``sites_for_user``) see that site's surveys and nothing of any other site.
Free-text answers are shown to them as written; the export masks personal data in them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Site

from govsite.interaction.admin_common import (
    SiteFilter,
    StaffOnlyMixin,
    admin_breadcrumbs,
    site_of,
    within_sites,
    xlsx_response,
)
from govsite.interaction.surveys.access import surveys_for_user
from govsite.interaction.surveys.exports import responses_workbook
from govsite.interaction.surveys.models import Answer, SurveyPage, SurveyState
from govsite.interaction.surveys.views import charted_results

TEXTS_PER_PAGE = 50


@dataclass(frozen=True)
class SurveyRow:
    page: SurveyPage
    site: Site | None
    state: SurveyState
    responses: int


class SurveyListView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "surveys/admin/survey_list.html"
    page_title = gettext_lazy("网上调查")
    header_icon = "list-ol"

    def get_breadcrumbs_items(self):
        return admin_breadcrumbs(("", self.get_page_title()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        site_filter = SiteFilter.from_request(self.request)
        pages = within_sites(SurveyPage.objects.all(), site_filter.shown).annotate(
            answered=Count("responses")
        )
        now = timezone.now()
        context.update(
            rows=[
                SurveyRow(page, site_of(page, site_filter.sites), page.state(now), page.answered)
                for page in pages.order_by("-end_at", "-pk")
            ],
            **site_filter.context(),
        )
        return context


class SurveyResultsView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "surveys/admin/survey_results.html"
    header_icon = "list-ol"

    @cached_property
    def survey(self) -> SurveyPage:
        return get_object_or_404(surveys_for_user(self.request.user), pk=self.kwargs["pk"])

    def get_page_title(self):
        return self.survey.title

    def get_breadcrumbs_items(self):
        return admin_breadcrumbs(
            (reverse("surveys_admin:index"), _("网上调查")), ("", Truncator(self.survey.title).chars(30))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        survey = self.survey
        texts = []
        for question in survey.question_list():
            if question.is_choice:
                continue
            answers = Answer.objects.filter(survey=survey, question=question.id).exclude(text="")
            page = Paginator(answers.order_by("-pk").values_list("text", flat=True), TEXTS_PER_PAGE).get_page(
                1
            )
            texts.append(
                {"question": question, "answers": list(page.object_list), "total": page.paginator.count}
            )
        context.update(
            page=survey,
            state=survey.state(),
            texts=texts,
            export_url=reverse("surveys_admin:export", args=[survey.pk]),
            edit_url=reverse("wagtailadmin_pages:edit", args=[survey.pk]),
            **charted_results(survey),
        )
        return context


class SurveyExportView(StaffOnlyMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        survey = get_object_or_404(surveys_for_user(request.user), pk=pk)
        filename = f"调查答卷-{survey.title[:40]}-{timezone.localdate():%Y%m%d}.xlsx"
        return xlsx_response(responses_workbook(survey), filename)
