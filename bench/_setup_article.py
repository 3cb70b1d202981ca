"""Setup step of ``serve_article.py``, run in its own process with the benchmark's environment.

Migrates the database named by ``DATABASE_URL``, replaces its sites by one provincial portal with a news
column and one article of realistic length, collects the static files and prints one JSON line:
the article's path, its title, the SQL queries, in-process time and ORM share of one render.
"""

from __future__ import annotations

import cProfile
import datetime
import json
import os
import pstats
import statistics
import time
from collections.abc import Callable
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govsite.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from govsite.cluster.models import SiteKind, SiteLevel, SiteProfile  # noqa: E402
from govsite.columns.models import ColumnPage  # noqa: E402
from govsite.content.models import ArticlePage, HomePage  # noqa: E402

TITLE = "西地省人民政府召开第十二次常务会议 研究部署优化营商环境和稳就业等工作"
SOURCE = "西地省人民政府办公厅"
AUTHOR = "省政府新闻办"
PARAGRAPHS = [
    "11月20日，省长主持召开省人民政府第十二次常务会议，传达学习国务院常务会议精神，听取全省前三季度经济运行情况汇报，"
    "研究部署优化营商环境、稳就业保民生、安全生产和冬春季森林防火等工作，审议通过《西地省优化营商环境条例实施细则（草案）》"
    "和《西地省促进高校毕业生等青年就业若干措施》。副省长、省政府秘书长出席会议，省直有关部门主要负责同志列席会议。",
    "会议指出，今年以来，全省上下坚持稳中求进工作总基调，统筹推进经济社会发展各项工作，主要经济指标保持在合理区间，"
    "地区生产总值同比增长百分之五点三，规模以上工业增加值增长百分之六点一，固定资产投资增长百分之四点八，"
    "社会消费品零售总额增长百分之五点六，城镇新增就业四十二点三万人，居民人均可支配收入稳步提高，"
    "经济运行呈现稳中有进、进中向好的态势。同时也要清醒看到，外部环境复杂多变，部分行业和企业生产经营仍较困难，"
    "稳增长、稳就业、防风险任务依然艰巨。",
    "会议强调，优化营商环境是激发市场主体活力、推动高质量发展的关键之举。要对标国内先进地区，持续深化“放管服”改革，"
    "全面推行证明事项告知承诺制，推动更多政务服务事项“一网通办”“跨省通办”，企业开办时间压缩至一个工作日以内，"
    "工程建设项目审批时间压缩至六十个工作日以内。要规范涉企行政检查，推行“综合查一次”，坚决纠正乱收费、乱罚款、乱摊派，"
    "依法平等保护各类市场主体产权和合法权益。要加快建设全省一体化政务服务平台，推进电子证照扩大应用和全省互认，"
    "让数据多跑路、群众少跑腿。",
    "会议要求，要把稳就业摆在更加突出的位置，落实落细减负稳岗扩就业政策措施。要拓宽高校毕业生就业渠道，"
    "稳定机关事业单位招录招聘规模，扩大国有企业招聘规模，支持中小微企业吸纳就业，开发一批科研助理和基层服务岗位。"
    "要加强农民工等重点群体就业帮扶，持续开展“春风行动”“就业援助月”等专项服务活动，"
    "对零就业家庭、残疾人等困难群体实施动态清零。要强化职业技能培训，全年完成补贴性职业技能培训三十万人次以上。",
    "会议指出，安全生产事关人民群众生命财产安全，必须坚持人民至上、生命至上。要压紧压实地方党政领导责任、"
    "部门监管责任和企业主体责任，深入开展安全生产大检查，聚焦危险化学品、矿山、道路交通、建筑施工、燃气、消防等重点行业领域，"
    "全面排查整治各类风险隐患。进入冬春季节，森林防火形势严峻，要严格落实野外火源管控措施，加强巡山护林和监测预警，"
    "做好扑火队伍、物资装备等各项准备，确保发现早、处置快、不成灾。",
    "会议审议通过《西地省优化营商环境条例实施细则（草案）》。会议认为，制定实施细则是贯彻落实条例的重要举措，"
    "对于固化改革成果、稳定市场预期具有重要意义。细则围绕市场主体保护、市场环境、政务服务、监管执法和法治保障等方面，"
    "细化了一百二十余项具体措施。会议要求，有关部门要根据会议讨论意见进一步修改完善，按程序报批后尽快印发实施，"
    "同步做好政策解读和宣传培训，确保各项规定落地见效。",
    "会议强调，要切实做好今冬明春保障群众温暖过冬工作。要加强煤炭、天然气等能源产供储销体系建设，"
    "督促供热企业提前做好设备检修和燃料储备，确保按时足额供暖。要做好困难群众基本生活保障，"
    "及时足额发放低保金、特困人员救助供养金和临时救助金，开展冬春救助需求摸底排查，确保困难群众有饭吃、有衣穿、有房住、"
    "有干净水喝。要加强重要民生商品保供稳价，密切监测市场价格变化，保障节日期间市场供应充足。",
    "会议还研究了其他事项。会议要求，各地各部门要坚持目标导向和问题导向，对照年度目标任务逐项梳理、查漏补缺，"
    "以时不我待的紧迫感和只争朝夕的精气神，全力冲刺四季度，确保全面完成全年经济社会发展目标任务，"
    "为明年经济社会发展打下坚实基础。",
]


def build_site() -> ArticlePage:
    """One portal (home page, news column, article) as the only and default Wagtail site."""
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for page in root.get_children():
        page.delete()
    home = root.add_child(instance=HomePage(title="西地省人民政府", slug="home"))
    site = Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="西地省人民政府门户网站",
    )
    SiteProfile.objects.create(
        site=site,
        level=SiteLevel.PROVINCE,
        kind=SiteKind.PORTAL,
        site_code="4300000001",
        sponsor="西地省人民政府办公厅",
        contact_phone="0000-00000000",
        icp_number="湘ICP备05000001号",
        police_filing_number="湘公网安备43010002000001号",
    )
    column = home.add_child(instance=ColumnPage(title="工作动态", kind="news", show_in_menus=True))
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    article = ArticlePage(
        title=TITLE, date=datetime.date(2026, 11, 20), source=SOURCE, author=AUTHOR, body=body
    )
    return column.add_child(instance=article)


def measure_render(path: str, host: str, renders: int = 50) -> tuple[int, float, float]:
    """SQL queries and time (ms) in the database driver of one render, and the median in-process time (ms)
    of ``renders`` renders, without an HTTP server."""
    client = Client(HTTP_HOST=host)
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"in-process GET {path} answered {response.status_code}")
    # Django empties connection.queries at every request start, so count through an execute wrapper.
    durations: list[float] = []

    def count(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            durations.append((time.perf_counter() - start) * 1000)

    with connection.execute_wrapper(count):
        client.get(path)
    timings = []
    for _ in range(renders):
        start = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    return len(durations), sum(durations), statistics.median(timings)


def orm_share(path: str, host: str, renders: int = 50) -> float:
    """Share of a render's time spent in the ORM's SQLCompiler.execute_sql (building and running the SQL)."""
    client = Client(HTTP_HOST=host)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(renders):
        client.get(path)
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in stats.values())
    in_orm = sum(
        entry[3]
        for (filename, _line, function), entry in stats.items()
        if function == "execute_sql" and filename.endswith(os.path.join("sql", "compiler.py"))
    )
    return in_orm / total if total else 0.0


def main() -> None:
    call_command("migrate", interactive=False, verbosity=0)
    article = build_site()
    call_command("collectstatic", interactive=False, verbosity=0)
    path = article.get_url()
    body_chars = sum(len(paragraph) for paragraph in PARAGRAPHS)
    queries, database_ms, render_ms = measure_render(path, host="127.0.0.1")
    orm = orm_share(path, host="127.0.0.1")
    print(
        json.dumps(
            {
                "path": path,
                "title": TITLE,
                "body_chars": body_chars,
                "queries": queries,
                "database_ms": round(database_ms, 2),
                "render_ms": round(render_ms, 2),
                "orm_share": round(orm, 3),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
