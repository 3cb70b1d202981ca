"""Deduction 附件下载 (SPEC §3a, §5): forms and files that do not download.

Counted once per URL: attachment links the crawl found broken and the form links of service guides
that do not open. Part of the services items, so not scored for a department without external
services.
"""

import datetime
from dataclasses import dataclass, field

from ..findings import Finding
from ..inspection import LinkKind, SiteEvidence
from ..ruleset import RuleSet
from .common import deduction, points, points_text, sample

RULE = "dead_attachments"


@dataclass
class DeadFile:
    url: str
    problem: str | None = None
    status: int | None = None
    pages: tuple[str, ...] = ()
    guides: dict[str, None] = field(default_factory=dict)  # ordered set of guide names

    def as_evidence(self) -> dict[str, object]:
        return {
            "url": self.url,
            "problem": self.problem,
            "status": self.status,
            "pages": len(self.pages),
            "pages_sample": sample(self.pages),
            "guides": len(self.guides),
            "guides_sample": sample(self.guides),
        }


def rule(site: SiteEvidence, today: datetime.date, ruleset: RuleSet) -> list[Finding]:
    numbers = ruleset.dead_attachments
    dead: dict[str, DeadFile] = {}
    for link in site.links:
        if link.kind is LinkKind.ATTACHMENT and link.problem is not None:
            file = dead.setdefault(link.url, DeadFile(link.url))
            file.problem, file.status, file.pages = link.problem.value, link.status, link.found_on
    for guide in site.guides:
        for url in guide.dead_forms:
            dead.setdefault(url, DeadFile(url)).guides[guide.name] = None
    if not dead:
        return []
    amount = points(len(dead), numbers.points_each, numbers.max_points)
    summary = (
        f"附件无法下载：{len(dead)} 个表格或文件附件无法正常下载，"
        f"{points_text(amount, numbers.points_each, numbers.max_points, unit='个')}。请重新上传或更正链接。"
    )
    return [deduction(RULE, summary, [file.as_evidence() for file in dead.values()], amount)]
