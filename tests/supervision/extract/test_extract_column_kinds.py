import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import shared_data
from govsite.indicators import ColumnKind
from govsite.supervision.extract.column_kinds import infer_column_kind

REALDATA = shared_data.REALDATA
K = ColumnKind

NAMES: dict[str, ColumnKind] = {
    # news
    "动态": K.NEWS,
    "要闻": K.NEWS,
    "政务要闻": K.NEWS,
    "新闻中心": K.NEWS,
    "工作动态": K.NEWS,
    "部门动态": K.NEWS,
    "基层动态": K.NEWS,
    "区县动态": K.NEWS,
    "领导活动": K.NEWS,
    "领导活动及讲话": K.NEWS,
    "图片新闻": K.NEWS,
    "今日关注": K.NEWS,
    "新闻资讯": K.NEWS,
    "监管动态": K.NEWS,
    "新闻发布会及访谈": K.NEWS,
    "视频新闻": K.NEWS,
    "新闻发言人": K.NEWS,
    # notices
    "通知公告": K.NOTICE,
    "公告公示": K.NOTICE,
    "通知": K.NOTICE,
    "公示": K.NOTICE,
    "公告": K.NOTICE,
    "公告通知": K.NOTICE,
    "通告": K.NOTICE,
    # policy
    "政策文件": K.POLICY,
    "文件": K.POLICY,
    "规范性文件": K.POLICY,
    "政府文件": K.POLICY,
    "政策法规": K.POLICY,
    "法规": K.POLICY,
    "政府规章": K.POLICY,
    "市政府文件": K.POLICY,
    # interpretation
    "解读": K.INTERPRETATION,
    "政策解读": K.INTERPRETATION,
    "回应关切": K.INTERPRETATION,
    "解读回应": K.INTERPRETATION,
    "文件解读": K.INTERPRETATION,
    # personnel
    "人事": K.PERSONNEL,
    "人事信息": K.PERSONNEL,
    "任免": K.PERSONNEL,
    "人事任免": K.PERSONNEL,
    "人事任免通知": K.PERSONNEL,
    "招录": K.PERSONNEL,
    "招聘": K.PERSONNEL,
    "招聘公告": K.PERSONNEL,
    "公务员招录": K.PERSONNEL,
    # plan
    "规划": K.PLAN,
    "计划": K.PLAN,
    "规划计划": K.PLAN,
    "发展规划": K.PLAN,
    "工作计划": K.PLAN,
    "计划总结": K.PLAN,
    # statistics
    "统计": K.STATISTICS,
    "数据发布": K.STATISTICS,
    "统计数据": K.STATISTICS,
    "统计信息": K.STATISTICS,
    "统计公报": K.STATISTICS,
    # finance
    "财政": K.FINANCE,
    "预决算": K.FINANCE,
    "预算": K.FINANCE,
    "决算": K.FINANCE,
    "三公经费": K.FINANCE,
    "财政预决算": K.FINANCE,
    "部门预算公开": K.FINANCE,
    # procurement
    "采购": K.PROCUREMENT,
    "招投标": K.PROCUREMENT,
    "政府采购": K.PROCUREMENT,
    "采购公告": K.PROCUREMENT,
    "招标公告": K.PROCUREMENT,
    # topic
    "专题": K.TOPIC,
    "专栏": K.TOPIC,
    "专题专栏": K.TOPIC,
    "优化营商环境专栏": K.TOPIC,
    # overview
    "概况": K.OVERVIEW,
    "简介": K.OVERVIEW,
    "机构职能": K.OVERVIEW,
    "领导信息": K.OVERVIEW,
    "走进巴彦淖尔": K.OVERVIEW,
    "机构概况": K.OVERVIEW,
    "总局领导": K.OVERVIEW,
    "内设机构": K.OVERVIEW,
    # service
    "办事": K.SERVICE,
    "服务": K.SERVICE,
    "办事指南": K.SERVICE,
    "表格下载": K.SERVICE,
    "在线办理": K.SERVICE,
    "办事服务": K.SERVICE,
    "在线服务": K.SERVICE,
    "便民服务": K.SERVICE,
    # interaction
    "互动": K.INTERACTION,
    "互动交流": K.INTERACTION,
    "信箱": K.INTERACTION,
    "市长信箱": K.INTERACTION,
    "咨询": K.INTERACTION,
    "政务咨询": K.INTERACTION,
    "留言": K.INTERACTION,
    "留言选登": K.INTERACTION,
    "征集": K.INTERACTION,
    "意见征集": K.INTERACTION,
    "征求意见": K.INTERACTION,
    "征集结果": K.INTERACTION,
    "调查": K.INTERACTION,
    "网上调查": K.INTERACTION,
    "访谈": K.INTERACTION,
    "在线访谈": K.INTERACTION,
    # other
    "行政许可": K.OTHER,
    "行政处罚": K.OTHER,
    "行政监管措施": K.OTHER,
    "信息公开": K.OTHER,
    "首页": K.OTHER,
    "": K.OTHER,
}


@pytest.mark.parametrize(("name", "kind"), NAMES.items())
def test_kind_from_name(name: str, kind: ColumnKind) -> None:
    assert infer_column_kind(name) == kind


def test_the_table_is_broad() -> None:
    assert len(NAMES) >= 60
    assert {kind for kind in NAMES.values()} == set(ColumnKind)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("【通知公告】", K.NOTICE),
        ("· 工作动态", K.NEWS),
        ("政策解读 >>", K.INTERPRETATION),
        ("更多>>", K.OTHER),
        ("新闻动态 News", K.NEWS),
        ("通知公告 NOTICE", K.NOTICE),
        ("政 策 文 件", K.POLICY),
        ("　人事信息　", K.PERSONNEL),
        ("» 专题专栏 更多+", K.TOPIC),
        ("[政府采购]", K.PROCUREMENT),
        ("Policy Interpretation 政策解读", K.INTERPRETATION),
        ("政务要闻（12）", K.NEWS),
    ],
)
def test_decorations_are_ignored(name: str, kind: ColumnKind) -> None:
    assert infer_column_kind(name) == kind


def test_nfra_in_page_lists_headed_by_real_names() -> None:
    """The headings of the lists on nfra.gov.cn's article pages (read off the page), and its top columns."""
    path = REALDATA / "gov_pages" / "nfra_rendered" / "ground_truth.json"
    if not path.is_file():
        pytest.skip(f"real test data not found at {path}")
    page = next(iter(json.loads(path.read_text()).values()))
    headings = {
        "nav_huilingdao_div_other": ("总局领导", K.OVERVIEW),
        "jianguandongtai": ("监管动态", K.NEWS),
        "lingdaohuodong": ("领导活动及讲话", K.NEWS),
        "xinwenfabu": ("新闻发布会及访谈", K.NEWS),
        "xinwenfayanren": ("新闻发言人", K.NEWS),
        "nav_zhengcejiedu": ("政策解读", K.INTERPRETATION),
        "gonggaotongzhi": ("公告通知", K.NOTICE),
        "renshixinxi": ("人事信息", K.PERSONNEL),
        "nav_xingzhengxuke": ("行政许可", K.OTHER),
        "xingzhengchufa": ("行政处罚", K.OTHER),
        "xingzhengjianguan": ("行政监管措施", K.OTHER),
        "zhengcefagui": ("政策法规", K.POLICY),
        "banshifuwu": ("办事服务", K.SERVICE),
        "nav_liuyanxuandeng_list": ("留言选登", K.INTERACTION),
        "zhengqiuyijian": ("征求意见", K.INTERACTION),
        "tongjixinxi": ("统计信息", K.STATISTICS),
        "zhuantizhuanlanList": ("专题专栏", K.TOPIC),
    }
    lists = page["in_page_lists"]
    assert set(lists) == {*headings, "navItems"}  # 18 lists: 17 headed ones and the top navigation
    for key, (heading, kind) in headings.items():
        assert infer_column_kind(heading) == kind, key
    top = {item["title"]: infer_column_kind(item["title"]) for item in lists["navItems"]}
    assert top == {
        "机构概况": K.OVERVIEW,
        "新闻资讯": K.NEWS,
        "政务信息": K.OTHER,
        "在线服务": K.SERVICE,
        "互动交流": K.INTERACTION,
        "统计数据": K.STATISTICS,
        "专题专栏": K.TOPIC,
    }
    assert infer_column_kind(page["breadcrumb"][1]) == K.OTHER  # 行政处罚


DECORATIONS = [*"【】[]·•»|—", ">>", "更多", "更多+", " ", "\u3000", "News", "MORE"]
decoration = st.lists(st.sampled_from(DECORATIONS), max_size=3).map("".join)


@given(name=st.sampled_from(sorted(NAMES)), before=decoration, after=decoration)
def test_decorations_never_change_the_answer(name: str, before: str, after: str) -> None:
    assert infer_column_kind(before + name + after) == NAMES[name]


@given(name=st.text(max_size=50))
def test_never_raises(name: str) -> None:
    assert isinstance(infer_column_kind(name), ColumnKind)
