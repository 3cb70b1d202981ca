"""Staff forms: the inbox filters and one form per workflow step (each gives ``perform`` its data)."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import AdminDateInput

from govsite.cluster.access import departments_for_user
from govsite.cluster.models import Department
from govsite.core.calendar_days import work_calendar
from govsite.interaction.disclosure import deadlines
from govsite.interaction.disclosure.access import requests_for_user, visible_sites
from govsite.interaction.disclosure.choices import (
    REASONS_BY_TYPE,
    RUNNING_STATES,
    AnswerReason,
    AnswerType,
    State,
)
from govsite.interaction.disclosure.models import DisclosureRequest
from govsite.interaction.disclosure.reminders import due_soon_days
from govsite.interaction.uploads import validate_attachment

DEADLINE_CHOICES = [("overdue", _("已逾期")), ("due_soon", _("即将到期")), ("paused", _("暂停计时"))]


def deadline_ids(queryset, which: str, today=None) -> list[int]:
    """Primary keys of the requests in ``queryset`` whose deadline is overdue / due soon / paused."""
    today = today or timezone.localdate()
    calendar = work_calendar()
    states = (State.INCOMPLETE, State.CONSULTING) if which == "paused" else RUNNING_STATES
    ids = []
    for request in queryset.filter(state__in=states).prefetch_related("consultations"):
        request.judge_on(today, calendar)
        status = request.deadline()
        if (
            (which == "overdue" and status.overdue)
            or (which == "due_soon" and status.due_within(due_soon_days()))
            or (which == "paused" and status.paused)
        ):
            ids.append(request.pk)
    return ids


class InboxFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=_("状态"), choices=State.choices)
    deadline = django_filters.ChoiceFilter(
        label=_("答复期限"), choices=DEADLINE_CHOICES, method="filter_deadline"
    )
    year = django_filters.ChoiceFilter(label=_("收到年份"), method="filter_year", choices=[])
    site = django_filters.ChoiceFilter(label=_("网站"), choices=[], method="filter_site")
    department = django_filters.ModelChoiceFilter(label=_("承办部门"), queryset=Department.objects.none())

    class Meta:
        model = DisclosureRequest
        fields = ["state", "deadline", "year", "site", "department"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.request.user
        years = {day.year for day in requests_for_user(user).dates("received_on", "year")}
        years.add(timezone.localdate().year)
        self.filters["year"].extra["choices"] = [
            (str(year), f"{year}年") for year in sorted(years, reverse=True)
        ]
        sites = visible_sites(user)
        self.filters["site"].extra["choices"] = [
            (str(site.pk), site.site_name or site.hostname) for site in sites
        ]
        self.filters["department"].queryset = departments_for_user(user)

    def filter_deadline(self, queryset, name, value):
        return queryset.filter(pk__in=deadline_ids(queryset, value)) if value else queryset

    def filter_year(self, queryset, name, value):
        return queryset.filter(received_on__year=int(value)) if value else queryset

    def filter_site(self, queryset, name, value):
        return queryset.filter(site_id=int(value)) if value else queryset


# -- workflow steps ----------------------------------------------------------------------------------
class StepForm(forms.Form):
    note = forms.CharField(
        label=_("说明"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, request: DisclosureRequest | None = None, **kwargs):
        self.disclosure_request = request
        super().__init__(*args, **kwargs)

    def step_data(self) -> dict:
        return dict(self.cleaned_data)


class CompletionNoticeForm(StepForm):
    notice = forms.CharField(
        label=_("需要补正的事项"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("一次性写明需要补正的全部事项及合理的补正期限；申请人在查询页面可以看到并在线补正"),
        error_messages={"required": _("请写明需要补正的事项")},
    )  # fmt: skip
    due = forms.DateField(label=_("补正期限"), widget=AdminDateInput, required=False,
                          help_text=_("留空则为15个工作日"))  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["note"]


class CompletionReceivedForm(StepForm):
    received_on = forms.DateField(label=_("收到补正日期"), widget=AdminDateInput, required=False,
                                  help_text=_("留空为今天；答复期限自该日起重新计算"))  # fmt: skip
    text = forms.CharField(
        label=_("补正内容"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConsultForm(StepForm):
    third_party = forms.CharField(
        label=_("第三方"), max_length=200, error_messages={"required": _("请填写第三方")}
    )


class EndConsultationForm(StepForm):
    outcome = forms.CharField(
        label=_("第三方意见"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("第三方逾期未提出意见的，请注明"),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["note"]


class ExtendForm(StepForm):
    days = forms.IntegerField(
        label=_("延长工作日数"), min_value=1, max_value=deadlines.MAX_EXTENSION_DAYS, initial=deadlines.MAX_EXTENSION_DAYS,
        error_messages={"required": _("请填写延长的工作日数"),
                        "min_value": _("延长的期限至少1个工作日"),
                        "max_value": _("延长的期限最长不超过20个工作日")},
    )  # fmt: skip
    approver = forms.CharField(
        label=_("批准人"), max_length=50, help_text=_("同意延期的政府信息公开工作机构负责人"),
        error_messages={"required": _("请填写批准人")},
    )  # fmt: skip
    notice = forms.CharField(
        label=_("延期告知内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("告知申请人延期的理由和延长后的期限；申请人在查询页面可以看到"),
        error_messages={"required": _("请填写延期告知内容")},
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["note"]


def _reason_choices():
    groups = [("", "—")]
    for answer_type, reasons in REASONS_BY_TYPE.items():
        groups.append(
            (AnswerType(answer_type).label, [(reason, AnswerReason(reason).label) for reason in reasons])
        )
    return groups


class AnswerForm(StepForm):
    answer_type = forms.ChoiceField(
        label=_("答复类型"),
        choices=[("", "—"), *AnswerType.choices],
        error_messages={"required": _("请选择答复类型")},
    )
    reason = forms.ChoiceField(label=_("具体情形"), choices=_reason_choices, required=False,
                               help_text=_("不予公开、无法提供、不予处理、其他处理须选择具体情形"))  # fmt: skip
    responsible_organ = forms.CharField(
        label=_("负责公开的机关"), max_length=200, required=False,
        help_text=_("告知作出处理的机关时，填写负责公开该信息的机关名称和联系方式"),
    )  # fmt: skip
    text = forms.CharField(
        label=_("答复书"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("请填写答复书内容")},
    )  # fmt: skip

    def clean(self):
        from govsite.interaction.disclosure.workflow import answer_problem

        data = super().clean()
        if self.errors or self.disclosure_request is None:
            return data
        problem = answer_problem(self.disclosure_request, data["answer_type"], data.get("reason", ""),
                                 data["text"], data.get("responsible_organ", ""), timezone.localdate())  # fmt: skip
        if problem:
            raise forms.ValidationError(problem)
        return data


class WithdrawForm(StepForm):
    reason = forms.CharField(label=_("撤回说明"), max_length=2000, required=False,
                             help_text=_("如申请人通过电话、信函撤回，请注明"), widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["note"]


STEP_FORMS: dict[str, type[StepForm]] = {
    "accept": StepForm,
    "request_completion": CompletionNoticeForm,
    "receive_completion": CompletionReceivedForm,
    "consult": ConsultForm,
    "end_consultation": EndConsultationForm,
    "extend": ExtendForm,
    "answer": AnswerForm,
    "close": StepForm,
    "withdraw": WithdrawForm,
}


class AssignForm(forms.Form):
    department = forms.ModelChoiceField(label=_("承办部门"), queryset=Department.objects.none(), required=False,
                                        empty_label=_("（不分派）"))  # fmt: skip

    def __init__(self, *args, request: DisclosureRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(
            site_id=request.site_id, is_active=True
        )
        self.fields["department"].initial = request.department_id


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=_("文件名称"), max_length=200, required=False, help_text=_("留空则用文件名")
    )
    file = forms.FileField(label=_("答复文件"), validators=[validate_attachment],
                           error_messages={"required": _("请选择要上传的文件")})  # fmt: skip
