from typing import Any

from govsite.supervision.reports.render import score_text


def render_text(data: dict[str, Any]) -> str:
    verdict, site, crawl = data["verdict"], data["site"], data["crawl"]
    score = score_text(data)
    lines = [
        f"网站：{site['name'] or site['url']}  {site['url']}",
        f"网站标识码：{site['site_code'] or '未找到'}",
        f"检查日期：{verdict['date']}   指标：{verdict['ruleset']}",
        f"结论：{data['outcome']}   得分：{score}",
        f"抓取页面 {crawl['pages_fetched']} 个，检查链接 {crawl['links_checked']} 个，栏目 {crawl['columns']} 个",
        "",
    ]
    for finding in verdict["findings"]:
        points = f"（扣 {finding['points']:g} 分）" if finding["points"] else ""
        lines.append(f"[{_severity(finding['severity'])}] {finding['title']}：{finding['summary']}{points}")
    if verdict["unchecked"]:
        lines += ["", f"{verdict['unchecked_label']}："]
        lines += [f"  - {item['reason']}  {item['url']}" for item in verdict["unchecked"]]
    return "\n".join(lines) + "\n"


def _severity(code: str) -> str:
    return {"veto": "单项否决", "deduction": "扣分", "warning": "预警", "info": "提示"}.get(code, code)
