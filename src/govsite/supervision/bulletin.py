"""通报 (bulletin): the official-style result of an inspection batch, from its stored runs.

`build_bulletin` reads the batch once and returns plain data (title, overview paragraph, failed sites with
their problems, common problems, rectification requirement); the admin page, the .docx and the text all
present that data. Nothing here recomputes a rule. Like the inspection reports, the bulletin's wording
is the official Chinese document itself, so it is not passed through gettext; the admin screens around it are.
"""

from __future__ import annotations

import datetime
import io
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils import timezone

from govsite.indicators.rule_titles import rule_title
from govsite.supervision.dashboard import percent
from govsite.supervision.models import FindingRecord, InspectionBatch, InspectionRun
from govsite.supervision.rectification import default_deadline

QUARTERS = ("一", "二", "三", "四")
KEY_DEDUCTIONS = 3  # deductions named per failed site, largest first
COMMON_MIN_SITES = 2  # a problem found on at least this many sites is a common problem


@dataclass(frozen=True)
class FailedSite:
    number: int
    name: str
    url: str
    site_code: str
    score: float | None  # None: vetoed, not scored
    vetoes: tuple[str, ...]  # titles of the veto rules
    problems: tuple[str, ...]  # the veto findings and the largest deductions, as stored summaries

    @property
    def score_text(self) -> str:
        return "不计分" if self.score is None else f"{self.score:g}"


@dataclass(frozen=True)
class CommonProblem:
    rule: str
    title: str
    sites: int
    share: str  # of the sites judged


@dataclass(frozen=True)
class Bulletin:
    title: str
    batch: str
    kind: str  # 抽查 or 普查
    check_date: datetime.date
    issued: datetime.date
    deadline: datetime.date
    sites: int
    inspected: int
    passed: int
    failed: int
    unreachable: tuple[str, ...]  # names of the sites that could not be judged
    awaiting: int  # sites of the batch without a finished run
    failed_sites: tuple[FailedSite, ...]
    common_problems: tuple[CommonProblem, ...]

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.inspected if self.inspected else None

    @property
    def pass_rate_text(self) -> str:
        return percent(self.pass_rate)

    @property
    def overview(self) -> str:
        text = (
            f"按照《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）要求，{chinese_date(self.check_date)}"
            f"对{self.sites}家政府网站开展{self.kind}。完成检查的{self.inspected}家网站中，合格{self.passed}家，"
            f"不合格{self.failed}家，总体合格率为{self.pass_rate_text}。"
        )
        if self.unreachable:
            text += f"另有{len(self.unreachable)}家网站检查时无法访问，未予评分，待恢复访问后复查。"
        if self.awaiting:
            text += f"尚有{self.awaiting}家网站未完成检查。"
        return text

    @property
    def common_text(self) -> str:
        if not self.common_problems:
            return "本次检查未发现多家网站存在的共性问题。"
        items = "；".join(f"{problem.title}（{problem.sites}家）" for problem in self.common_problems)
        return f"检查发现的共性问题主要有：{items}。"

    @property
    def requirement(self) -> str:
        return (
            f"请各不合格网站的主办单位对照问题清单逐项整改，于{chinese_date(self.deadline)}前完成整改，"
            "并将整改情况报送网站监管部门；存在单项否决问题的网站须立即整改。"
            "各网站主办单位要举一反三，对照共性问题开展自查，落实信息更新、互动回应和安全保障责任。"
            "逾期未完成整改或复查仍不合格的，将予以通报。"
        )


def chinese_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def batch_kind(batch: InspectionBatch) -> str:
    return "普查" if "普查" in batch.name else "抽查"


def default_title(batch: InspectionBatch) -> str:
    day = batch.check_date
    quarter = QUARTERS[(day.month - 1) // 3]
    return f"关于{day.year}年第{quarter}季度政府网站{batch_kind(batch)}情况的通报"


def build_bulletin(
    batch: InspectionBatch,
    *,
    title: str = "",
    issued: datetime.date | None = None,
    deadline: datetime.date | None = None,
) -> Bulletin:
    issued = issued or timezone.localdate()
    runs = list(batch.runs.select_related("site").defer("verdict").order_by("site__site_code", "site__name"))
    done = [run for run in runs if run.status == InspectionRun.Status.DONE]
    judged = [run for run in done if run.passed is not None]
    findings: dict[int, list[FindingRecord]] = defaultdict(list)
    for finding in FindingRecord.objects.filter(
        run__in=[run.pk for run in judged], severity__in=("veto", "deduction")
    ).order_by("run", "pk"):  # pk keeps the verdict's own order, the same on every database
        findings[finding.run_id].append(finding)
    failed_sites = []
    for run in sorted(
        (run for run in judged if run.passed is False), key=lambda run: _severity_key(run, findings)
    ):
        vetoes = [finding for finding in findings[run.pk] if finding.severity == "veto"]
        deductions = sorted(
            (finding for finding in findings[run.pk] if finding.severity == "deduction"),
            key=lambda f: -f.points,
        )[:KEY_DEDUCTIONS]
        failed_sites.append(
            FailedSite(
                number=len(failed_sites) + 1,
                name=run.site.name,
                url=run.site.url,
                site_code=run.site.site_code,
                score=run.score,
                vetoes=tuple(dict.fromkeys(rule_title(finding.rule) for finding in vetoes)),
                problems=tuple(finding.summary for finding in [*vetoes, *deductions]),
            )
        )
    sites_per_rule = Counter(
        rule for run in judged for rule in {finding.rule for finding in findings[run.pk]}
    )
    common = tuple(
        CommonProblem(rule, rule_title(rule), count, percent(count / len(judged)))
        for rule, count in sites_per_rule.most_common()
        if count >= COMMON_MIN_SITES
    )
    return Bulletin(
        title=title.strip() or default_title(batch),
        batch=batch.name,
        kind=batch_kind(batch),
        check_date=batch.check_date,
        issued=issued,
        deadline=deadline or default_deadline(issued),
        sites=len({run.site_id for run in runs}),
        inspected=len(judged),
        passed=sum(1 for run in judged if run.passed),
        failed=len(failed_sites),
        unreachable=tuple(run.site.name for run in done if run.passed is None),
        awaiting=len(runs) - len(done),
        failed_sites=tuple(failed_sites),
        common_problems=common,
    )


def _severity_key(run: InspectionRun, findings: dict[int, list[FindingRecord]]) -> tuple:
    """Failed sites worst first: the most vetoes, then the lowest score."""
    vetoes = len({finding.rule for finding in findings[run.pk] if finding.severity == "veto"})
    return (-vetoes, run.score if run.score is not None else 0.0, run.site.site_code, run.site.name)


def render_text(bulletin: Bulletin) -> str:
    """Plain text, for a quick look or a mail."""
    lines = [bulletin.title, "", "一、总体情况", bulletin.overview, "", "二、不合格网站及主要问题"]
    for site in bulletin.failed_sites:
        vetoes = f"单项否决：{'、'.join(site.vetoes)}；" if site.vetoes else ""
        lines.append(f"{site.number}. {site.name}（{site.url}）{vetoes}得分：{site.score_text}")
        lines += [f"   - {problem}" for problem in site.problems]
    if not bulletin.failed_sites:
        lines.append("本次检查无不合格网站。")
    lines += ["", "三、共性问题", bulletin.common_text, "", "四、整改要求", bulletin.requirement]
    if bulletin.unreachable:
        lines += ["", "附：检查时无法访问的网站", "、".join(bulletin.unreachable)]
    return "\n".join(lines) + "\n"


def render_docx(bulletin: Bulletin) -> bytes:
    """The bulletin as a Word document (python-docx), in the plain layout of an official notice."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "FangSong"
    normal.font.size = Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")

    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(bulletin.title)
    run.bold = True
    run.font.size = Pt(20)

    def section(text: str) -> None:
        paragraph = document.add_paragraph()
        section_run = paragraph.add_run(text)
        section_run.bold = True

    def body(text: str) -> None:
        paragraph = document.add_paragraph(text)
        paragraph.paragraph_format.first_line_indent = Pt(28)

    section("一、总体情况")
    body(bulletin.overview)
    section("二、不合格网站及主要问题")
    if bulletin.failed_sites:
        table = document.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells, ("序号", "网站名称", "网址", "单项否决", "主要问题"), strict=True
        ):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for site in bulletin.failed_sites:
            cells = table.add_row().cells
            cells[0].text = str(site.number)
            cells[1].text = site.name
            cells[2].text = site.url
            cells[3].text = "、".join(site.vetoes) or f"得分 {site.score_text}"
            cells[4].text = "\n".join(site.problems)
    else:
        body("本次检查无不合格网站。")
    section("三、共性问题")
    body(bulletin.common_text)
    section("四、整改要求")
    body(bulletin.requirement)
    if bulletin.unreachable:
        section("附：检查时无法访问的网站")
        body("、".join(bulletin.unreachable))
    closing = document.add_paragraph(chinese_date(bulletin.issued))
    closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
