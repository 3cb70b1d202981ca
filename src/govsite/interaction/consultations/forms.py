"""Forms of the consultations app: the public comment form, the staff moderation and offline-entry forms."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from govsite.interaction.captcha import PublicCaptchaField
from govsite.interaction.consultations.models import Comment, ConsultationPage

CONTENT_MAX = 2000
_PHONE = re.compile(r"^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$")


class CommentForm(forms.ModelForm):
    """A comment from the public. Everything typed is kept when the form comes back with errors."""

    captcha = PublicCaptchaField()

    class Meta:
        model = Comment
        fields = ["name", "phone", "email", "clause", "content"]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 8, "maxlength": CONTENT_MAX}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        help_texts = {
            "phone": _("仅用于核实意见，不会公开"),
            "clause": _("选填，如“第十二条”"),
            "content": _("不超过 2000 字"),
        }
        error_messages = {
            "name": {"required": _("请填写姓名"), "max_length": _("姓名不能超过 %(limit_value)d 个字")},
            "phone": {"required": _("请填写联系电话"), "max_length": _("联系电话格式不正确")},
            "email": {"invalid": _("电子邮箱格式不正确")},
            "clause": {"max_length": _("针对条款不能超过 %(limit_value)d 个字")},
            "content": {"required": _("请填写意见建议")},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Optional on the model (offline comments may be anonymous), required of online writers.
        for field in ("name", "phone"):
            self.fields[field].required = True

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("请填写姓名"))
        return name

    def clean_phone(self) -> str:
        phone = re.sub(r"[\s()（）]", "", self.cleaned_data["phone"]).replace("－", "-")
        if phone.startswith("+86"):
            phone = phone[3:]
        if not _PHONE.match(phone):
            raise forms.ValidationError(_("联系电话格式不正确，请填写11位手机号码或带区号的固定电话"))
        return phone

    def clean_content(self) -> str:
        content = self.cleaned_data["content"].strip()
        if not content:
            raise forms.ValidationError(_("请填写意见建议"))
        if len(content) > CONTENT_MAX:
            raise forms.ValidationError(
                gettext("意见建议不能超过 %(max)d 字（当前 %(count)d 字）")
                % {"max": CONTENT_MAX, "count": len(content)}
            )
        return content


class Decision:
    APPROVE = "approve"
    REJECT = "reject"


class ModerationForm(forms.Form):
    """Approve a comment, or reject it with a reason (the reason is kept with the comment)."""

    decision = forms.ChoiceField(
        label=_("审核结果"),
        choices=[(Decision.APPROVE, _("通过")), (Decision.REJECT, _("不予通过"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择审核结果")},
    )
    reason = forms.CharField(
        label=_("不予通过的理由"), max_length=200, required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("如：与征集内容无关、含有不文明用语、重复提交"),
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        if data.get("decision") == Decision.REJECT and not (data.get("reason") or "").strip():
            self.add_error("reason", _("请填写不予通过的理由"))
        return data


class AdoptionForm(forms.Form):
    adoption = forms.ChoiceField(
        label=_("采纳情况"),
        choices=[("", _("未标注")), *Comment.Adoption.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("采纳说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("采纳或不予采纳的理由，随反馈公开"),
    )  # fmt: skip


class OfflineCommentForm(forms.Form):
    """A comment received by letter, fax, e-mail or at a hearing, entered by staff (``Comment.offline``)."""

    channel = forms.ChoiceField(
        label=_("提交渠道"),
        choices=[choice for choice in Comment.Channel.choices if choice[0] != Comment.Channel.ONLINE],
        error_messages={"required": _("请选择提交渠道"), "invalid_choice": _("请选择线下提交渠道")},
    )
    received_on = forms.DateField(
        label=_("收到日期"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("信函以收到日期为准"),
        error_messages={"required": _("请填写收到日期"), "invalid": _("日期格式不正确")},
    )
    name = forms.CharField(
        label=_("提出人"), max_length=30, required=False, help_text=_("选填，可为单位名称")
    )
    clause = forms.CharField(label=_("针对条款"), max_length=100, required=False)
    content = forms.CharField(
        label=_("意见建议"), widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("请填写意见建议")},
    )  # fmt: skip

    def __init__(
        self, *args, consultation: ConsultationPage, user, today: datetime.date | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.consultation, self.user, self.today = consultation, user, today
        self.comment: Comment | None = None

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            self.comment = Comment.offline(
                self.consultation, channel=data["channel"], received_on=data["received_on"],
                content=data["content"], name=data["name"], clause=data["clause"], by=self.user,
                today=self.today,
            )  # fmt: skip
        except ValidationError as error:
            self.add_error(None, error)  # a dict of field errors: each goes to its own field
        return data
