"""Staff screens of 意见征集: the consultations with their feedback status and yearly figures, the comment
queue, moderation, and the entry of comments received offline (信函、传真、座谈会 …).

Who may do what: staff who work in a site (``sites_for_user``) see and moderate the comments of that site's
consultations, and enter offline comments for them, and nothing of any other site. The page itself (draft,
feedback summary) is edited in the page editor under Wagtail's page permissions.
"""

from __future__ import annotations

from dataclasses import dataclass

import django_filters
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from django_fsm import ConcurrentTransition, TransitionNotAllowed, can_proceed
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import IndexView, WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.models import Site

from govsite.cluster.access import sites_for_user
from govsite.core.calendar_days import work_calendar
from govsite.interaction.admin_common import (
    SiteFilter,
    StaffOnlyMixin,
    admin_breadcrumbs,
    site_of,
    within_sites,
    xlsx_response,
)
from govsite.interaction.consultations.access import comments_for_user, consultations_for_user
from govsite.interaction.consultations.exports import comments_workbook
from govsite.interaction.consultations.feedback import FeedbackStatus, feedback_status
from govsite.interaction.consultations.figures import YearlyFigures, figure_years, yearly_figures
from govsite.interaction.consultations.forms import AdoptionForm, Decision, ModerationForm, OfflineCommentForm
from govsite.interaction.consultations.models import Comment, ConsultationPage, ConsultationState


def home_crumbs(*items: tuple[str, str]) -> list[dict[str, str]]:
    return admin_breadcrumbs((reverse("consultations_admin:index"), _("意见征集")), *items)


@dataclass(frozen=True)
class ConsultationRow:
    page: ConsultationPage
    site: Site | None
    state: ConsultationState
    feedback: FeedbackStatus
    pending: int
    approved: int
    rejected: int


def with_comment_counts(pages):
    return pages.annotate(
        pending=Count("comments", filter=Q(comments__status=Comment.Status.PENDING)),
        approved=Count("comments", filter=Q(comments__status=Comment.Status.APPROVED)),
        rejected=Count("comments", filter=Q(comments__status=Comment.Status.REJECTED)),
    )


class ConsultationListView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every consultation of the user's sites, with its state and whether its feedback is on time."""

    template_name = "consultations/admin/consultation_list.html"
    page_title = gettext_lazy("意见征集")
    header_icon = "comment"

    def get_breadcrumbs_items(self):
        return admin_breadcrumbs(("", self.get_page_title()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        site_filter = SiteFilter.from_request(self.request)
        pages = with_comment_counts(within_sites(ConsultationPage.objects.all(), site_filter.shown))
        now, today, calendar = timezone.now(), timezone.localdate(), work_calendar()
        rows = [
            ConsultationRow(page, site_of(page, site_filter.sites), page.state(now),
                            feedback_status(page, today, calendar), page.pending, page.approved, page.rejected)
            for page in pages.order_by("-end_at", "-pk")
        ]  # fmt: skip
        only_flagged = self.request.GET.get("flagged") == "1"
        # Figures are per site (each site reports its own year): the chosen one, or the user's only one.
        figures_site = site_filter.chosen_site or (
            site_filter.sites[0] if len(site_filter.sites) == 1 else None
        )
        context.update(
            rows=[row for row in rows if row.feedback.flagged] if only_flagged else rows,
            flagged_count=sum(row.feedback.flagged for row in rows),
            only_flagged=only_flagged,
            queue_url=reverse("consultations_admin:comments"),
            figures_site=figures_site,
            yearly=self.yearly(figures_site) if figures_site else [],
            **site_filter.context(),
        )
        return context

    @staticmethod
    def yearly(site) -> list[YearlyFigures]:
        now = timezone.now()
        return [yearly_figures(site, year, now) for year in figure_years(site, timezone.localdate(now))]


class ConsultationDetailView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """One consultation's statistics: comments by status, adoption and clause; the feedback deadline."""

    template_name = "consultations/admin/consultation_detail.html"
    header_icon = "comment"

    @cached_property
    def consultation(self) -> ConsultationPage:
        return get_object_or_404(consultations_for_user(self.request.user), pk=self.kwargs["pk"])

    def get_page_title(self):
        return self.consultation.title

    def get_breadcrumbs_items(self):
        return home_crumbs(("", Truncator(self.consultation.title).chars(30)))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.consultation
        comments = page.comments.all()
        clauses = (
            comments.exclude(status=Comment.Status.REJECTED).exclude(clause="").order_by()
            .values("clause").annotate(n=Count("pk")).order_by("-n", "clause")[:10]
        )  # fmt: skip
        queue = reverse("consultations_admin:comments")
        context.update(
            page=page,
            state=page.state(),
            counts=page.feedback_counts(),
            feedback=feedback_status(page, timezone.localdate()),
            clauses=list(clauses),
            site=site_of(page, sites_for_user(self.request.user)),
            pending_url=f"{queue}?consultation={page.pk}&status={Comment.Status.PENDING}",
            all_url=f"{queue}?consultation={page.pk}",
            export_url=reverse("consultations_admin:export", args=[page.pk]),
            edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
            offline_url=reverse("consultations_admin:offline", args=[page.pk]),
        )
        return context


class CommentExportView(StaffOnlyMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        page = get_object_or_404(consultations_for_user(request.user), pk=pk)
        filename = f"征集意见-{page.title[:40]}-{timezone.localdate():%Y%m%d}.xlsx"
        return xlsx_response(comments_workbook(page), filename)


class OfflineCommentView(StaffOnlyMixin, WagtailAdminTemplateMixin, FormView):
    """Enter a comment received by letter, fax, e-mail or at a hearing for one of the user's consultations."""

    template_name = "consultations/admin/offline_comment.html"
    form_class = OfflineCommentForm
    page_title = gettext_lazy("录入线下意见")
    header_icon = "comment"

    @cached_property
    def consultation(self) -> ConsultationPage:
        return get_object_or_404(consultations_for_user(self.request.user), pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return Truncator(self.consultation.title).chars(40)

    def get_breadcrumbs_items(self):
        detail = reverse("consultations_admin:detail", args=[self.consultation.pk])
        return home_crumbs(
            (detail, Truncator(self.consultation.title).chars(30)), ("", self.get_page_title())
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "consultation": self.consultation, "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page=self.consultation,
            detail_url=reverse("consultations_admin:detail", args=[self.consultation.pk]),
        )
        return context

    def form_valid(self, form: OfflineCommentForm) -> HttpResponse:
        comment = form.comment
        with transaction.atomic():
            comment.save()
            log(instance=self.consultation, action="consultations.record_offline_comment", user=self.request.user,
                data={"comment": comment.pk, "channel": comment.channel})  # fmt: skip
        messages.success(
            self.request,
            _("已录入一条%(channel)s意见（%(day)s 收到）。")
            % {"channel": comment.get_channel_display(), "day": f"{comment.received_on:%Y-%m-%d}"},
        )
        if "another" in self.request.POST:
            return redirect(reverse("consultations_admin:offline", args=[self.consultation.pk]))
        return redirect(reverse("consultations_admin:detail", args=[self.consultation.pk]))


# -- the comment queue -------------------------------------------------------------------------------


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("审核状态"), choices=Comment.Status.choices, empty_label=gettext_lazy("全部")
    )
    adoption = django_filters.ChoiceFilter(
        label=gettext_lazy("采纳情况"), choices=Comment.Adoption.choices, empty_label=gettext_lazy("全部")
    )
    channel = django_filters.ChoiceFilter(
        label=gettext_lazy("提交渠道"), choices=Comment.Channel.choices, empty_label=gettext_lazy("全部")
    )
    consultation = django_filters.ModelChoiceFilter(
        label=gettext_lazy("意见征集"),
        queryset=lambda request: consultations_for_user(request.user).order_by("-end_at"),
        empty_label=gettext_lazy("全部"),
    )

    class Meta:
        model = Comment
        fields = []


class CommentIndexView(StaffOnlyMixin, IndexView):
    model = Comment
    page_title = gettext_lazy("意见审核")
    header_icon = "comment"
    index_url_name = "consultations_admin:comments"
    index_results_url_name = "consultations_admin:comments_results"
    edit_url_name = "consultations_admin:moderate"
    filterset_class = CommentFilterSet
    search_fields = ["content", "name", "clause"]
    default_ordering = "-submitted_at"
    paginate_by = 30
    # Access is per site (StaffOnlyMixin and the queryset), not by Django model permissions.
    permission_policy = None

    def get_breadcrumbs_items(self):
        return home_crumbs(("", self.get_page_title()))

    def get_base_queryset(self):
        return comments_for_user(self.request.user).select_related("consultation")

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "excerpt", label=_("意见建议"), accessor=lambda c: Truncator(c.content).chars(60),
                get_url=lambda c: reverse("consultations_admin:moderate", args=[c.pk]),
            ),
            Column("consultation", label=_("意见征集"), accessor=lambda c: Truncator(c.consultation.title).chars(24)),
            Column("name", label=_("姓名")),
            Column("channel", label=_("提交渠道"), accessor="get_channel_display"),
            Column("clause", label=_("针对条款")),
            DateColumn("submitted_at", label=_("提交时间"), sort_key="submitted_at"),
            StatusTagColumn("status", label=_("审核状态"), accessor="get_status_display",
                            primary=lambda c: c.status == Comment.Status.APPROVED),
            Column("adoption", label=_("采纳情况"), accessor="get_adoption_display"),
        ]  # fmt: skip


class CommentModerateView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """A comment in full (staff see the unmasked record), with its moderation and adoption forms."""

    template_name = "consultations/admin/comment_moderate.html"
    page_title = gettext_lazy("审核意见")
    header_icon = "comment"

    @cached_property
    def comment(self) -> Comment:
        queryset = comments_for_user(self.request.user).select_related("consultation", "moderated_by")
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def get_breadcrumbs_items(self):
        return home_crumbs(
            (reverse("consultations_admin:comments"), _("意见审核")), ("", self.get_page_title())
        )

    def get_context_data(self, moderation_form=None, adoption_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        comment = self.comment
        can_approve, can_reject = can_proceed(comment.approve), can_proceed(comment.reject)
        if moderation_form is None and (can_approve or can_reject):
            moderation_form = ModerationForm()
        if not can_approve and moderation_form is not None:
            moderation_form.fields["decision"].choices = [(Decision.REJECT, _("不予通过"))]
        adoptable = comment.status == Comment.Status.APPROVED and comment.consultation.is_closed()
        if adoption_form is None and adoptable:
            adoption_form = AdoptionForm(
                initial={"adoption": comment.adoption, "note": comment.adoption_note}
            )
        context.update(
            comment=comment,
            moderation_form=moderation_form if (can_approve or can_reject) else None,
            adoption_form=adoption_form if adoptable else None,
            detail_url=reverse("consultations_admin:detail", args=[comment.consultation_id]),
            next_url=get_valid_next_url_from_request(self.request),
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        action = request.POST.get("action")
        if action == "moderate":
            return self.moderate()
        if action == "adoption":
            return self.record_adoption()
        raise Http404

    def done(self, message: str) -> HttpResponse:
        messages.success(self.request, message)
        next_url = get_valid_next_url_from_request(self.request)
        return redirect(next_url or reverse("consultations_admin:moderate", args=[self.comment.pk]))

    def moderate(self) -> HttpResponse:
        form = ModerationForm(self.request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(moderation_form=form))
        comment = self.comment
        try:
            with transaction.atomic():
                if form.cleaned_data["decision"] == Decision.APPROVE:
                    comment.approve(by=self.request.user)
                else:
                    comment.reject(by=self.request.user, reason=form.cleaned_data["reason"])
                comment.save()
                log(instance=comment.consultation, action=f"consultations.{form.cleaned_data['decision']}_comment",
                    user=self.request.user, data={"comment": comment.pk, "reason": comment.rejection_reason})  # fmt: skip
        except (TransitionNotAllowed, ConcurrentTransition):
            messages.error(self.request, _("该意见的审核状态已变化，请刷新后重试"))
            return redirect(reverse("consultations_admin:moderate", args=[comment.pk]))
        verb = _("已通过") if comment.status == Comment.Status.APPROVED else _("已设为不予通过")
        return self.done(_("意见%(verb)s。") % {"verb": verb})

    def record_adoption(self) -> HttpResponse:
        form = AdoptionForm(self.request.POST)
        comment = self.comment
        if form.is_valid():
            try:
                comment.set_adoption(form.cleaned_data["adoption"], form.cleaned_data["note"])
            except ValidationError as error:
                messages.error(self.request, " ".join(error.messages))
                return redirect(reverse("consultations_admin:moderate", args=[comment.pk]))
            comment.save(update_fields=["adoption", "adoption_note"])
            log(instance=comment.consultation, action="consultations.adoption", user=self.request.user,
                data={"comment": comment.pk, "adoption": comment.adoption})  # fmt: skip
            return self.done(_("采纳情况已保存。"))
        return self.render_to_response(self.get_context_data(adoption_form=form))
