"""A self-contained HTML report: no external stylesheet, script or font (offices read them offline)."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from govsite.supervision.reports.render import score_text
from govsite.supervision.reports.text import _severity

STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:1000px;color:#222;line-height:1.6}
h1{font-size:1.5em;border-bottom:3px solid #b4191b;padding-bottom:.3em}
.result{font-size:1.3em;font-weight:bold}.fail{color:#b4191b}.pass{color:#1a7f37}
table{border-collapse:collapse;width:100%;margin:1em 0}td,th{border:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f5f5f5}.veto td:first-child{color:#b4191b;font-weight:bold}
details pre{white-space:pre-wrap;font-size:.85em;background:#fafafa;padding:.5em}
.muted{color:#666}
"""


def bar_chart(deductions: dict[str, float], titles: dict[str, str]) -> str:
    """Points deducted per item as an inline SVG bar chart."""
    if not deductions:
        return '<p class="muted">无扣分项。</p>'
    width, bar_height, gap, label_width = 640, 22, 8, 220
    largest = max(deductions.values()) or 1.0
    rows = []
    for index, (rule, points) in enumerate(sorted(deductions.items(), key=lambda pair: -pair[1])):
        y = index * (bar_height + gap)
        length = (width - label_width - 60) * points / largest
        rows.append(
            f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end" font-size="13">{escape(titles.get(rule, rule))}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" fill="#b4191b"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 16}" font-size="13">{points:g} 分</text>'
        )
    height = len(deductions) * (bar_height + gap)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="各项扣分" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}">{"".join(rows)}</svg>')  # fmt: skip


def render_html(data: dict[str, Any]) -> str:
    verdict, site, crawl = data["verdict"], data["site"], data["crawl"]
    titles = {finding["rule"]: finding["title"] for finding in verdict["findings"]}
    score = score_text(data)
    css_class = "pass" if verdict["passed"] else "fail"
    rows = []
    for finding in verdict["findings"]:
        evidence = json.dumps(finding["evidence"], ensure_ascii=False, indent=1)
        rows.append(
            f'<tr class="{escape(finding["severity"])}"><td>{escape(_severity(finding["severity"]))}</td>'
            f"<td>{escape(finding['title'])}</td><td>{escape(finding['summary'])}"
            f"<details><summary>证据（{len(finding['evidence'])} 条）</summary><pre>{escape(evidence)}</pre></details></td>"
            f"<td>{finding['points']:g}</td></tr>"
        )
    unchecked = "".join(
        f'<li>{escape(item["reason"])} <span class="muted">{escape(item["url"])}</span></li>'
        for item in verdict["unchecked"]
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>网站检查报告 - {escape(site["name"] or site["url"])}</title>
<style>{STYLE}</style></head><body>
<h1>政府网站检查报告</h1>
<table><tbody>
<tr><th>网站名称</th><td>{escape(site["name"] or "—")}</td><th>网站标识码</th><td>{escape(site["site_code"] or "未找到")}</td></tr>
<tr><th>首页地址</th><td colspan="3">{escape(site["url"])}</td></tr>
<tr><th>检查日期</th><td>{escape(verdict["date"])}</td><th>指标版本</th><td>{escape(verdict["ruleset"])}</td></tr>
<tr><th>抓取页面</th><td>{crawl["pages_fetched"]}</td><th>检查链接</th><td>{crawl["links_checked"]}</td></tr>
</tbody></table>
<p class="result {css_class}">结论：{escape(data["outcome"])}　得分：{escape(score)}</p>
<h2>各项扣分</h2>
{bar_chart(verdict["deductions"], titles)}
<h2>问题清单</h2>
<table><thead><tr><th>类别</th><th>指标</th><th>问题</th><th>扣分</th></tr></thead>
<tbody>{"".join(rows) or '<tr><td colspan="4">未发现问题。</td></tr>'}</tbody></table>
<h2>{escape(verdict["unchecked_label"])}</h2>
<ul>{unchecked or "<li>无</li>"}</ul>
<p class="muted">由 GovSite 按{escape(verdict["ruleset"])}指标自动检查生成；单项否决项须人工复核确认。</p>
</body></html>
"""
