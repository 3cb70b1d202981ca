"""Content wrong for a government site but no veto: personal outbursts (SPEC §7 "今天心情非常的不好!"),
generic spam. The 2019 deduction table has no item for it, so the shipped rule set deducts nothing
and reports a warning; an edition may give it points (`improper_content.points_each`).
"""

import datetime

from ..findings import Finding
from ..inspection import SiteEvidence
from ..ruleset import RuleSet
from .common import deduction, points, points_text
from .content_labels import concealment_text, flag_evidence, pages, risks_text

RULE = "improper_content"


def rule(site: SiteEvidence, today: datetime.date, ruleset: RuleSet) -> list[Finding]:
    numbers = ruleset.improper_content
    flags = sorted(
        (
            flag
            for flag in site.content_flags
            if flag.risk in numbers.risks and flag.score >= numbers.min_score
        ),
        key=lambda flag: (flag.url, flag.risk.value),
    )
    if not flags:
        return []
    amount = points(len(flags), numbers.points_each, numbers.max_points)
    hidden = concealment_text(flags)
    summary = (
        f"不当内容：发现{risks_text(flags)}，涉及页面 {pages(flags)} 个{'；' + hidden if hidden else ''}；"
        f"{points_text(amount, numbers.points_each, numbers.max_points)}。请核实并删除，发布前加强审核。"
    )
    return [deduction(RULE, summary, [flag_evidence(flag) for flag in flags], amount)]
