"""Forms: the public's question and the live console's entry (the page's admin form is in page_form.py)."""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.images.widgets import AdminImageChooser
from wagtail.permissions import policy_registry

from govsite.interaction.captcha import PublicCaptchaField
from govsite.interaction.interviews.models import InterviewPage, LiveEntry, Question

MOBILE = re.compile(r"^1[3-9]\d{9}$")
QUESTION_MIN, QUESTION_MAX = 5, 500


class QuestionForm(forms.ModelForm):
    captcha = PublicCaptchaField()

    class Meta:
        model = Question
        fields = ["nickname", "phone", "text"]
        labels = {"nickname": _("网名"), "phone": _("手机号码"), "text": _("提问内容")}
        help_texts = {
            "nickname": _("将随提问公开显示；如填写真实姓名，公开时只显示姓氏"),
            "phone": _("仅供工作人员联系核实，不会公开"),
            "text": _("%(min)d至%(max)d字；请勿填写身份证号、住址等个人信息")
            % {"min": QUESTION_MIN, "max": QUESTION_MAX},
        }
        error_messages = {
            "nickname": {"required": _("请填写网名"), "max_length": _("网名不能超过%(limit_value)d个字")},
            "phone": {"required": _("请填写手机号码")},
            "text": {"required": _("请填写提问内容")},
        }
        widgets = {
            "nickname": forms.TextInput(attrs={"autocomplete": "nickname"}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "text": forms.Textarea(attrs={"rows": 5, "maxlength": QUESTION_MAX}),
        }

    # The server checks every field and says what is wrong; the browser's own checks would interrupt with
    # messages in the browser's language, and would mark the CAPTCHA's hidden key ``required`` (invalid HTML).
    use_required_attribute = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The CAPTCHA's answer box as a plain numeric input (the library's adds the non-standard autocorrect).
        captcha = self.fields["captcha"].widget
        captcha.widgets[1] = forms.TextInput(
            attrs={"autocomplete": "off", "inputmode": "numeric", "maxlength": 4}
        )

    def clean_nickname(self) -> str:
        return self.cleaned_data["nickname"].strip()

    def clean_phone(self) -> str:
        phone = re.sub(r"[\s-]", "", self.cleaned_data["phone"])
        phone = phone.removeprefix("+86")
        if not MOBILE.match(phone):
            raise forms.ValidationError(_("请填写正确的11位手机号码"), code="invalid")
        return phone

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if len(text) < QUESTION_MIN:
            raise forms.ValidationError(
                _("提问内容不能少于%(min)d个字") % {"min": QUESTION_MIN}, code="short"
            )
        if len(text) > QUESTION_MAX:
            raise forms.ValidationError(
                _("提问内容不能超过%(max)d个字（现有%(count)d个字）")
                % {"max": QUESTION_MAX, "count": len(text)},
                code="long",
            )
        return text


HOST = "host"


def speaker_choices(page: InterviewPage) -> list[tuple[str, str]]:
    host = _("主持人") + (f"：{page.host}" if page.host else "")
    return [(HOST, host), *((f"guest-{guest.pk}", str(guest)) for guest in page.guests.all())]


class EntryForm(forms.Form):
    """Staff post one entry: who speaks, what they said, optionally a picture or the question answered."""

    speaker = forms.ChoiceField(label=_("发言人"), error_messages={"required": _("请选择发言人")})
    question = forms.ModelChoiceField(
        label=_("回答网友提问"), queryset=Question.objects.none(), required=False,
        empty_label=_("（不是回答提问）"), error_messages={"invalid_choice": _("该提问不存在或未通过审核")},
    )  # fmt: skip
    text = forms.CharField(
        label=_("内容"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000,
        error_messages={"required": _("请填写发言内容"), "max_length": _("内容不能超过%(limit_value)d个字")},
    )  # fmt: skip
    image = forms.ModelChoiceField(
        label=_("图片"), queryset=get_image_model().objects.none(), required=False, widget=AdminImageChooser,
        error_messages={"invalid_choice": _("该图片不存在，或您无权使用")},
    )  # fmt: skip

    def __init__(self, page: InterviewPage, user, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.page = page
        # The images this member of staff may choose (Wagtail's collection permissions), as the chooser shows.
        self.fields["image"].queryset = policy_registry.get_by_type(
            get_image_model()
        ).instances_user_has_any_permission_for(user, ["choose"])
        self.guests = {f"guest-{guest.pk}": guest for guest in page.guests.all()}
        self.fields["speaker"].choices = [("", "---------"), *speaker_choices(page)]
        self.fields["question"].queryset = page.questions.filter(status=Question.Status.APPROVED)
        self.fields["question"].label_from_instance = lambda q: f"[{q.public_nickname}] {q.text[:40]}"

    def clean(self) -> dict:
        data = super().clean()
        if data.get("question") and data.get("speaker") == HOST:
            self.add_error("speaker", _("回答网友提问时，发言人应为访谈嘉宾"))
        return data

    def save(self, user) -> LiveEntry:
        data = self.cleaned_data
        if data["speaker"] == HOST:
            role, name, title = LiveEntry.Role.HOST, self.page.host, str(_("主持人"))
        else:
            guest = self.guests[data["speaker"]]
            role, name, title = LiveEntry.Role.GUEST, guest.name, guest.title
        return LiveEntry.objects.create(
            interview=self.page, role=role, speaker_name=name, speaker_title=title, text=data["text"].strip(),
            image=data.get("image"), question=data.get("question"), posted_by=user, posted_at=timezone.now(),
        )  # fmt: skip
