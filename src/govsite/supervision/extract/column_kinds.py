"""The kind of a column (栏目) read from its name, as an inspector would read a site's navigation.

The kind decides how fresh a column must be (news: two weeks; notices and policies: six months), so a
wrong guess changes the verdict. Names combine words freely (人事任免通知, 政府采购公告, 政策解读), so the
rules below are tried in order, the most specific first: a name is what its narrowest word says.
"""

import re

from govsite.indicators import ColumnKind

from .text import fold_width

__all__ = ["infer_column_kind"]

# (kind, words): the first kind with a word in the name wins. Keep the narrow kinds above the broad
# ones: 解读 before 政策, 人事/采购/财政/统计 before 通知公告, news before 领导 (领导活动 is news,
# 领导信息 is overview).
_RULES: tuple[tuple[ColumnKind, tuple[str, ...]], ...] = (
    (ColumnKind.INTERPRETATION, ("解读", "回应关切", "答记者问", "图解")),
    (ColumnKind.PERSONNEL, ("人事", "任免", "招录", "招聘", "招考", "考录", "遴选")),
    (ColumnKind.PROCUREMENT, ("采购", "招投标", "招标", "中标", "公共资源交易")),
    (ColumnKind.FINANCE, ("财政", "预决算", "预算", "决算", "三公经费", "专项资金")),
    (ColumnKind.STATISTICS, ("统计", "数据发布", "数据解读", "数据查询", "经济数据")),
    (ColumnKind.PLAN, ("规划", "计划", "总结")),
    (ColumnKind.TOPIC, ("专题", "专栏")),
    # A press column (新闻发布会及访谈) reports, it does not take questions from the public.
    (ColumnKind.NEWS, ("新闻发布", "发布会")),
    (ColumnKind.INTERACTION, ("互动", "信箱", "咨询", "留言", "征集", "征求意见", "调查", "访谈",
                              "投诉", "举报", "民意", "问政", "建言", "12345")),
    (ColumnKind.NOTICE, ("通知", "公告", "公示", "通告")),
    (ColumnKind.POLICY, ("政策", "文件", "法规", "规章", "规范性", "公文", "政府令", "决定命令")),
    (ColumnKind.NEWS, ("动态", "要闻", "新闻", "资讯", "活动", "关注", "快讯", "头条", "讲话",
                       "视频", "图片", "聚焦", "热点")),
    (ColumnKind.OVERVIEW, ("概况", "简介", "机构职能", "职能", "领导", "走进", "机构设置", "概览",
                           "区情", "市情", "县情", "省情", "内设机构")),
    (ColumnKind.SERVICE, ("办事", "服务", "指南", "表格", "下载", "办理", "便民", "查询", "政务服务")),
)  # fmt: skip

# Decorations around a name in navigation and list headings: brackets, bullets, arrows, "更多",
# English subtitles (新闻动态 News), counts. None of them carries meaning.
_DECORATION = re.compile(r"更多|[A-Za-z]+|[\s\W_]+")


def infer_column_kind(name: str) -> ColumnKind:
    """The kind of the column named ``name``; OTHER when the name says nothing the rules know."""
    core = _DECORATION.sub("", fold_width(name))
    for kind, words in _RULES:
        if any(word in core for word in words):
            return kind
    return ColumnKind.OTHER
