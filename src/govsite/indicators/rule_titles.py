"""Official Chinese names of the indicator items, for reports (rule codes are stable English keys)."""

RULE_TITLES: dict[str, str] = {
    "site_unreachable": "站点无法访问",
    "homepage_not_updated": "首页不更新",
    "columns_not_updated": "栏目不更新",
    "poor_interaction": "互动回应差",
    "services_not_practical": "服务不实用",
    "security_serious_error": "严重表述错误及安全问题",
    "homepage_availability": "首页可用性",
    "broken_links": "链接可用性",
    "homepage_update_volume": "首页信息更新量",
    "slow_answers": "咨询答复时效",
    "service_guides_incomplete": "办事指南要素",
    "dead_attachments": "附件下载",
    "dead_online_systems": "在线办事系统",
    "twin_articles": "重复信息（双胞胎稿件）",
    "metadata_inaccurate": "元数据准确性",
    "improper_content": "不当表述",
}


def rule_title(code: str) -> str:
    return RULE_TITLES.get(code, code)
