"""Self-hosted CAPTCHA for public forms (django-simple-captcha: images drawn here, nothing from outside).

Four digits: the form is used by people of every age on every phone, and digits have no look-alike
letters to get wrong. Tests and benchmarks read the answer from ``captcha.models.CaptchaStore``.
"""

from __future__ import annotations

import secrets

from captcha.fields import CaptchaAnswerInput, CaptchaField, CaptchaHiddenInput, CaptchaTextInput
from django.utils.translation import gettext_lazy as _

DIGITS = "0123456789"


def digit_challenge() -> tuple[str, str]:
    """CAPTCHA_CHALLENGE_FUNCT: (text drawn in the image, expected answer)."""
    answer = "".join(secrets.choice(DIGITS) for _ in range(4))
    return answer, answer


class _KeyInput(CaptchaHiddenInput):
    def build_attrs(self, *args, **kwargs):
        attrs = super().build_attrs(*args, **kwargs)
        attrs.pop("required", None)  # not allowed on a hidden input; the answer box carries it
        return attrs


class _AnswerInput(CaptchaAnswerInput):
    def build_attrs(self, *args, **kwargs):
        attrs = super().build_attrs(*args, **kwargs)
        attrs.pop("autocorrect", None)  # Safari-only, not HTML: the page would fail validation
        return attrs


class PublicCaptchaWidget(CaptchaTextInput):
    """The library's widget made valid and usable: a Chinese image description, a label that points at
    the answer box rather than the hidden key (so no fieldset and legend around them), and a click on the
    image that draws a new one (``govsite/js/captcha.js``), as the help text promises."""

    template_name = "interaction/captcha_widget.html"
    use_fieldset = False

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.widgets = [_KeyInput(attrs), _AnswerInput(attrs)]

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_1" if id_ else id_


class PublicCaptchaField(CaptchaField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", PublicCaptchaWidget())
        kwargs.setdefault("label", _("验证码"))
        kwargs.setdefault("help_text", _("请输入图片中的4位数字；看不清可点击图片更换"))
        kwargs.setdefault(
            "error_messages",
            {"invalid": _("验证码不正确或已过期，请重新输入"), "required": _("请输入验证码")},
        )
        super().__init__(**kwargs)
