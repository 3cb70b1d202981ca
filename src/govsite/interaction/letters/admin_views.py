"""The letters inbox in the admin: the list, one letter with its steps, and the attachment download.

Every view starts from ``access.visible_letters(user)``: a letter the user may not see is a 404, so a
member of department A cannot even learn that department B's letter exists. A step the user may not
take is a 403; a step the letter's state does not allow is refused with a Chinese message.
"""

from __future__ import annotations

import mimetypes

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from django_fsm import ConcurrentTransition, TransitionNotAllowed
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Site

from govsite.cluster.access import departments_for_user
from govsite.core.calendar_days import work_calendar
from govsite.interaction.letters import access, actions
from govsite.interaction.letters.admin_forms import action_form
from govsite.interaction.letters.deadlines import DUE_SOON_WORKING_DAYS, working_days_left
from govsite.interaction.letters.models import Letter, LetterState
from govsite.interaction.letters.pages import LetterChannelPage


class LettersAccessMixin:
    """The inbox is for users who work on letters of some site or department."""

    request: HttpRequest

    def dispatch(self, request, *args, **kwargs):
        if not access.may_use_letters(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def letters(self):
        return access.visible_letters(self.request.user)


def inbox_crumbs(*items: tuple[str, str]) -> list[dict]:
    base = [
        *WagtailAdminTemplateMixin.breadcrumbs_items,
        {"url": reverse("letters:index"), "label": _("来信办理")},
    ]
    return base + [{"url": url, "label": label} for url, label in items]


# --- the list ---------------------------------------------------------------------------------------

DEADLINE_CHOICES = [("overdue", gettext_lazy("已超期")), ("due_soon", gettext_lazy("2个工作日内到期"))]


class LetterFilterSet(WagtailFilterSet):
    state = django_filters.MultipleChoiceFilter(label=gettext_lazy("状态"), choices=LetterState.choices)
    deadline = django_filters.ChoiceFilter(
        label=gettext_lazy("期限"),
        choices=DEADLINE_CHOICES,
        method="filter_deadline",
        empty_label=gettext_lazy("全部"),
    )
    site = django_filters.ModelChoiceFilter(label=gettext_lazy("网站"), queryset=Site.objects.none())
    channel = django_filters.ModelChoiceFilter(
        label=gettext_lazy("渠道"), queryset=LetterChannelPage.objects.none()
    )
    department = django_filters.ModelChoiceFilter(label=gettext_lazy("办理部门"), queryset=None)

    class Meta:
        model = Letter
        fields = ["state", "deadline", "site", "channel", "department"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.request.user
        departments = departments_for_user(user).filter(is_active=True)
        site_ids = (
            {site.pk for site in Site.objects.all()} if user.is_superuser else set(access.site_ids_for(user))
        )
        site_ids |= set(departments.values_list("site_id", flat=True))
        self.filters["department"].queryset = departments.order_by("site_id", "sort_order", "name")
        self.filters["site"].queryset = Site.objects.filter(pk__in=site_ids).order_by("site_name")
        self.filters["channel"].queryset = LetterChannelPage.objects.filter(
            pk__in=access.visible_letters(user).values("channel_id")
        )

    def filter_deadline(self, queryset, name, value):
        today = timezone.localdate()
        open_letters = queryset.filter(state__in=LetterState.open_states())
        if value == "overdue":
            return open_letters.filter(due_date__lt=today)
        if value == "due_soon":
            end = work_calendar().add_working_days(today, DUE_SOON_WORKING_DAYS + 1).due
            return open_letters.filter(due_date__gte=today, due_date__lt=end)
        return queryset


def deadline_text(letter: Letter) -> str:
    if not letter.is_open:
        return ""
    today = timezone.localdate()
    if letter.due_date < today:
        return _("超期")
    if letter.due_date == today:
        return _("今日到期")
    return ""


class InboxView(LettersAccessMixin, IndexView):
    model = Letter
    any_permission_required = None
    permission_policy = None
    index_url_name = "letters:index"
    index_results_url_name = "letters:index_results"
    page_title = gettext_lazy("来信办理")
    header_icon = "mail"
    filterset_class = LetterFilterSet
    search_fields = ["number", "subject", "content", "writer_name", "writer_phone"]
    is_searchable = True
    default_ordering = "-received_at"
    paginate_by = 30

    def get_base_queryset(self):
        return self.letters().select_related("channel", "department", "site")

    def get_valid_orderings(self):
        return ["received_at", "-received_at", "due_date", "-due_date", "number", "-number"]

    @cached_property
    def columns(self):
        return [
            TitleColumn("subject", label=_("标题"), accessor="subject", get_url=self.detail_url),
            Column("number", label=_("编号"), sort_key="number"),
            Column("channel", label=_("渠道"), accessor="channel.title"),
            Column("state", label=_("状态"), accessor="get_state_display"),
            Column("department", label=_("办理部门"), accessor="department"),
            DateColumn("received_at", label=_("来信时间"), sort_key="received_at"),
            Column("due_date", label=_("办理期限"), sort_key="due_date"),
            Column("deadline", label=_("提醒"), accessor=deadline_text),
        ]

    @staticmethod
    def detail_url(letter: Letter) -> str:
        return reverse("letters:detail", args=[letter.pk])

    def get_breadcrumbs_items(self):
        return [*WagtailAdminTemplateMixin.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(_("超期件"), url=reverse("letters:overdue"), icon_name="warning"),
            HeaderButton(_("办理统计"), url=reverse("letters:report"), icon_name="table"),
        ]


# --- one letter -------------------------------------------------------------------------------------


class LetterDetailView(LettersAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "letters/admin/letter_detail.html"
    header_icon = "mail"

    @cached_property
    def letter(self) -> Letter:
        queryset = self.letters().select_related("channel", "department", "site", "drafted_by")
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def get_page_title(self):
        return _("来信 %(number)s") % {"number": self.letter.number}

    def get_breadcrumbs_items(self):
        return inbox_crumbs(("", self.letter.number))

    def get_context_data(self, bound_form=None, refusal: str = "", **kwargs):
        context = super().get_context_data(**kwargs)
        letter = self.letter
        user = self.request.user
        forms = []
        for name in actions.available_actions(letter, user):
            form = (
                bound_form
                if bound_form is not None and bound_form.prefix == name
                else action_form(name, letter)
            )
            forms.append((name, actions.action_label(name), form))
        today = timezone.localdate()
        guard = None
        if letter.state == LetterState.DRAFTED and letter.reply:
            guard = actions.guard_reply(letter, letter.reply, today)
        context.update(
            letter=letter,
            forms=forms,
            refusal=refusal,
            events=letter.events.select_related("actor").order_by("at", "pk"),
            guard=guard,
            overdue=letter.is_overdue(today),
            days_left=working_days_left(letter.due_date, today, work_calendar()) if letter.is_open else None,
            attachment_url=reverse("letters:attachment", args=[letter.pk]) if letter.attachment else "",
            public_url=self._public_url(letter),
        )
        return context

    def _public_url(self, letter: Letter) -> str:
        if letter.state != LetterState.PUBLISHED:
            return ""
        channel = letter.channel
        base = channel.get_url(self.request)
        return base + channel.reverse_subpage("letter", args=[letter.number]) if base else ""


class LetterActionView(LetterDetailView):
    """POST one step; on a form error the letter page is shown again with the form and its errors."""

    http_method_names = ["post"]

    def post(self, request, pk: int, action: str) -> HttpResponse:
        letter = self.letter
        if action not in actions.ACTION_LABELS or action in ("receive", "rate"):
            raise Http404
        form = action_form(action, letter, data=request.POST)
        if not form.is_valid():
            return self._again(form)
        try:
            letter = actions.perform(letter, action, request.user, **form.params())
        except (TransitionNotAllowed, ConcurrentTransition):
            letter.refresh_from_db()
            messages.error(request, actions.refusal(letter, action))
            return redirect("letters:detail", pk=letter.pk)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self._again(form)
        messages.success(request, _("已%(action)s。") % {"action": actions.action_label(action)})
        if action in ("draft_reply", "cannot_handle"):
            guard = actions.guard_reply(letter, letter.reply)
            if guard.flagged:  # a warning now; at review it stops the reply unless a reason is written
                messages.warning(
                    request,
                    _("套话检查：%(why)s。审核时将不予通过，请修改答复。") % {"why": guard.explanation()},
                )
        if self.letters().filter(pk=letter.pk).exists():  # a transfer can take it out of the user's sight
            return redirect("letters:detail", pk=letter.pk)
        return redirect("letters:index")

    def _again(self, form) -> HttpResponse:
        context = self.get_context_data(bound_form=form)
        return self.render_to_response(context, status=400)


class AttachmentView(LettersAccessMixin, View):
    """The writer's attachment, to staff who may see the letter; never cached, always downloaded."""

    def get(self, request, pk: int) -> FileResponse:
        letter = get_object_or_404(self.letters().exclude(attachment=""), pk=pk)
        handle = letter.attachment.open("rb")
        name = letter.attachment_name or letter.attachment.name.rsplit("/", 1)[-1]
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
