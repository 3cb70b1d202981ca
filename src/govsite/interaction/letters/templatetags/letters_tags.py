"""Template filters for letters: public plain text as paragraphs, without fake date labels."""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Words that listings use as date labels (来信时间, 答复日期 …). A writer's "请告知处理时间" must not read as
# a label to a crawler (ours included: supervision/extract/letters.py), so a <wbr> goes between the two
# halves: invisible to readers, a split text node to a parser.
_LABEL = re.compile(
    r"(来信|留言|提问|写信|提交|咨询|投诉|发帖|信件|申请|登记|受理|回复|答复|办结|处理|反馈|回应)(时间|日期)"
)


def _unlabel(escaped: str) -> str:
    return _LABEL.sub(r"\1<wbr>\2", escaped)


@register.filter
def inline_text(value: str) -> SafeString:
    """Plain text on one line, escaped, label words split."""
    return mark_safe(_unlabel(escape(" ".join(str(value or "").split()))))


@register.filter
def public_text(value: str) -> SafeString:
    """Plain text from the public or staff as escaped paragraphs, label words split."""
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n|\n", str(value or ""))]
    html = "".join(f"<p>{_unlabel(escape(part))}</p>" for part in paragraphs if part)
    return mark_safe(html)
