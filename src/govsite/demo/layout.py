"""The shape of the demo cluster: sites, their columns, how many items each holds and how fresh it is.

Data, not code: a few columns are deliberately stale or empty so the editor dashboard has work to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ColumnSpec:
    title: str
    kind: str
    items: int = 0  # at full scale
    newest_days_ago: int = 1  # age of the newest item; deliberately large for stale columns
    children: tuple[ColumnSpec, ...] = ()
    in_menu: bool = False


@dataclass(frozen=True)
class SiteSpec:
    key: str  # key into corpus.PLACES
    subdomain: str  # "" for the portal, served as the default site
    site_name: str
    level: str
    kind: str
    parent: str | None
    site_code: str
    sponsor: str
    organizer: str
    phone: str
    email: str
    address: str
    icp: str
    police: str
    overrides: dict[str, tuple[int, int]] = field(
        default_factory=dict
    )  # column title → (items, newest_days_ago)


def standard_columns(
    overrides: dict[str, tuple[int, int]], *, department: bool = False
) -> tuple[ColumnSpec, ...]:
    """The usual columns of a local government site (SPEC §2), with per-site counts and freshness.

    ``overrides`` maps a column title to (items at full scale, age in days of the newest item).
    """

    def col(title: str, kind: str, items: int, newest: int, in_menu: bool = False) -> ColumnSpec:
        items, newest = overrides.get(title, (items, newest))
        return ColumnSpec(title, kind, items, newest, in_menu=in_menu)

    news = ColumnSpec("政务动态", "other", in_menu=True, children=(
        col("工作动态", "news", 110, 1),
        col("处室动态" if department else "部门动态", "news", 70, 2),
        col("市县教育" if department else "基层动态", "news", 50, 3),
        col("领导活动", "news", 25, 5),
    ))  # fmt: skip
    disclosure = ColumnSpec("政府信息公开", "other", in_menu=True, children=(
        col("通知公告", "notice", 40, 6),
        col("政策文件", "policy", 28, 20),  # before 政策解读: interpretations link to these documents
        col("政策解读", "interpretation", 14, 18),
        col("人事信息", "personnel", 12, 40),
        col("规划计划", "plan", 6, 90),
        col("统计数据", "statistics", 20, 25),
        col("财政信息", "finance", 8, 60),
        col("政府采购", "procurement", 16, 9),
    ))  # fmt: skip
    topics = ColumnSpec("专题专栏", "other", in_menu=True)  # filled with topics from the corpus
    overview = ColumnSpec("走进本地", "overview", in_menu=True)  # filled with the place's overview pages
    # 办事服务 and 互动交流 come with the services and interaction apps, which bring their own page types.
    return news, disclosure, topics, overview


SITES: tuple[SiteSpec, ...] = (
    SiteSpec(
        key="province",
        subdomain="",
        site_name="西地省人民政府门户网站",
        level="province",
        kind="portal",
        parent=None,
        site_code="4300000001",
        sponsor="西地省人民政府办公厅",
        organizer="西地省大数据中心",
        phone="0000-12345",
        email="webmaster@xidi.example.cn",
        address="西地省西州市人民路1号",
        icp="湘ICP备05000001号",
        police="湘公网安备43010002000001号",
        overrides={"规划计划": (6, 363)},  # 12-month cadence, due in 2 days: a "due soon" row
    ),
    SiteSpec(
        key="city_yunchuan",
        subdomain="yunchuan",
        site_name="云川市人民政府",
        level="city",
        kind="portal",
        parent="province",
        site_code="4301000001",
        sponsor="云川市人民政府办公室",
        organizer="云川市政务服务数据管理局",
        phone="0000-23456",
        email="web@yunchuan.example.cn",
        address="云川市新城区政府路8号",
        icp="湘ICP备05000002号-1",
        police="湘公网安备43010202000002号",
        overrides={"领导活动": (25, 13)},
    ),
    SiteSpec(
        key="city_linjiang",
        subdomain="linjiang",
        site_name="临江市人民政府",
        level="city",
        kind="portal",
        parent="province",
        site_code="4302000001",
        sponsor="临江市人民政府办公室",
        organizer="临江市大数据中心",
        phone="0000-34567",
        email="web@linjiang.example.cn",
        address="临江市滨江大道66号",
        icp="湘ICP备05000003号",
        police="湘公网安备43020202000003号",
        overrides={"基层动态": (30, 41), "人事信息": (0, 0), "统计数据": (0, 0)},
    ),
    SiteSpec(
        key="county_qingshan",
        subdomain="qingshan",
        site_name="青山县人民政府",
        level="county",
        kind="portal",
        parent="city_yunchuan",
        site_code="4301210001",
        sponsor="青山县人民政府办公室",
        organizer="青山县融媒体中心",
        phone="0000-45678",
        email="web@qingshan.example.cn",
        address="青山县城关镇解放路2号",
        icp="湘ICP备05000004号",
        police="湘公网安备43012102000004号",
        overrides={
            "部门动态": (20, 33),
            "通知公告": (15, 230),
            "政策文件": (8, 300),
            "规划计划": (0, 0),
            "财政信息": (0, 0),
            "政府采购": (6, 400),
            "工作动态": (60, 2),
        },
    ),
    SiteSpec(
        key="dept_education",
        subdomain="jyt",
        site_name="西地省教育厅",
        level="province",
        kind="department",
        parent="province",
        site_code="4300000002",
        sponsor="西地省教育厅",
        organizer="西地省教育信息中心",
        phone="0000-56789",
        email="web@jyt.xidi.example.cn",
        address="西地省西州市教育街10号",
        icp="湘ICP备05000005号",
        police="湘公网安备43010002000005号",
        overrides={
            "工作动态": (60, 12),
            "处室动态": (30, 4),
            "市县教育": (25, 6),
            "领导活动": (10, 8),
            "政府采购": (10, 15),
            "统计数据": (8, 40),
        },
    ),
)
