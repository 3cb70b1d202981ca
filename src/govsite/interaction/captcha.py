"""Self-hosted CAPTCHA for public forms (django-simple-captcha: images drawn here, nothing from outside).

Four digits: the form is used by people of every age on every phone, and digits have no look-alike
letters to get wrong. Tests and benchmarks read the answer from ``captcha.models.CaptchaStore``.
"""

from __future__ import annotations

import secrets

from captcha.fields import CaptchaField
from django.utils.translation import gettext_lazy as _

DIGITS = "0123456789"


def digit_challenge() -> tuple[str, str]:
    """CAPTCHA_CHALLENGE_FUNCT: (text drawn in the image, expected answer)."""
    answer = "".join(secrets.choice(DIGITS) for _ in range(4))
    return answer, answer


class PublicCaptchaField(CaptchaField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("验证码"))
        kwargs.setdefault("help_text", _("请输入图片中的4位数字；看不清可点击图片更换"))
        kwargs.setdefault(
            "error_messages",
            {"invalid": _("验证码不正确或已过期，请重新输入"), "required": _("请输入验证码")},
        )
        super().__init__(**kwargs)
