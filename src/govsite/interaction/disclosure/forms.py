"""The public forms: the 政府信息公开申请表, the progress query, and the applicant's 补正 and 撤回.

The application form follows the standard paper form: applicant (公民 or 法人或者其他组织, with the fields
each needs), contact details, the information wanted, how to receive it, and an optional attachment.
Every error is said in Chinese next to its field; a re-rendered form keeps what was typed (except the
file, which browsers never resend).
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from govsite.interaction import querycode
from govsite.interaction.captcha import PublicCaptchaField
from govsite.interaction.disclosure import identity
from govsite.interaction.disclosure.choices import (
    ApplicantType,
    Delivery,
    IdType,
    OrganisationCategory,
)
from govsite.interaction.uploads import validate_attachment

DESCRIPTION_MIN = 10
DESCRIPTION_MAX = 2000
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$")
_POSTCODE = re.compile(r"^\d{6}$")


def _required(message: str) -> dict[str, str]:
    return {"required": message}


def _text(label: str, max_length: int, required: bool = False, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=max_length, required=required,
        error_messages={"required": _("请填写%(label)s") % {"label": label},
                        "max_length": _("%(label)s不能超过 %(n)d 个字") % {"label": label, "n": max_length}},
        **kwargs,
    )  # fmt: skip


class ApplicationForm(forms.Form):
    applicant_type = forms.ChoiceField(
        label=_("申请人类型"), choices=ApplicantType.choices, widget=forms.RadioSelect,
        initial=ApplicantType.CITIZEN, error_messages=_required(_("请选择申请人类型")),
    )  # fmt: skip

    # 公民
    citizen_name = _text(_("姓名"), 50)
    id_type = forms.ChoiceField(
        label=_("证件类型"), choices=IdType.choices, initial=IdType.RESIDENT_ID, required=False
    )
    id_number = _text(_("证件号码"), 30)

    # 法人或者其他组织
    org_name = _text(_("名称"), 100)
    organisation_category = forms.ChoiceField(
        label=_("单位类型"), choices=[("", _("请选择")), *OrganisationCategory.choices], required=False
    )
    credit_code = _text(_("统一社会信用代码"), 30)
    legal_representative = _text(_("法定代表人"), 50)
    contact_person = _text(_("联系人"), 50)

    # 联系方式
    phone = _text(_("联系电话"), 30, required=True, help_text=_("手机号码或带区号的固定电话"))
    email = forms.EmailField(
        label=_("电子邮箱"), required=False, max_length=254,
        error_messages={"invalid": _("请填写有效的电子邮箱地址")},
    )  # fmt: skip
    address = _text(_("通信地址"), 200, required=True)
    postcode = _text(_("邮政编码"), 6)

    # 所需信息
    description = forms.CharField(
        label=_("所需信息的内容描述"), widget=forms.Textarea(attrs={"rows": 6}), max_length=DESCRIPTION_MAX,
        help_text=_("请具体写明所需政府信息的内容，如事项、时间、地点等，以便检索（%(min)d至%(max)d字）")
        % {"min": DESCRIPTION_MIN, "max": DESCRIPTION_MAX},
        error_messages={"required": _("请填写所需信息的内容描述"),
                        "max_length": _("内容描述不能超过 %(n)d 个字") % {"n": DESCRIPTION_MAX}},
    )  # fmt: skip
    document_title = _text(_("所需信息的名称/文号"), 200, help_text=_("知道文件名称或文号的请填写，选填"))
    purpose = _text(_("用途"), 500, widget=forms.Textarea(attrs={"rows": 2}), help_text=_("选填"))
    delivery = forms.ChoiceField(
        label=_("获取信息的方式"), choices=Delivery.choices, widget=forms.RadioSelect,
        error_messages=_required(_("请选择获取信息的方式")),
    )  # fmt: skip
    attachment = forms.FileField(
        label=_("附件"), required=False, validators=[validate_attachment],
        help_text=_("可上传身份证明、营业执照等材料（PDF、图片或Office文件），选填"),
    )  # fmt: skip
    captcha = PublicCaptchaField()

    use_required_attribute = False  # the form is novalidate: errors come from the server, in Chinese

    CITIZEN_FIELDS = ("citizen_name", "id_type", "id_number")
    ORGANISATION_FIELDS = ("org_name", "organisation_category", "credit_code", "legal_representative",
                           "contact_person")  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # django-simple-captcha's answer input carries the non-standard "autocorrect" attribute (invalid HTML).
        self.fields["captcha"].widget.widgets[1] = forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "off",
                "spellcheck": "false",
                "inputmode": "numeric",
            }
        )

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        compact = re.sub(r"[\s()（）]", "", phone).replace("－", "-")
        digits = compact.replace("-", "")
        if compact.startswith("+86"):
            digits = digits[3:]
        if _MOBILE.match(digits) or _LANDLINE.match(compact):
            return compact if not _MOBILE.match(digits) else digits
        raise ValidationError(_("请填写正确的手机号码或带区号的固定电话，如 13800000000 或 0731-88880000"))

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"].strip()
        if postcode and not _POSTCODE.match(postcode):
            raise ValidationError(_("邮政编码应为6位数字"))
        return postcode

    def clean_description(self) -> str:
        text = self.cleaned_data["description"].strip()
        if len(text) < DESCRIPTION_MIN:
            raise ValidationError(
                _("请具体描述所需政府信息，至少 %(n)d 个字（现有 %(count)d 个字）")
                % {"n": DESCRIPTION_MIN, "count": len(text)}
            )
        return text

    def clean(self) -> dict:
        data = super().clean()
        if data.get("applicant_type") == ApplicantType.CITIZEN:
            self._clean_citizen(data)
        elif data.get("applicant_type") == ApplicantType.ORGANISATION:
            self._clean_organisation(data)
        delivery = data.get("delivery")
        if delivery == Delivery.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("选择以电子邮件获取信息时，请填写电子邮箱"))
        if delivery == Delivery.POST and not data.get("postcode") and "postcode" not in self.errors:
            self.add_error("postcode", _("选择邮寄时，请填写邮政编码"))
        return data

    def _need(self, data: dict, field: str, message: str) -> bool:
        if not (data.get(field) or "").strip():
            if field not in self.errors:
                self.add_error(field, message)
            return False
        return True

    def _clean_citizen(self, data: dict) -> None:
        self._need(data, "citizen_name", _("请填写申请人姓名"))
        if not self._need(data, "id_type", _("请选择证件类型")):
            return
        if self._need(data, "id_number", _("请填写证件号码")):
            number = identity.normalize_code(data["id_number"])
            if data["id_type"] == IdType.RESIDENT_ID:
                problem = identity.resident_id_problem(number)
            else:
                problem = identity.travel_document_problem(number)
            if problem:
                self.add_error("id_number", problem)
            else:
                data["id_number"] = number

    def _clean_organisation(self, data: dict) -> None:
        self._need(data, "org_name", _("请填写法人或者其他组织的名称"))
        self._need(data, "organisation_category", _("请选择单位类型"))
        if self._need(data, "credit_code", _("请填写统一社会信用代码")):
            code = identity.normalize_code(data["credit_code"])
            if problem := identity.credit_code_problem(code):
                self.add_error("credit_code", problem)
            else:
                data["credit_code"] = code
        self._need(data, "legal_representative", _("请填写法定代表人"))
        self._need(data, "contact_person", _("请填写联系人"))

    def request_fields(self) -> dict:
        """The cleaned data as DisclosureRequest fields (only those of the chosen applicant type)."""
        data = self.cleaned_data
        citizen = data["applicant_type"] == ApplicantType.CITIZEN
        fields = {
            "applicant_type": data["applicant_type"],
            "name": (data["citizen_name"] if citizen else data["org_name"]).strip(),
            "phone": data["phone"],
            "email": data["email"],
            "address": data["address"].strip(),
            "postcode": data["postcode"],
            "description": data["description"],
            "document_title": data["document_title"].strip(),
            "purpose": data["purpose"].strip(),
            "delivery": data["delivery"],
        }
        if citizen:
            fields.update(id_type=data["id_type"], id_number=data["id_number"])
        else:
            fields.update(
                organisation_category=data["organisation_category"], credit_code=data["credit_code"],
                legal_representative=data["legal_representative"].strip(),
                contact_person=data["contact_person"].strip(),
            )  # fmt: skip
        return fields


class QueryForm(forms.Form):
    number = forms.CharField(
        label=_("申请编号"), max_length=30, error_messages=_required(_("请填写申请编号")),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )  # fmt: skip
    code = forms.CharField(
        label=_("查询码"), max_length=30, error_messages=_required(_("请填写查询码")),
        widget=forms.TextInput(attrs={"autocomplete": "off"}), help_text=_("提交申请时获得的12位查询码"),
    )  # fmt: skip

    def clean_number(self) -> str:
        return identity.normalize_code(self.cleaned_data["number"])

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if not querycode.looks_valid(code):
            raise ValidationError(_("查询码应为12位字母和数字，如 ABCD-EF23-GH45"))
        return code


class CompletionForm(forms.Form):
    """The applicant's 补正: what the notice asked for, as text and an optional file."""

    text = forms.CharField(
        label=_("补正内容"), widget=forms.Textarea(attrs={"rows": 5}), min_length=5, max_length=DESCRIPTION_MAX,
        error_messages={"required": _("请填写补正内容"), "min_length": _("补正内容至少 5 个字"),
                        "max_length": _("补正内容不能超过 %(n)d 个字") % {"n": DESCRIPTION_MAX}},
    )  # fmt: skip
    attachment = forms.FileField(label=_("补正材料"), required=False, validators=[validate_attachment])

    def step_data(self) -> dict:
        return {"text": self.cleaned_data["text"], "attachment": self.cleaned_data.get("attachment") or None}


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("撤回原因"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("撤回原因不能超过 500 个字")},
    )  # fmt: skip
    confirm = forms.BooleanField(
        label=_("我确认撤回本申请，撤回后本申请不再办理"),
        error_messages=_required(_("请勾选确认撤回")),
    )  # fmt: skip

    def step_data(self) -> dict:
        return {"reason": self.cleaned_data["reason"]}
