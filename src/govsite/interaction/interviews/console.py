"""Admin screens: the list of interviews a member of staff may run, and each interview's live console.

The console is one screen for the whole session: the phase buttons (开始/结束直播), questions waiting for
moderation with 通过/不采用, approved questions with 选择回答 (which fills the entry form with the
question), the form that posts an entry, and the entries posted so far with 撤回. Every view checks that
the interview belongs to one of the user's sites (``access.can_manage``); posting and withdrawing entries
also need the right to edit the interview page (``access.can_broadcast``), refused with a 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from django_fsm import TransitionNotAllowed, can_proceed
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from govsite.cluster.access import sites_for_user
from govsite.interaction.interviews import services
from govsite.interaction.interviews.access import can_broadcast, can_manage, interviews_for_user, site_of
from govsite.interaction.interviews.forms import EntryForm
from govsite.interaction.interviews.models import InterviewPage, LiveEntry, Question
from govsite.interaction.interviews.schedule import InterviewState

PHASE_LABELS = {
    "start": gettext_lazy("开始直播"),
    "finish": gettext_lazy("结束直播"),
    "resume": gettext_lazy("恢复直播"),
}
MODERATION_LABELS = {"approve": gettext_lazy("通过"), "reject": gettext_lazy("不采用")}
NO_BROADCAST = gettext_lazy("您没有编辑该访谈页面的权限，不能发布或撤回直播内容。")


def managed_interview(request: HttpRequest, page_id: int) -> InterviewPage:
    page = get_object_or_404(InterviewPage, pk=page_id)
    if not can_manage(request.user, page):
        raise PermissionDenied
    return page


class IndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "interviews/admin/index.html"
    page_title = gettext_lazy("在线访谈")
    header_icon = "group"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sites = sites_for_user(self.request.user)
        interviews = list(
            interviews_for_user(self.request.user)
            .annotate(pending=Count("questions", filter=Q(questions__status=Question.Status.PENDING)))
            .order_by("-starts_at")
        )
        for interview in interviews:
            interview.site = site_of(interview, sites)
        context["interviews"] = interviews
        return context


class ConsoleView(WagtailAdminTemplateMixin, TemplateView):
    """GET shows the console; POST posts an entry (a bad form comes back with what was typed)."""

    template_name = "interviews/admin/console.html"
    header_icon = "group"

    @cached_property
    def interview(self) -> InterviewPage:
        return managed_interview(self.request, self.kwargs["page_id"])

    def get_page_title(self):
        return _("直播控制台：%(title)s") % {"title": self.interview.title}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("interviews_admin:index"), "label": _("在线访谈")},
            {"url": "", "label": self.get_page_title()},
        ]

    @property
    def header_buttons(self):
        page = self.interview
        buttons = [
            HeaderButton(
                _("刷新"), url=reverse("interviews_admin:console", args=[page.pk]), icon_name="rotate"
            )
        ]
        buttons.append(
            HeaderButton(
                _("编辑页面"), url=reverse("wagtailadmin_pages:edit", args=[page.pk]), icon_name="edit"
            )
        )
        if page.live and page.url:
            buttons.append(
                HeaderButton(_("查看页面"), url=page.url, icon_name="view", attrs={"target": "_blank"})
            )
        return buttons

    def entry_form(self, data=None) -> EntryForm:
        initial = {}
        answer = self.request.GET.get("answer", "")
        if answer.isdigit():
            initial["question"] = answer
        return EntryForm(self.interview, self.request.user, data, initial=initial)

    def get_context_data(self, form: EntryForm | None = None, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.interview
        questions = list(page.questions.prefetch_related("answers").order_by("submitted_at", "pk"))
        for question in questions:
            question.answered = any(answer.is_published for answer in question.answers.all())
        state = page.state()
        context.update(
            interview=page,
            state=state,
            is_live=state == InterviewState.LIVE,
            can_broadcast=can_broadcast(self.request.user, page),
            phase_actions=[
                (name, PHASE_LABELS[name])
                for name in services.PHASE_ACTIONS
                if can_proceed(getattr(page, name))
            ],
            pending=[q for q in questions if q.status == Question.Status.PENDING],
            approved=[q for q in questions if q.status == Question.Status.APPROVED],
            rejected=[q for q in questions if q.status == Question.Status.REJECTED],
            entries=page.entries.select_related("question", "image").order_by("-pk"),
            form=form or self.entry_form(),
        )
        return context

    def post(self, request: HttpRequest, page_id: int) -> HttpResponse:
        form = self.entry_form(request.POST)
        if not can_broadcast(request.user, self.interview):
            # The console again, with what was typed and why it was not posted (not Wagtail's redirect home).
            form.add_error(None, NO_BROADCAST)
            messages.error(request, NO_BROADCAST)
            return self.render_to_response(self.get_context_data(form=form), status=403)
        if form.is_valid():
            if self.interview.state() == InterviewState.LIVE:
                form.save(request.user)
                messages.success(request, _("已发布直播内容。"))
                return redirect("interviews_admin:console", page_id=self.interview.pk)
            form.add_error(None, _("访谈不在直播中，不能发布直播内容；请先开始直播。"))
        messages.error(request, _("直播内容未发布，请检查下面的错误。"))
        return self.render_to_response(self.get_context_data(form=form), status=200)


class PhaseView(View):
    def post(self, request: HttpRequest, page_id: int, action: str) -> HttpResponse:
        page = managed_interview(request, page_id)
        try:
            services.change_phase(page, action, request.user)
        except TransitionNotAllowed:
            messages.error(request, _("当前状态下不能执行该操作。"))
        else:
            messages.success(request, _("已%(action)s。") % {"action": PHASE_LABELS[action]})
        return redirect("interviews_admin:console", page_id=page.pk)


class ModerateView(View):
    def post(self, request: HttpRequest, page_id: int, pk: int, action: str) -> HttpResponse:
        page = managed_interview(request, page_id)
        question = get_object_or_404(Question, pk=pk, interview=page)
        try:
            services.moderate(question, action, request.user)
        except TransitionNotAllowed:
            messages.error(request, _("该提问当前不能执行该操作（已答复的提问不能改为不采用）。"))
        else:
            messages.success(request, _("提问已%(action)s。") % {"action": MODERATION_LABELS[action]})
        return redirect(reverse("interviews_admin:console", args=[page.pk]) + "#questions")


class WithdrawView(View):
    def post(self, request: HttpRequest, page_id: int, pk: int) -> HttpResponse:
        page = managed_interview(request, page_id)
        if not can_broadcast(request.user, page):
            return HttpResponseForbidden(NO_BROADCAST, content_type="text/plain; charset=utf-8")
        entry = get_object_or_404(LiveEntry, pk=pk, interview=page)
        try:
            services.withdraw(entry, request.user)
        except TransitionNotAllowed:
            messages.error(request, _("该内容已撤回。"))
        else:
            messages.success(request, _("已撤回该条直播内容。"))
        return redirect(reverse("interviews_admin:console", args=[page.pk]) + "#entries")


urlpatterns = [
    path("", IndexView.as_view(), name="index"),
    path("<int:page_id>/", ConsoleView.as_view(), name="console"),
    path("<int:page_id>/phase/<str:action>/", PhaseView.as_view(), name="phase"),
    path("<int:page_id>/questions/<int:pk>/<str:action>/", ModerateView.as_view(), name="moderate"),
    path("<int:page_id>/entries/<int:pk>/withdraw/", WithdrawView.as_view(), name="withdraw"),
]
