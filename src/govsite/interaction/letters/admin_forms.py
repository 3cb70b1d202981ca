"""Forms for the handling steps in the admin, one per action; ``action_form`` builds the right one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from govsite.cluster.models import Department
from govsite.interaction.letters.models import InvalidReason, Letter

NOTE = {"rows": 3}


DEFAULT_NOTE_LABEL = _("说明")


def _note(label=DEFAULT_NOTE_LABEL, required: bool = False, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=required, max_length=2000, help_text=help_text, widget=forms.Textarea(attrs=NOTE),
        error_messages={"required": _("请填写%(label)s") % {"label": label}},
    )  # fmt: skip


class ActionForm(forms.Form):
    """Base: the cleaned data are the keyword arguments of the transition."""

    def __init__(self, letter: Letter, *args, **kwargs) -> None:
        self.letter = letter
        super().__init__(*args, **kwargs)

    def params(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class NoteForm(ActionForm):
    note = _note()


class InvalidForm(ActionForm):
    reason = forms.ChoiceField(label=_("无效原因"), choices=InvalidReason.choices)
    note = _note()


def _department_field(letter: Letter, label, exclude_current: bool = False) -> forms.ModelChoiceField:
    departments = Department.objects.filter(site_id=letter.site_id, is_active=True)
    if exclude_current and letter.department_id:
        departments = departments.exclude(pk=letter.department_id)
    return forms.ModelChoiceField(
        label=label,
        queryset=departments,
        error_messages={"required": _("请选择部门")},
        empty_label=_("请选择"),
    )


class AssignForm(ActionForm):
    note = _note(_("交办意见"))

    def __init__(self, letter: Letter, *args, **kwargs) -> None:
        super().__init__(letter, *args, **kwargs)
        self.fields = {"department": _department_field(letter, _("办理部门")), **self.fields}
        default = getattr(letter.channel, "default_department_id", None)
        if default and not self.is_bound:
            self.initial.setdefault("department", default)


class TransferForm(ActionForm):
    reason = _note(_("转办理由"), required=True)

    def __init__(self, letter: Letter, *args, **kwargs) -> None:
        super().__init__(letter, *args, **kwargs)
        self.fields = {
            "department": _department_field(letter, _("转至部门"), exclude_current=True),
            **self.fields,
        }


class DraftForm(ActionForm):
    reply = forms.CharField(
        label=_("答复内容"), max_length=10000, widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("写明办理结果、依据和具体措施；不要只写“已转相关部门”“我们会尽快处理”之类的套话"),
        error_messages={"required": _("请填写答复内容")},
    )  # fmt: skip
    note = _note(_("拟稿说明"))

    def __init__(self, letter: Letter, *args, **kwargs) -> None:
        super().__init__(letter, *args, **kwargs)
        if letter.reply and not self.is_bound:
            self.initial.setdefault("reply", letter.reply)


class CannotHandleForm(ActionForm):
    explanation = forms.CharField(
        label=_("无法办理的说明"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("说明无法办理的原因和依据，以及来信人可以通过什么途径解决；这段说明就是对来信人的答复"),
        error_messages={"required": _("请填写无法办理的说明")},
    )  # fmt: skip


class ApproveForm(ActionForm):
    publish = forms.BooleanField(label=_("在来信选登中公开"), required=False)
    note = _note(_("审核意见"))
    override_reason = _note(
        _("坚持通过的理由"),
        help_text=_("答复被判定为套话或与此前答复雷同时，须写明仍予通过的理由（记入办理记录）"),
    )

    def __init__(self, letter: Letter, *args, **kwargs) -> None:
        super().__init__(letter, *args, **kwargs)
        if not letter.agrees_to_publish:
            self.fields["publish"].disabled = True
            self.fields["publish"].help_text = _("来信人未同意公开，只能通过查询码查看答复")
        elif not self.is_bound:
            self.initial["publish"] = bool(getattr(letter.channel, "publish_by_default", True))


class ReturnForm(ActionForm):
    note = _note(_("退回意见"), required=True)


class ExtendForm(ActionForm):
    reason = _note(_("延期理由"), required=True, help_text=_("情况复杂的可延期一次，期限延长至15个工作日"))


class UnpublishForm(ActionForm):
    note = _note(_("撤下理由"), required=True)


class ReopenForm(ActionForm):
    note = _note(
        _("重新办理的理由"), required=True, help_text=_("如来信人不满意、答复有误等；将开始新一轮办理")
    )


FORMS: dict[str, type[ActionForm]] = {
    "assess_valid": NoteForm,
    "assess_invalid": InvalidForm,
    "assign": AssignForm,
    "sign": NoteForm,
    "transfer": TransferForm,
    "draft_reply": DraftForm,
    "cannot_handle": CannotHandleForm,
    "approve": ApproveForm,
    "return_draft": ReturnForm,
    "extend": ExtendForm,
    "unpublish": UnpublishForm,
    "reopen": ReopenForm,
}


def action_form(action: str, letter: Letter, data=None) -> ActionForm:
    return FORMS[action](letter, data=data, prefix=action)
