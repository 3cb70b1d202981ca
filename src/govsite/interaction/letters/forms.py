"""Public forms: writing a letter, querying it with the number and query code, rating the reply."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from govsite.interaction import querycode
from govsite.interaction.captcha import PublicCaptchaField
from govsite.interaction.letters.models import Satisfaction
from govsite.interaction.uploads import validate_attachment

SUBJECT_MIN, SUBJECT_MAX = 6, 60
CONTENT_MIN, CONTENT_MAX = 10, 3000

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Area code 010/02x (3 digits) or 0xxx (4 digits), then 7–8 digits, optionally an extension.
_LANDLINE = re.compile(r"^(0\d{2,3})-?(\d{7,8})(?:-(\d{1,6}))?$")
_PHONE_NOISE = re.compile(r"[\s()（）]")


def normalise_phone(value: str) -> str:
    """A mainland mobile (13812341234) or landline (0731-88881234[-123]) number in one written form;
    raises ValidationError for anything else."""
    text = _PHONE_NOISE.sub("", value.strip().translate({0xFF0D: "-", 0xFF0B: "+"}))
    text = re.sub(r"^(?:\+86|0086)-?", "", text)
    digits = text.replace("-", "")
    if _MOBILE.match(digits):
        return digits
    landline = _LANDLINE.match(text)
    if landline and not text.startswith("00"):
        area, number, extension = landline.groups()
        return f"{area}-{number}" + (f"-{extension}" if extension else "")
    raise ValidationError(
        _("请填写正确的联系电话：11位手机号码，或带区号的固定电话（如 0731-88881234）"), code="phone"
    )


def _required(label: str) -> dict[str, str]:
    return {"required": _("请填写%(label)s") % {"label": label}}


class LetterForm(forms.Form):
    writer_name = forms.CharField(
        label=_("姓名"), max_length=40, error_messages=_required(_("姓名")),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )  # fmt: skip
    writer_phone = forms.CharField(
        label=_("联系电话"), max_length=30, error_messages=_required(_("联系电话")),
        help_text=_("手机号码或带区号的固定电话，仅用于联系您，不会公开"),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )  # fmt: skip
    writer_email = forms.EmailField(
        label=_("电子邮箱"), required=False, error_messages={"invalid": _("请填写正确的电子邮箱地址")},
        help_text=_("选填"),
    )  # fmt: skip
    subject = forms.CharField(
        label=_("标题"), min_length=SUBJECT_MIN, max_length=SUBJECT_MAX,
        error_messages={
            **_required(_("标题")),
            "min_length": _("标题至少 %(limit_value)d 个字（现在 %(show_value)d 个字）"),
            "max_length": _("标题不能超过 %(limit_value)d 个字（现在 %(show_value)d 个字）"),
        },
    )  # fmt: skip
    content = forms.CharField(
        label=_("内容"), min_length=CONTENT_MIN, max_length=CONTENT_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("请写明事情经过、地点和诉求，%(min)d 至 %(max)d 字") % {"min": CONTENT_MIN, "max": CONTENT_MAX},
        error_messages={
            **_required(_("内容")),
            "min_length": _("内容至少 %(limit_value)d 个字（现在 %(show_value)d 个字），请写明具体事项"),
            "max_length": _("内容不能超过 %(limit_value)d 个字（现在 %(show_value)d 个字）"),
        },
    )  # fmt: skip
    attachment = forms.FileField(
        label=_("附件"), required=False, validators=[validate_attachment],
        help_text=_("选填，可上传 pdf、jpg、png、doc、docx、xls、xlsx 文件，不超过 10 MB；附件不公开"),
    )  # fmt: skip
    agrees_to_publish = forms.BooleanField(
        label=_("同意在“来信选登”中公开信件和答复（姓名、电话等个人信息将隐去）"),
        required=False,
        initial=True,
    )
    captcha = PublicCaptchaField()

    def clean_writer_name(self) -> str:
        name = " ".join(self.cleaned_data["writer_name"].split())
        if len(name) < 2:
            raise ValidationError(_("请填写真实姓名（至少 2 个字）"))
        return name

    def clean_writer_phone(self) -> str:
        return normalise_phone(self.cleaned_data["writer_phone"])

    def clean_subject(self) -> str:
        return " ".join(self.cleaned_data["subject"].split())

    def clean_content(self) -> str:
        content = self.cleaned_data["content"].strip()
        if len(set(content)) < 3:
            raise ValidationError(_("请写明具体事项"))
        return content


class QueryForm(forms.Form):
    number = forms.CharField(label=_("信件编号"), max_length=40, error_messages=_required(_("信件编号")))
    code = forms.CharField(
        label=_("查询码"), max_length=30, error_messages=_required(_("查询码")),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )  # fmt: skip

    def clean_number(self) -> str:
        return self.cleaned_data["number"].strip().upper()

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if not querycode.looks_valid(code):
            raise ValidationError(_("查询码为12位字母和数字，如 ABCD-EF23-GH45，请核对"))
        return code


class RatingForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("您对答复是否满意"), choices=Satisfaction.choices, widget=forms.RadioSelect,
        error_messages={"required": _("请选择满意程度")},
    )  # fmt: skip
    comment = forms.CharField(
        label=_("评价意见"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("评价意见不能超过 %(limit_value)d 个字")},
    )  # fmt: skip
