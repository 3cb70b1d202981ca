"""Chinese names of content risks and concealments, shared by the content rules' summaries."""

from collections import Counter
from collections.abc import Iterable

from ..inspection import Concealment, ContentFlag, ContentRisk

RISK_LABELS: dict[ContentRisk, str] = {
    ContentRisk.GAMBLING: "涉赌内容",
    ContentRisk.PORN: "色情内容",
    ContentRisk.SPAM: "垃圾广告",
    ContentRisk.REACTIONARY: "反动有害内容",
    ContentRisk.INJECTED_LINK: "被植入的外部链接",
    ContentRisk.JS_REDIRECT: "恶意跳转脚本",
    ContentRisk.DEFACEMENT: "页面被篡改",
    ContentRisk.IMPROPER_SPEECH: "不当言论",
}

CONCEALMENT_LABELS: dict[Concealment, str] = {
    Concealment.VISIBLE: "页面可见",
    Concealment.HIDDEN: "隐藏显示（display:none 等）",
    Concealment.OFFSCREEN: "移出可视区域",
    Concealment.SAME_COLOUR: "文字与背景同色或字号为0",
}


def flag_evidence(flag: ContentFlag) -> dict[str, object]:
    return {
        "url": flag.url,
        "risk": flag.risk.value,
        "risk_label": RISK_LABELS[flag.risk],
        "terms": list(flag.terms),
        "concealment": flag.concealment.value,
        "concealment_label": CONCEALMENT_LABELS[flag.concealment],
        "excerpt": flag.excerpt,
        "score": flag.score,
    }


def risks_text(flags: Iterable[ContentFlag]) -> str:
    """The risks counted, most frequent first: 涉赌内容 3 处、被植入的外部链接 2 处."""
    counts = Counter(flag.risk for flag in flags)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0].value))
    return "、".join(f"{RISK_LABELS[risk]} {count} 处" for risk, count in ordered)


def concealment_text(flags: Iterable[ContentFlag]) -> str:
    """How flagged content was hidden, e.g. 其中对访客隐藏：…; empty when everything was visible."""
    counts = Counter(flag.concealment for flag in flags if flag.concealment is not Concealment.VISIBLE)
    if not counts:
        return ""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0].value))
    return "其中对访客隐藏：" + "、".join(f"{CONCEALMENT_LABELS[way]} {count} 处" for way, count in ordered)


def pages(flags: Iterable[ContentFlag]) -> int:
    return len({flag.url for flag in flags})
