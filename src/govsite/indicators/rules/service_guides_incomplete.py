"""Deduction 办事指南 (SPEC §3a, §5): service guides missing key elements.

The 2015 census deducted 2 points per missing element *category*, 8 categories, at most 16: a
category missing from any guide checked costs its points once, however many guides miss it. The
evidence lists, per category, how many guides miss it and which, so the webmaster can fix them all.
"""

import datetime

from ..findings import Finding
from ..inspection import KEY_GUIDE_ELEMENTS, GuideElement, ServiceGuideEvidence, SiteEvidence
from ..ruleset import RuleSet
from .common import SAMPLE, deduction, number, points

RULE = "service_guides_incomplete"

# SPEC §5, in the order guides show them.
ELEMENT_LABELS: dict[GuideElement, str] = {
    GuideElement.NAME: "事项名称",
    GuideElement.BASIS: "设定依据",
    GuideElement.CONDITIONS: "申请条件",
    GuideElement.MATERIALS: "办理材料",
    GuideElement.PLACE: "办理地点",
    GuideElement.HOURS: "办理时间",
    GuideElement.CONTACT: "联系电话（咨询方式）",
    GuideElement.PROCESS: "办理流程",
    GuideElement.TIME_LIMIT: "办理时限",
    GuideElement.FEES: "收费标准",
    GuideElement.FORMS: "表格下载",
}


def missing_elements(guide: ServiceGuideEvidence) -> list[GuideElement]:
    """The key elements a guide lacks, in the order of SPEC §5."""
    return [
        element for element in GuideElement if element in KEY_GUIDE_ELEMENTS and element not in guide.elements
    ]


def rule(site: SiteEvidence, today: datetime.date, ruleset: RuleSet) -> list[Finding]:
    numbers = ruleset.service_guides_incomplete
    by_element: dict[GuideElement, list[ServiceGuideEvidence]] = {}
    incomplete = 0
    for guide in site.guides:
        missing = missing_elements(guide)
        incomplete += bool(missing)
        for element in missing:
            by_element.setdefault(element, []).append(guide)
    if not by_element:
        return []
    categories = [element for element in GuideElement if element in by_element]
    amount = points(len(categories), numbers.points_per_element, numbers.max_points)
    labels = "、".join(ELEMENT_LABELS[element] for element in categories)
    cost = (
        f"扣 {number(amount)} 分（每缺一类扣 {number(numbers.points_per_element)} 分，"
        f"本项最多扣 {number(numbers.max_points)} 分）"
        if amount > 0
        else "本版本指标不扣分"
    )
    summary = (
        f"办事指南要素不全：抽查办事指南 {len(site.guides)} 个，{incomplete} 个缺少关键要素，"
        f"共缺 {len(categories)} 类（{labels}），{cost}。请逐一补全。"
    )
    evidence = [
        {
            "element": element.value,
            "label": ELEMENT_LABELS[element],
            "guides": len(by_element[element]),
            "guides_sample": [
                {"name": guide.name, "url": guide.url} for guide in by_element[element][:SAMPLE]
            ],
        }
        for element in categories
    ]
    return [deduction(RULE, summary, evidence, amount)]
