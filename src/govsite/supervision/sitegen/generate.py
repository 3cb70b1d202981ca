"""Generate a site model from a `SiteSpec`: columns and their dated items, letters, services, faults.

Every random choice goes through a `random.Random` seeded from the spec and a fixed purpose string, so
a spec gives the same site on every machine and run; each part has its own stream, so adding a fault
of one kind does not reshuffle the rest of the site.
"""

import dataclasses
import datetime
import math
import random

from govsite.demo import corpus
from govsite.indicators.evidence import ColumnKind
from govsite.indicators.inspection import KEY_GUIDE_ELEMENTS, ChannelKind, GuideElement

from .faults import assign_column_faults, plant_faults, words
from .model import (
    LETTERS_PER_PAGE,
    PER_PAGE,
    Attachment,
    Channel,
    Column,
    ColumnRole,
    Family,
    GeneratedSite,
    Guide,
    Item,
    ItemFault,
    Letter,
    OnlineSystem,
    RouteKind,
    SiteIdentity,
    SiteSpec,
    article_path,
    channel_path,
    list_page_count,
    list_path,
    oldest_fresh_date,
    rng_for,
)

DAY = datetime.timedelta(days=1)

# Columns a typical portal has (SPEC §2), in nav order: (name, key, kind, shown on the homepage).
BASE_COLUMNS: tuple[tuple[str, str, ColumnKind, bool], ...] = (
    ("今日要闻", "jryw", ColumnKind.NEWS, True),
    ("部门动态", "bmdt", ColumnKind.NEWS, True),
    ("乡镇动态", "xzdt", ColumnKind.NEWS, False),
    ("通知公告", "tzgg", ColumnKind.NOTICE, True),
    ("公示公告", "gsgg", ColumnKind.NOTICE, False),
    ("政策文件", "zcwj", ColumnKind.POLICY, True),
    ("规范性文件", "gfxwj", ColumnKind.POLICY, False),
    ("政策解读", "zcjd", ColumnKind.INTERPRETATION, True),
    ("人事任免", "rsrm", ColumnKind.PERSONNEL, False),
    ("规划计划", "ghjh", ColumnKind.PLAN, False),
    ("统计数据", "tjsj", ColumnKind.STATISTICS, False),
    ("财政预决算", "czyjs", ColumnKind.FINANCE, False),
    ("政府采购", "zfcg", ColumnKind.PROCUREMENT, False),
    ("机构概况", "jggk", ColumnKind.OVERVIEW, False),
    ("重点项目", "zdxm", ColumnKind.OTHER, False),
)


_CORPUS_KIND: dict[ColumnKind, str] = {kind: kind.value for kind in ColumnKind if kind.value in corpus.KINDS}
_WEIGHT: dict[ColumnKind, float] = {
    ColumnKind.NEWS: 3.0,
    ColumnKind.NOTICE: 2.0,
    ColumnKind.POLICY: 1.5,
    ColumnKind.OVERVIEW: 0.3,
}
# Typical spacing between two items of a column, in days (low, high).
_GAP: dict[ColumnKind, tuple[int, int]] = {
    ColumnKind.NEWS: (0, 3),
    ColumnKind.NOTICE: (2, 12),
    ColumnKind.POLICY: (5, 30),
    ColumnKind.OVERVIEW: (60, 300),
}


def generate(spec: SiteSpec) -> GeneratedSite:
    place = corpus.PLACES[spec.place]
    site = GeneratedSite(
        spec=spec,
        identity=_identity(spec, place),
        columns=_plan_columns(spec, place),
        channels=[],
        guides=[],
        systems=[],
    )
    _fill_columns(site, place)
    site.channels = _channels(site, place)
    site.systems, site.guides = _services(site, place)
    plant_faults(site, place)
    _route(site)
    return site


def _identity(spec: SiteSpec, place: corpus.Place) -> SiteIdentity:
    rng, faults = rng_for(spec, "identity"), spec.faults
    code = f"53{rng.randrange(10**8):08d}"
    road = rng.choice(("人民路", "政府路", "中山路"))
    identity = SiteIdentity(
        site_name=f"{place.government}门户网站",
        site_code=code,
        sponsor=place.office,
        phone=f"0{rng.randint(700, 999)}-{rng.randint(2000000, 8999999)}",
        address=f"{place.name}{road}{rng.randint(1, 199)}号",
        icp_number=f"西ICP备{rng.randint(5000000, 9999999):08d}号",
        police_filing_number=f"西公网安备{code}{rng.randint(10000, 99999)}号",
        has_search=not faults.no_search,
        has_accessibility=not faults.no_accessibility,
    )
    if faults.no_identity:
        identity = dataclasses.replace(identity, site_code="", icp_number="", police_filing_number="")
    return identity


def _plan_columns(spec: SiteSpec, place: corpus.Place) -> list[Column]:
    rng = rng_for(spec, "topics")
    specs = [(name, key, kind, home, ColumnRole.FRESH) for name, key, kind, home in BASE_COLUMNS]
    topics = corpus.topic_names(rng, place, 3)  # the last one is a closed (historical) topic
    for i, topic in enumerate(topics):
        role = ColumnRole.HISTORICAL if i == len(topics) - 1 else ColumnRole.FRESH
        specs.append((topic, f"zt{i + 1}", ColumnKind.TOPIC, False, role))
    # Boundary cases on every site: newest item exactly as old as the cadence allows, still on time.
    specs = [(*s[:4], ColumnRole.AT_LIMIT) if s[1] in ("xzdt", "gfxwj", "tjsj") else s for s in specs]

    columns = []
    for number, (name, key, kind, home, role) in enumerate(assign_column_faults(specs, spec.faults), start=1):
        historical = role is ColumnRole.HISTORICAL
        # numeric_id: Hanweb's columnid; spaced out so that columnid and unitid (id + 1) never collide.
        columns.append(Column(key, name, kind, "", role, [], home, historical, numeric_id=1000 + number * 7))
    return columns


def _fill_columns(site: GeneratedSite, place: corpus.Place) -> None:
    spec = site.spec
    per_page = PER_PAGE[spec.family]
    letters, guides = letter_and_guide_counts(spec)
    fixed = 1 + 3 + 1 + 2 + letters + guides  # homepage, 3 letter lists, guide index, 2 systems
    filled = [c for c in site.columns if c.role is not ColumnRole.EMPTY]
    list_pages = len(site.columns)
    budget = max(len(filled) * 3, spec.pages - fixed - list_pages)
    if spec.family is not Family.HANWEB:  # later list pages are HTML pages too
        budget = max(len(filled) * 3, round(budget / (1 + 1 / per_page)))
    weights = [_WEIGHT.get(c.kind, 1.0) for c in filled]
    total = sum(weights)
    rng = rng_for(spec, "items")
    next_id = 10001
    for column, weight in zip(filled, weights, strict=True):
        count = max(3, math.floor(budget * weight / total))
        newest = _newest_date(site, column, rng)
        low, high = _GAP.get(column.kind, (15, 60))
        day = newest
        for _ in range(count):
            column.items.append(_make_item(site, place, column, next_id, day, rng))
            next_id += 1
            day -= DAY * rng.randint(low, high)
    for column in site.columns:
        column.path = list_path(spec.family, column, 0)


def _newest_date(site: GeneratedSite, column: Column, rng: random.Random) -> datetime.date:
    today, faults = site.today, site.faults
    limit = oldest_fresh_date(column.kind, today)
    if column.role is ColumnRole.AGED:
        if column.on_homepage and faults.homepage_stale_days is not None:
            # All homepage columns share the same newest date: the homepage's newest item is N days old.
            return today - DAY * max(faults.homepage_stale_days, faults.frozen_days or 0)
        return today - DAY * ((faults.frozen_days or 0) + rng.randint(0, 30))
    if column.role is ColumnRole.HISTORICAL:
        return today - DAY * rng.randint(700, 1100)
    if column.role is ColumnRole.AT_LIMIT and limit is not None:
        return limit
    if column.role is ColumnRole.STALE and limit is not None:
        # From one day past the limit (the boundary) to well past it.
        return limit - DAY * rng.choice((1, rng.randint(2, 120)))
    if column.kind is ColumnKind.NEWS:
        return today - DAY * rng.randint(0, 3)
    return today - DAY * rng.randint(
        0, 40 if limit is None or column.kind in (ColumnKind.NOTICE, ColumnKind.POLICY) else 90
    )


def _make_item(
    site: GeneratedSite,
    place: corpus.Place,
    column: Column,
    item_id: int,
    day: datetime.date,
    rng: random.Random,
) -> Item:
    kind = _CORPUS_KIND.get(column.kind, "notice" if column.kind is ColumnKind.OTHER else "news")
    item = Item(
        id=item_id,
        column_key=column.key,
        corpus_kind=kind,
        title="",
        published=day,
        path="",
        source=corpus.source_for(rng, place, kind),
        body_seed=rng.randrange(2**31),
    )
    if kind == "policy":
        draft = corpus.policy_document(random.Random(item.body_seed), place, day, rng.randint(1, 99))
        item.title, item.written = draft.title, draft.written
        item.meta = {
            "索引号": f"{site.identity.site_code[:9]}/{day.year}-{item_id % 100000:05d}",
            "主题分类": draft.subject,
            "发布机构": draft.issuer,
            "成文日期": corpus.date_cn(draft.written),
            "文号": draft.doc_no,
            "发布日期": corpus.date_cn(day),
            "有效性": "现行有效",
            "主题词": "　".join(draft.keywords),
        }
    else:
        topic = column.name if column.kind is ColumnKind.TOPIC else ""
        item.title = corpus.title_for(kind, rng, place, day, topic)
    item.path = article_path(site.spec.family, column, item)
    if kind in ("notice", "policy") and rng.random() < 0.25:
        suffix = rng.choice(("doc", "pdf", "xls"))
        item.attachments.append(
            Attachment(f"/attach/{day:%Y%m}/{item_id}_1.{suffix}", f"附件：{item.title[:18]}.{suffix}")
        )
    return item


def letter_and_guide_counts(spec: SiteSpec) -> tuple[int, int]:
    faults = spec.faults
    letters = max(9, round(spec.pages * 0.08), faults.unanswered_letters + 6)
    guides = (
        0
        if faults.no_services
        else max(6, round(spec.pages * 0.04), faults.empty_guides + faults.guides_missing_elements)
    )
    return letters, guides


_CHANNELS = (
    ("领导信箱", "ldxx", ChannelKind.CONSULTATION),
    ("政务咨询", "zwzx", ChannelKind.CONSULTATION),
    ("投诉举报", "tsjb", ChannelKind.COMPLAINT),
)
_LETTER_TOPICS = words(
    "小区停车位规划 子女入学政策 医保异地报销 农村危房改造补助 道路积水 夜间施工噪音 公积金提取 老旧小区改造 "
    "公交线路调整 养老保险转移 企业开办流程 社保卡补办"
)


def _channels(site: GeneratedSite, place: corpus.Place) -> list[Channel]:
    faults, today = site.faults, site.today
    rng = rng_for(site.spec, "letters")
    total, _ = letter_and_guide_counts(site.spec)
    channels = [
        Channel(
            key,
            name,
            kind,
            f"/hdjl/{key}/index.html",
            works=not faults.no_channels and not (faults.mailbox_image_only and key == "ldxx"),
        )
        for name, key, kind in _CHANNELS
    ]
    consultation = [c for c in channels if c.kind is ChannelKind.CONSULTATION and c.works]
    unanswered = faults.unanswered_letters if consultation else 0
    next_id = 501
    for index in range(total):
        channel = channels[index % len(channels)]
        asked = today - DAY * rng.randint(20, 330)
        answered: datetime.date | None = asked + DAY * rng.randint(1, 12)
        if index < len(consultation):  # near miss: a recent letter still within its 3 months
            channel, asked, answered = consultation[index], today - DAY * rng.randint(3, 20), None
        elif index - len(consultation) < unanswered:  # injected: unanswered well past 3 months
            channel = consultation[index % len(consultation)]
            asked, answered = today - DAY * rng.randint(100, 330), None
        town = rng.choice(place.localities or (place.name,))
        title = rng.choice((f"关于{town}{{t}}的咨询", "{t}问题何时解决？", f"咨询{town}{{t}}相关政策"))
        channel.letters.append(
            Letter(
                next_id,
                channel.key,
                title.format(t=rng.choice(_LETTER_TOPICS)),
                asked,
                answered,
                f"/hdjl/{channel.key}/{next_id}.html",
                rng.randrange(2**31),
            )
        )
        next_id += 1
    for channel in channels:
        channel.letters.sort(key=lambda letter: (letter.asked, letter.id), reverse=True)
    return channels


_SERVICES = words(
    "个体工商户设立登记 建设工程施工许可证核发 城乡居民基本养老保险参保登记 残疾人证办理 生育登记服务 不动产登记 "
    "食品经营许可 公共场所卫生许可 社会团体成立登记 最低生活保障申请 民办学校办学许可 临时救助申请 道路运输经营许可 排水许可"
)


def _services(site: GeneratedSite, place: corpus.Place) -> tuple[list[OnlineSystem], list[Guide]]:
    faults = site.faults
    if faults.no_services:
        return [], []
    rng = rng_for(site.spec, "services")
    systems = [
        OnlineSystem("在线申报", "/zwfw/sb/login.html", works=not faults.dead_online_system),
        OnlineSystem("办事状态查询", "/zwfw/cx/index.html"),
    ]
    _, count = letter_and_guide_counts(site.spec)
    guides = []
    key_elements = sorted(KEY_GUIDE_ELEMENTS - {GuideElement.NAME}, key=list(GuideElement).index)
    for index in range(count):
        name = _SERVICES[index % len(_SERVICES)] + (
            "" if index < len(_SERVICES) else f"（{index // len(_SERVICES) + 1}）"
        )
        elements = _guide_elements(rng, place, name)
        if index < faults.empty_guides:
            elements = dict.fromkeys(elements, "") | {GuideElement.NAME: name}
        elif index < faults.empty_guides + faults.guides_missing_elements:
            for element in rng.sample(key_elements, rng.randint(1, 3)):
                del elements[element]
        guide = Guide(index + 1, name, f"/bsfw/bszn/{index + 1}.html", elements)
        guide.forms.append(
            Attachment(
                f"/bsfw/bgxz/{index + 1}_1.doc", f"{name}申请表.doc", dead=index >= count - faults.dead_forms
            )
        )
        guides.append(guide)
    return systems, guides


def _guide_elements(rng: random.Random, place: corpus.Place, name: str) -> dict[GuideElement, str]:
    law = rng.choice(("《中华人民共和国行政许可法》", "《社会救助暂行办法》", "《市场主体登记管理条例》"))
    return {
        GuideElement.NAME: name,
        GuideElement.BASIS: f"{law}第{rng.randint(5, 40)}条",
        GuideElement.CONDITIONS: f"申请人应为{place.name}辖区内符合条件的自然人、法人或其他组织。",
        GuideElement.MATERIALS: "1.申请表（原件1份）；2.申请人身份证明（复印件1份）；3.其他相关证明材料。",
        GuideElement.PLACE: f"{place.name}政务服务中心{rng.randint(1, 40)}号窗口",
        GuideElement.HOURS: "工作日上午9:00—12:00，下午13:30—17:00（法定节假日除外）",
        GuideElement.CONTACT: f"咨询电话：0{rng.randint(700, 999)}-{rng.randint(2000000, 8999999)}",
        GuideElement.PROCESS: "申请—受理—审查—决定—送达",
        GuideElement.TIME_LIMIT: f"承诺办结时限：{rng.randint(1, 15)}个工作日",
        GuideElement.FEES: "不收费",
        GuideElement.FORMS: "见下方表格下载",
    }


def _route(site: GeneratedSite) -> None:
    family, routes = site.spec.family, site.routes
    routes["/"] = (RouteKind.HOME, site, 0)
    routes["/index.html"] = (RouteKind.HOME, site, 0)
    for column in site.columns:
        for page in range(list_page_count(family, column)):
            routes[list_path(family, column, page)] = (RouteKind.LIST, column, page)
    for item in site.items():
        if item.fault is not ItemFault.DELETED:
            routes[item.path] = (RouteKind.ARTICLE, item, 0)
        routes.update((a.path, (RouteKind.FILE, a, 0)) for a in item.attachments)
    for channel in site.channels:
        if not channel.works:  # no entrance links to it: an image-only mailbox leads nowhere
            continue
        pages = max(1, math.ceil(len(channel.letters) / LETTERS_PER_PAGE))
        for page in range(pages):
            routes[channel_path(channel, page)] = (RouteKind.CHANNEL, channel, page)
        routes.update((letter.path, (RouteKind.LETTER, letter, 0)) for letter in channel.letters)
    if site.guides:
        routes["/bsfw/bszn/index.html"] = (RouteKind.GUIDES, site, 0)
    for guide in site.guides:
        routes[guide.path] = (RouteKind.GUIDE, guide, 0)
        routes.update((form.path, (RouteKind.FILE, form, 0)) for form in guide.forms)
    routes.update((system.path, (RouteKind.SYSTEM, system, 0)) for system in site.systems)
    for name in ("logo.png", "ldxx.png", "zwzx.png", "tsjb.png", "dzjg.png"):
        routes[f"/images/{name}"] = (RouteKind.IMAGE, name, 0)
    # A dead thing answers 404: it is simply not routed (but stays in the model, for the truth).
    for path in [p for p, (kind, target, _n) in routes.items() if getattr(target, "dead", False)]:
        del routes[path]
