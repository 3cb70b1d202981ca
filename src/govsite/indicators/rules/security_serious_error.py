"""Veto 严重错误 / 安全 (SPEC §3): reactionary, pornographic or gambling content or links, attacks left
unhandled (injected links, malicious redirects, defacement).

The detector's flags carry a confidence; at or above the rule set's `min_score` a flag of a veto
risk vetoes the site, below it the rule lists the flag as a warning for a human to review rather
than failing a site on a guess. The finding names every page, the terms matched and how the content
was hidden from visitors (how attackers inject it), so the webmaster can find and remove it.
"""

import datetime

from ..coverage import Area, not_checked
from ..findings import Finding, Severity
from ..inspection import ContentFlag, SiteEvidence
from ..ruleset import RuleSet
from .common import number
from .content_labels import concealment_text, flag_evidence, pages, risks_text

RULE = "security_serious_error"


def rule(site: SiteEvidence, today: datetime.date, ruleset: RuleSet) -> list[Finding]:
    numbers = ruleset.security_serious_error
    flags = sorted((flag for flag in site.content_flags if flag.risk in numbers.risks), key=_order)
    sure = [flag for flag in flags if flag.score >= numbers.min_score]
    doubtful = [flag for flag in flags if flag.score < numbers.min_score]
    findings: list[Finding] = []
    if sure:
        hidden = concealment_text(sure)
        findings.append(
            Finding(
                rule=RULE,
                severity=Severity.VETO,
                summary=(
                    f"严重错误（安全）：发现{risks_text(sure)}，涉及页面 {pages(sure)} 个"
                    f"{'；' + hidden if hidden else ''}（出现即单项否决）。"
                    "请立即删除相关内容，排查网站被入侵的途径并修补漏洞，保留日志备查。"
                ),
                evidence=[flag_evidence(flag) for flag in sure],
            )
        )
    if doubtful:
        findings.append(
            Finding(
                rule=RULE,
                severity=Severity.WARNING,
                summary=(
                    f"疑似安全问题：{risks_text(doubtful)}，涉及页面 {pages(doubtful)} 个，检测置信度低于 "
                    f"{number(numbers.min_score)}，未作单项否决，请人工复核。"
                ),
                evidence=[flag_evidence(flag) for flag in doubtful],
            )
        )
    if not sure:
        reason = not_checked(site, Area.CONTENT)
        if reason is not None:
            findings.append(
                Finding(
                    rule=RULE,
                    severity=Severity.WARNING,
                    summary=f"页面内容安全未能检查（{reason}），严重错误未作判定。",
                )
            )
    return findings


def _order(flag: ContentFlag) -> tuple[str, str, float]:
    return (flag.url, flag.risk.value, -flag.score)
