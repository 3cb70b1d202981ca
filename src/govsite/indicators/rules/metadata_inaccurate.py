"""Accuracy: a 成文日期 in the disclosure metadata that disagrees with the signature date at the end of
the body (SPEC §6). A warning, not a deduction: the indicators count it under 不准确 without an item.

A real case: gov.cn content_5351624 (国办函〔2004〕36号) shows 成文日期 2004-04-17 in its metadata
table while the body is signed 2004-04-27.
"""

import datetime

from ..findings import Finding, Severity
from ..inspection import ArticleEvidence, SiteEvidence
from ..ruleset import RuleSet
from .common import iso

RULE = "metadata_inaccurate"


def rule(site: SiteEvidence, today: datetime.date, ruleset: RuleSet) -> list[Finding]:
    wrong = sorted(
        (
            article
            for article in site.articles
            if article.written is not None
            and article.signed is not None
            and article.written != article.signed
        ),
        key=lambda article: article.url,
    )
    if not wrong:
        return []
    first = wrong[0]
    return [
        Finding(
            rule=RULE,
            severity=Severity.WARNING,
            summary=(
                f"元数据不准确：{len(wrong)} 篇文件的成文日期与正文落款日期不一致（如《{first.title}》成文日期 "
                f"{iso(first.written)}，落款日期 {iso(first.signed)}）。请核对信息公开目录中的成文日期。"
            ),
            evidence=[_article(article) for article in wrong],
        )
    ]


def _article(article: ArticleEvidence) -> dict[str, object]:
    assert article.written is not None and article.signed is not None
    return {
        "url": article.url,
        "title": article.title,
        "written": iso(article.written),
        "signed": iso(article.signed),
        "days_apart": (article.signed - article.written).days,
    }
