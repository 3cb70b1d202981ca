"""Deterministic generator of Chinese local-government website content.

Pure Python (no Django).  Every random choice goes through the ``random.Random``
passed in, and all data is iterated in a fixed order (tuples and insertion-ordered
dicts, never sets, never ``hash()``), so a given seed produces the same pages on
every machine.  All templates and word lists are original (see
:mod:`govsite.demo.wordlists`); no real document is reproduced, and every person,
company, phone number and address is fictional.

Body paragraphs come in two sorts:

* *content* paragraphs: contain "。" and are 60–250 characters long;
* *structural* lines (see :func:`is_structural_line`): short lines with no "。"
  such as the salutation ``各有关单位：``, section headings ``一、总体要求``,
  the signature ``云川市人民政府办公室　2026年3月5日`` and ``（此件公开发布）``,
  plus the closings ``特此通知。`` / ``特此公告。`` etc.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from govsite.demo import wordlists as wl
from govsite.demo.wordlists import KEY_PHRASES

__all__ = [
    "CLOSINGS",
    "DEFAULT_YEAR",
    "KEY_PHRASES",
    "KINDS",
    "PLACES",
    "Place",
    "PolicyDraft",
    "author_for",
    "body_paragraphs",
    "date_cn",
    "dept_name",
    "finance_title",
    "interpretation_for",
    "is_historical_topic",
    "is_structural_line",
    "news_title",
    "notice_title",
    "overview_pages",
    "person_name",
    "personnel_title",
    "plan_title",
    "policy_document",
    "procurement_title",
    "signature_line",
    "source_for",
    "statistics_title",
    "title_for",
    "topic_item_title",
    "topic_names",
]

#: Column kinds understood by :func:`title_for` and :func:`body_paragraphs`.
KINDS: tuple[str, ...] = (
    "news",
    "notice",
    "policy",
    "interpretation",
    "personnel",
    "plan",
    "statistics",
    "finance",
    "procurement",
    "topic",
    "overview",
)

#: Year used by title functions called without a date.
DEFAULT_YEAR = 2025

#: Closing lines of notices, announcements and reports.
CLOSINGS: tuple[str, ...] = ("特此通知。", "特此公告。", "特此通报。", "特此公示。", "特此通告。")

MIN_PARA = 60
MAX_PARA = 250
_SEP = "\u3000"  # full-width space between issuer and date in a signature line
_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_CN_NUM = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")

# ---------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """A government body that runs one site of the demo cluster."""

    name: str  # 云川市
    short: str  # 云川
    government: str  # 云川市人民政府
    level: str  # "province" | "city" | "county" | "department"
    doc_prefixes: tuple[str, ...]  # 云政发, 云政办发, 云政函
    departments: tuple[str, ...]  # 云川市教育局 …
    towns: tuple[str, ...]  # 乡镇/街道
    leaders: tuple[tuple[str, str], ...]  # ("王建国", "市长"), …
    key: str = ""  # key in PLACES
    parent: str = ""  # 西地省 for a city, 云川市 for 青山县
    dept_keys: tuple[str, ...] = ()  # parallel to ``departments`` (wordlists keys)
    districts: tuple[str, ...] = ()  # subordinate areas (cities, counties, schools)
    newspaper: str = ""  # 云川日报
    proc_code: str = "DEMO"  # ASCII prefix of procurement project numbers

    @property
    def unit(self) -> str:
        """省 / 市 / 县 (the department works province-wide: 省)."""
        return {"province": "省", "city": "市", "county": "县"}.get(self.level, "省")

    @property
    def scope(self) -> str:
        return "全省教育系统" if self.level == "department" else f"全{self.unit}"

    @property
    def gov_short(self) -> str:
        return "省教育厅" if self.level == "department" else f"{self.unit}政府"

    @property
    def direct(self) -> str:
        return "厅直" if self.level == "department" else f"{self.unit}直"

    @property
    def subs(self) -> str:
        return {"province": "市州", "city": "县市区", "county": "乡镇（街道）"}.get(self.level, "市州教育局")

    @property
    def office(self) -> str:
        if self.level == "province":
            return f"{self.government}办公厅"
        return f"{self.government}办公室"

    @property
    def approve(self) -> str:
        return "经厅党组会议研究同意" if self.level == "department" else f"经{self.unit}人民政府同意"

    @property
    def party_org(self) -> str:
        return (
            f"中共{self.government}党组"
            if self.level == "department"
            else f"中共{self.name[:-1]}{self.unit}委组织部"
        )

    @property
    def owner(self) -> str:
        """Prefix of documents the body issues (西地省… for the department)."""
        return self.parent if self.level == "department" and self.parent else self.name

    @property
    def localities(self) -> tuple[str, ...]:
        return self.towns + self.districts

    @property
    def salutation(self) -> str:
        return {
            "province": "各市州人民政府，省政府各厅委、各直属机构：",
            "city": "各县市区人民政府，市政府各工作部门、各直属机构：",
            "county": "各乡镇人民政府、街道办事处，县政府各工作部门：",
        }.get(self.level, "各市州教育局，厅机关各处室、直属各单位：")


def _gov_departments(
    prefix: str, level: str, county_eco: str = ""
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    names: list[str] = []
    keys: list[str] = []
    for spec in wl.DEPT_SPECS:
        base = {"province": spec.province, "city": spec.city, "county": spec.county}[level]
        if level == "county" and spec.key == "eco" and county_eco:
            names.append(county_eco)
        else:
            names.append(f"{prefix}{base}")
        keys.append(spec.key)
    return tuple(names), tuple(keys)


def _build_places() -> dict[str, Place]:
    p_names, p_keys = _gov_departments("西地省", "province")
    y_names, y_keys = _gov_departments("云川市", "city")
    l_names, l_keys = _gov_departments("临江市", "city")
    q_names, q_keys = _gov_departments("青山县", "county", county_eco="云川市生态环境局青山分局")
    e_names = tuple(name if affiliated else f"西地省教育厅{name}" for _k, name, affiliated in wl.EDU_UNITS)
    e_names = tuple(f"西地省{n}" if not n.startswith("西地省") else n for n in e_names)
    e_keys = tuple(k for k, _n, _a in wl.EDU_UNITS)
    return {
        "province": Place(
            name="西地省",
            short="西地",
            government="西地省人民政府",
            level="province",
            doc_prefixes=("西政发", "西政办发", "西政办函"),
            departments=p_names,
            towns=(),
            leaders=(
                ("李振华", "省长"),
                ("陈立新", "常务副省长"),
                ("周文静", "副省长"),
                ("赵启明", "副省长"),
                ("孙海涛", "副省长"),
            ),
            key="province",
            dept_keys=p_keys,
            districts=("云川市", "临江市", "北原市", "东岚市", "南屏市", "石渡市", "安澜市"),
            newspaper="西地日报",
            proc_code="XDCG",
        ),
        "city_yunchuan": Place(
            name="云川市",
            short="云川",
            government="云川市人民政府",
            level="city",
            doc_prefixes=("云政发", "云政办发", "云政函"),
            departments=y_names,
            towns=("城东街道", "滨河街道", "望云街道", "石桥镇", "白沙镇", "新塘镇"),
            leaders=(
                ("王建国", "市长"),
                ("张卫东", "常务副市长"),
                ("林秀芳", "副市长"),
                ("何志强", "副市长"),
            ),
            key="city_yunchuan",
            parent="西地省",
            dept_keys=y_keys,
            districts=("云城区", "川东区", "望云区", "青山县", "白马县", "松溪县"),
            newspaper="云川日报",
            proc_code="YCCG",
        ),
        "city_linjiang": Place(
            name="临江市",
            short="临江",
            government="临江市人民政府",
            level="city",
            doc_prefixes=("临政发", "临政办发", "临政函"),
            departments=l_names,
            towns=("江滨街道", "北门街道", "东津街道", "柳湾镇", "枫桥镇", "双港镇"),
            leaders=(
                ("徐明远", "市长"),
                ("郑晓燕", "常务副市长"),
                ("黄德胜", "副市长"),
                ("罗俊峰", "副市长"),
            ),
            key="city_linjiang",
            parent="西地省",
            dept_keys=l_keys,
            districts=("江南区", "江北区", "枫林县", "清水县", "河口县", "沙洲市"),
            newspaper="临江日报",
            proc_code="LJCG",
        ),
        "county_qingshan": Place(
            name="青山县",
            short="青山",
            government="青山县人民政府",
            level="county",
            doc_prefixes=("青政发", "青政办发", "青政函"),
            departments=q_names,
            towns=("青山镇", "石门镇", "龙泉镇", "云岭镇", "松坪乡", "桃源乡", "城南街道"),
            leaders=(
                ("刘春生", "县长"),
                ("吴丽萍", "常务副县长"),
                ("马俊杰", "副县长"),
                ("唐志刚", "副县长"),
            ),
            key="county_qingshan",
            parent="云川市",
            dept_keys=q_keys,
            newspaper="青山县融媒体中心",
            proc_code="QSCG",
        ),
        "dept_education": Place(
            name="西地省教育厅",
            short="省教育厅",
            government="西地省教育厅",
            level="department",
            doc_prefixes=("西教发", "西教通", "西教函"),
            departments=e_names,
            towns=(),
            leaders=(
                ("杨国栋", "厅长"),
                ("许静怡", "副厅长"),
                ("高志远", "副厅长"),
                ("彭晓东", "一级巡视员"),
            ),
            key="dept_education",
            parent="西地省",
            dept_keys=e_keys,
            districts=(
                "云川市教育局",
                "临江市教育局",
                "北原市教育局",
                "西地大学",
                "西地师范大学",
                "西地职业技术学院",
            ),
            newspaper="西地教育报",
            proc_code="XJCG",
        ),
    }


#: The five bodies of the demo cluster.
PLACES: dict[str, Place] = _build_places()

# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def date_cn(d: date) -> str:
    """2026年3月5日 (no zero padding)."""
    return f"{d.year}年{d.month}月{d.day}日"


def signature_line(issuer: str, d: date) -> str:
    """The signature line closing a document: issuer and date."""
    return f"{issuer}{_SEP}{date_cn(d)}"


def is_structural_line(text: str) -> bool:
    """True for salutations, headings, signatures and closings (may be short)."""
    return text in CLOSINGS or (len(text) < MIN_PARA and "。" not in text)


def person_name(rng: random.Random) -> str:
    """A fictional two- or three-character Chinese name."""
    while True:
        surname = rng.choice(wl.SURNAMES)
        if rng.random() < 0.8:
            given = rng.choice(wl.GIVEN_FIRST) + rng.choice(wl.GIVEN_SECOND)
        else:
            given = rng.choice(wl.GIVEN_SECOND)
        name = surname + given
        if name not in wl.NAME_BLACKLIST:
            return name


def author_for(rng: random.Random) -> str:
    """A fictional editor name (责任编辑)."""
    return person_name(rng)


def _phone(rng: random.Random) -> str:
    """An obviously fictional phone number (area code 0000)."""
    return f"0000-000{rng.randint(1000, 9999)}"


def dept_name(place: Place, key: str) -> str:
    """Full name of the place's department with wordlists key ``key`` (office if unknown)."""
    if key and key in place.dept_keys:
        return place.departments[place.dept_keys.index(key)]
    if place.level == "department" and key == "edu":
        return place.government
    return place.office


def _dept_short(place: Place, full: str) -> str:
    """市发展改革委 style short name used as 来源."""
    if place.level == "department" or not full.startswith(place.name):
        return full
    rest = full[len(place.name) :]
    for old, new in (
        ("发展和改革委员会", "发展改革委"),
        ("人力资源和社会保障", "人力资源社会保障"),
        ("卫生健康委员会", "卫生健康委"),
        ("住房和城乡建设", "住房城乡建设"),
        ("人民政府办公厅", "政府办公厅"),
        ("人民政府办公室", "政府办公室"),
    ):
        rest = rest.replace(old, new)
    return f"{place.unit}{rest}"


def _join(head: str, tail: str) -> str:
    """Concatenate avoiding a doubled overlap (预算绩效管理 + 管理办法 -> 预算绩效管理办法)."""
    for k in (3, 2):
        if len(head) > k and head.endswith(tail[:k]):
            return head + tail[k:]
    return head + tail


def _pick_loc(rng: random.Random, place: Place, exclude: Sequence[str] = ()) -> str:
    pool = [x for x in place.localities if x not in exclude] or list(place.localities) or [place.name]
    return rng.choice(pool)


_DEPT_EXTRA_SUBJECTS: tuple[tuple[str, str], ...] = tuple(
    (phrase, "bgs")
    for phrase, _k in wl.FOCUS_SUBJECTS
    if phrase.startswith(("政府网站", "政务服务", "数字政府"))
)


def _subject(rng: random.Random, place: Place, focus: float = 0.45) -> tuple[str, str]:
    """(work subject, department key) for a title."""
    if place.level == "department":
        if rng.random() < 0.15:
            return rng.choice(_DEPT_EXTRA_SUBJECTS)
        return rng.choice(wl.EDU_SUBJECTS)
    if rng.random() < focus:
        return rng.choice(wl.FOCUS_SUBJECTS)
    return rng.choice(wl.GENERAL_SUBJECTS)


_EDU_PLAN_DOMAINS: tuple[str, ...] = (
    "教育事业发展",
    "教育数字化",
    "学前教育发展提升",
    "现代职业教育体系建设",
    "教师队伍建设",
    "学生资助工作",
    "县域普通高中振兴",
    "教育督导评估",
)

_ALL_SUBJECTS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        wl.FOCUS_SUBJECTS
        + wl.GENERAL_SUBJECTS
        + wl.EDU_SUBJECTS
        + tuple((t.subject, "") for t in wl.TOPICS)
        + tuple((d, "") for d in wl.PLAN_DOMAINS + _EDU_PLAN_DOMAINS)
        + (("政府信息公开", ""), ("政府决算", "fin"), ("政府债务", "fin")),
        key=lambda item: -len(item[0]),
    )
)


def _find_subject(place: Place, text: str) -> tuple[str, str] | None:
    """The longest known subject occurring in ``text``."""
    for phrase, key in _ALL_SUBJECTS:
        if phrase in text:
            if place.level == "department" and key not in place.dept_keys:
                key = "bgs"
            return phrase, key
    return None


def _topic_for_text(text: str, place: Place | None = None) -> wl.PolicyTopic | None:
    """The policy theme a title is about; the place's own themes are tried first."""
    own = _policy_topics(place) if place else []
    candidates = own + [t for t in wl.POLICY_TOPICS if t not in own]
    for topic in candidates:
        if any(x in text for x in topic.plans + topic.actions):
            return topic
    for topic in candidates:
        if topic.phrase in text:
            return topic
    for topic in candidates:
        if any(k in text for k in topic.keywords):
            return topic
    return None


def _number(rng: random.Random, key: str) -> str:
    if key == "n1":
        return str(rng.randint(3, 30))
    if key == "n2":
        return str(rng.randint(20, 300))
    if key == "n3":
        return str(rng.randint(1000, 60000))
    if key == "p1":
        return f"{rng.randint(600, 999) / 10:.1f}"
    if key == "p2":
        return f"{rng.randint(900, 999) / 10:.1f}"
    if key == "pct":
        return f"{rng.randint(5, 150) / 10:.1f}"
    if key == "small":
        return f"{rng.randint(1, 30) / 10:.1f}"
    if key == "amt":
        return f"{rng.randint(10, 980) / 10:.1f}"
    if key == "wan":
        return f"{rng.randint(10, 9999) / 10:.1f}"
    if key == "tenk":
        return f"{rng.randint(100, 999) / 10:.1f}"
    if key == "yuan":
        return str(rng.randint(8000, 45000))
    if key == "price":
        return f"{rng.randint(30, 120) / 10:.2f}"
    if key == "price2":
        return f"{rng.randint(220, 320) / 10:.2f}"
    raise KeyError(key)


class _Ctx(dict[str, str]):
    """Template context; numeric keys draw a fresh number on every use."""

    def __init__(self, rng: random.Random, base: dict[str, str]) -> None:
        super().__init__(base)
        self._rng = rng

    def __missing__(self, key: str) -> str:
        return _number(self._rng, key)


def _context(
    rng: random.Random,
    place: Place,
    when: date,
    subject: str,
    dkey: str,
    leader: tuple[str, str] | None = None,
    loc: str = "",
) -> _Ctx:
    lead = leader or place.leaders[0]
    others = [x for x in place.leaders if x != lead] or list(place.leaders)
    second = rng.choice(others)
    loc = loc or _pick_loc(rng, place)
    loc2 = _pick_loc(rng, place, exclude=(loc,))
    loc3 = _pick_loc(rng, place, exclude=(loc, loc2))
    deadline = when + timedelta(days=rng.randint(7, 20))
    sites = next((s for phrase, s in wl.SUBJECT_SITES if phrase in subject), wl.GENERIC_SITES)
    site1, site2 = rng.sample(list(sites), 2)
    return _Ctx(
        rng,
        {
            "place": place.name,
            "owner": place.owner,
            "gov": place.government,
            "gs": place.gov_short,
            "lvl": place.unit,
            "direct": place.direct,
            "scope": place.scope,
            "subs": place.subs,
            "office": place.office,
            "subject": subject,
            "dept": dept_name(place, dkey),
            "loc": loc,
            "loc2": loc2,
            "loc3": loc3,
            "leader": lead[0],
            "ltitle": lead[1],
            "leader2": second[0],
            "ltitle2": second[1],
            "year": str(when.year),
            "m": str(when.month),
            "d": str(when.day),
            "m2": str(deadline.month),
            "d2": str(deadline.day),
            "date": date_cn(when),
            "deadline": date_cn(deadline),
            "contact": person_name(rng),
            "phone": _phone(rng),
            "site1": f"{loc}{site1}" if rng.random() < 0.5 else site1,
            "site2": site2,
        },
    )


def _fmt(template: str, ctx: _Ctx) -> str:
    return template.format_map(ctx)


def _truncate(text: str, hi: int = MAX_PARA) -> str:
    if len(text) <= hi:
        return text
    cut = text.rfind("。", 0, hi)
    if cut >= MIN_PARA - 1:
        return text[: cut + 1]
    cut = text.rfind("，", 0, hi - 1)
    return text[:cut] + "。" if cut > 0 else text[: hi - 1] + "。"


def _para(
    rng: random.Random,
    ctx: _Ctx,
    first: str,
    pool: Sequence[str] = (),
    fillers: Sequence[str] = wl.GENERIC_FILLERS,
    max_extra: int = 2,
) -> str:
    """One content paragraph: ``first`` plus up to ``max_extra`` other sentences from ``pool``."""
    text = _fmt(first, ctx)
    target = rng.randint(90, 200)
    added = 0
    for i in rng.sample(range(len(pool)), len(pool)):
        if len(text) >= target or added >= max_extra:
            break
        if pool[i] == first:
            continue
        sentence = _fmt(pool[i], ctx)
        if sentence not in text and len(text) + len(sentence) <= MAX_PARA:
            text += sentence
            added += 1
    for i in rng.sample(range(len(fillers)), len(fillers)):
        if len(text) >= MIN_PARA:
            break
        sentence = _fmt(fillers[i], ctx)
        if sentence not in text and len(text) + len(sentence) <= MAX_PARA:
            text += sentence
    return _truncate(text)


def _issuer_from_title(place: Place, title: str, default: str) -> str:
    if "关于" in title:
        head = title.split("关于", 1)[0]
        if head.startswith(place.owner) or head.startswith(place.name) or head in place.departments:
            return head
    return default


# ---------------------------------------------------------------------------
# Titles
# ---------------------------------------------------------------------------


def _news_title_with(
    rng: random.Random,
    place: Place,
    subject: str,
    dkey: str,
    require_subject: bool = False,
    year: int = DEFAULT_YEAR,
) -> str:
    leader = rng.choice(place.leaders)[0]
    loc = _pick_loc(rng, place)
    dept = dept_name(place, dkey)
    gs = place.gov_short
    higher = {"province": "国家有关部委", "city": "省政府", "county": "市政府"}.get(place.level, "教育部")
    standing = "厅党组会议" if place.level == "department" else f"{gs}常务会议"
    honours = (f"经验获{higher}推广", f"获{higher}通报表扬", f"入选{higher}典型案例", f"获{higher}督查激励")

    def second_subject() -> str:
        other = _subject(rng, place)[0]
        return subject if other == subject else f"{subject}和{other}"

    forms: list[Callable[[], str]] = [
        lambda: f"{gs}召开{subject}{rng.choice(wl.MEETINGS)}",
        lambda: f"{place.name}召开{subject}{rng.choice(wl.MEETINGS)}",
        lambda: f"{leader}{rng.choice(wl.INSPECT_VERBS)}{subject}工作",
        lambda: f"{leader}到{loc}{rng.choice(wl.INSPECT_VERBS)}{subject}工作",
        lambda: f"{leader}主持召开{standing} 研究部署{second_subject()}等工作",
        lambda: f"{place.scope}{subject}工作{rng.choice(wl.PROGRESS)}",
        lambda: f"{place.name}{subject}工作{rng.choice(wl.PROGRESS)}",
        lambda: f"{place.name}出台{rng.randint(8, 32)}条措施{rng.choice(wl.MEASURE_GOALS)}{subject}",
        lambda: f"{dept}召开{subject}{rng.choice(wl.MEETINGS)}",
        lambda: f"{loc}：{rng.choice(wl.METHODS)}推进{subject}工作",
        lambda: f"{dept}：{rng.choice(wl.METHODS)}抓好{subject}工作",
        lambda: f"{place.name}启动{subject}{rng.choice(wl.LAUNCH_WORDS)}",
        lambda: f"{place.name}启动{year}年{subject}{rng.choice(wl.LAUNCH_WORDS)}",
        lambda: f"{place.scope}{year}年{subject}{rng.choice(wl.MEETINGS)}召开",
        lambda: f"{gs}召开{year}年{subject}{rng.choice(wl.MEETINGS)}",
        lambda: f"{place.name}召开{subject}{rng.choice(wl.PRESS_TOPICS)}",
        lambda: f"{place.name}{subject}工作{rng.choice(honours)}",
        lambda: f"{place.scope}{subject}{rng.choice(wl.MEETINGS)}召开",
        lambda: f"{place.scope}{subject}{rng.choice(wl.MEETINGS)}在{loc}召开",
        lambda: f"{loc}{subject}工作经验在{place.scope}推广",
        lambda: (
            f"{place.name}{subject}{rng.randint(6, 40)}项年度重点任务{rng.choice(('完成过半', '全面启动', '进展顺利', '提前完成'))}"
        ),
    ]
    if not require_subject:
        events = wl.EDU_EVENTS if place.level == "department" else wl.EVENTS

        def event_title() -> str:
            event, ekey = rng.choice(events)
            org = rng.choice((place.name, dept_name(place, ekey), loc))
            prefix = rng.choice(("", f"{year}年", f"{year}年", "专场"))
            if prefix == "专场" and "招聘" not in event:
                prefix = ""
            return f"{org}举办{prefix}{event}"

        if place.level == "department":
            partners = wl.EDU_PARTNERS
            agreements: tuple[str, ...] = ("战略合作协议", "教育合作框架协议", "校企合作协议", "共建协议")
        else:
            partners = wl.PARTNERS
            agreements = (
                "战略合作协议",
                "全面战略合作框架协议",
                "项目投资协议",
                "产业合作协议",
                "合作备忘录",
            )

        def signing() -> str:
            partner = rng.choice(partners)
            if place.level != "department" and "大学" in partner:
                return f"{place.name}与{partner}签署校地合作协议"
            return f"{place.name}与{partner}签署{rng.choice(agreements)}"

        def guest() -> str:
            return f"{leader}会见{rng.choice(partners)}{rng.choice(wl.GUEST_TITLES)}{person_name(rng)}一行"

        # events, signings and visits are rarer than subject news, and have fewer variants
        if rng.random() < 0.12:
            return rng.choices((event_title, signing, guest), weights=(6, 2, 2))[0]()
    return rng.choice(forms)()


def news_title(rng: random.Random, place: Place, when: date | None = None) -> str:
    """A 动态要闻 title (meeting, inspection, progress, event, signing …)."""
    subject, dkey = _subject(rng, place)
    return _news_title_with(rng, place, subject, dkey, year=when.year if when else DEFAULT_YEAR)


def notice_title(rng: random.Random, place: Place, when: date | None = None) -> str:
    """A 通知公告 title (通知, 公告, 通报, 公示, 通告)."""
    year = when.year if when else DEFAULT_YEAR
    subject, dkey = _subject(rng, place)
    dept = dept_name(place, dkey)
    owner = place.owner
    gov_level = place.level != "department"

    holiday_subjects = wl.EDU_HOLIDAY_SUBJECTS if place.level == "department" else wl.HOLIDAY_SUBJECTS

    def doing() -> str:
        issuer = rng.choice(("", "", dept, place.office))
        return f"{issuer}关于{rng.choice(wl.NOTICE_DOINGS).format(year=year, subject=subject)}的通知"

    def event() -> str:
        events = wl.EDU_EVENTS if place.level == "department" else wl.EVENTS
        name, ekey = rng.choice(events)
        issuer = rng.choice(("", dept_name(place, ekey)))
        return f"{issuer}关于开展{year}年{name}的通知"

    def website_report() -> str:
        issuer = rng.choice(("", place.office))
        period = rng.choice((f"第{_CN_NUM[rng.randint(0, 3)]}季度", f"{rng.randint(1, 12)}月份"))
        what = rng.choice(("政府网站和政务新媒体", "政府网站", "政府网站和政务新媒体抽查"))
        return f"{issuer}关于{year}年{period}{what}检查情况的通报"

    def recruit() -> str:
        unit = rng.choice(("所属事业单位", "下属事业单位", "直属事业单位"))
        staff = rng.choice(("工作人员", "工作人员", "专业技术人员", "紧缺专业人才"))
        return f"关于{year}年{rng.choice(place.departments)}{unit}公开招聘{staff}的公告"

    forms: list[tuple[Callable[[], str], float]] = [
        (doing, 6.0),
        (lambda: f"关于印发{_join(owner + subject, rng.choice(wl.NOTICE_PLAN_TYPES))}的通知", 3.0),
        (website_report, 0.5),
        (
            lambda: (
                f"关于征求《{_join(owner + subject, rng.choice(wl.NOTICE_PLAN_TYPES))}（征求意见稿）》意见的公告"
            ),
            2.0,
        ),
        (
            lambda: (
                f"{owner}{year}年{subject}{rng.choice(('示范单位拟认定', '先进集体和先进个人拟表彰', '项目拟入库', '示范点拟命名', '典型案例拟推荐'))}名单公示"
            ),
            2.0,
        ),
        (recruit, 1.0),
        (event, 0.8),
        (lambda: f"关于{subject}工作督查情况的通报", 1.5),
        (lambda: f"关于公布{year}年{owner}{subject}典型案例的通知", 1.0),
        (
            lambda: f"关于做好{year}年{rng.choice(wl.HOLIDAYS)}期间{rng.choice(holiday_subjects)}工作的通知",
            1.5,
        ),
    ]
    if gov_level:
        forms += [
            (
                lambda: (
                    f"{rng.choice(('', dept_name(place, 'hpf')))}关于调整{owner}{rng.choice(wl.HPF_ADJUSTMENTS).format(year=year)}的通知"
                ),
                0.3,
            ),
            (
                lambda: (
                    f"{rng.choice(('', dept_name(place, 'hea')))}关于{owner}生育服务证{rng.choice(wl.BIRTH_CERT_MATTERS)}的公告"
                ),
                0.5,
            ),
            (
                lambda: (
                    f"关于{year}年{rng.choice(wl.HOLIDAYS)}期间{place.name}政务服务中心{rng.choice(('办公时间安排', '窗口服务时间调整'))}的公告"
                ),
                0.3,
            ),
            (
                lambda: (
                    f"关于{rng.choice(wl.SUSPEND_SERVICES)}{rng.choice(('升级', '切换', '维护'))}暂停办理业务的公告"
                ),
                0.35,
            ),
        ]
    if place.level in ("city", "county"):
        forms.append(
            (
                lambda: (
                    f"关于{place.name}{rng.choice(wl.ROADS)}{rng.choice(wl.ROAD_WORKS)}期间实施交通管制的通告"
                ),
                0.6,
            )
        )
    chosen = rng.choices([f for f, _w in forms], weights=[w for _f, w in forms])[0]
    return chosen()


def personnel_title(rng: random.Random, place: Place, when: date | None = None) -> str:
    """A 人事信息 title (任免, 任前公示, 招聘/录用公示 …)."""
    year = when.year if when else DEFAULT_YEAR
    month = when.month if when else rng.randint(1, 12)
    name = person_name(rng)
    dept = rng.choice(place.departments)
    if place.level == "department":
        cadre = f"{place.government}{year}年{month}月处级干部任前公示"
    else:
        cadre = f"{place.name}{year}年{month}月{place.unit}管干部任前公示"
    cadre += rng.choice(("", "", "（二）", "（三）"))
    forms: list[Callable[[], str]] = [
        lambda: f"{place.government}关于{name}等同志职务任免的通知",
        lambda: f"{place.government}关于{name}同志任职的通知",
        lambda: f"{place.government}关于{name}等{rng.randint(2, 6)}名同志免职的通知",
        lambda: cadre,
        lambda: f"{dept}{year}年公开招聘工作人员拟聘用人员公示",
        lambda: f"{dept}{year}年公开遴选公务员拟遴选人员名单公示",
        lambda: f"{place.owner}{year}年考试录用公务员拟录用人员名单公示（第{_CN_NUM[rng.randint(0, 3)]}批）",
        lambda: f"{dept}{year}年考试录用公务员拟录用人员名单公示",
        lambda: f"{place.party_org}关于{name}等{rng.randint(2, 9)}名同志任前公示的公告",
        lambda: f"关于{dept}{name}等{rng.randint(2, 8)}名同志试用期满考核合格的公示",
        lambda: (
            f"{dept}{year}年公开招聘工作人员面试成绩及进入体检人员名单公示（{rng.choice(wl.RECRUIT_JOBS)}）"
        ),
        lambda: (
            f"{dept}{year}年“{place.short if place.level != 'department' else '西地'}英才”引进计划拟聘用人员名单公示"
        ),
    ]
    return rng.choice(forms)()


def plan_title(rng: random.Random, place: Place, year: int) -> str:
    """A 规划计划 title for ``year``."""
    subject, dkey = _subject(rng, place)
    dept = dept_name(place, dkey) if rng.random() < 0.6 else rng.choice(place.departments)
    template = rng.choice(wl.PLAN_FORMS)
    return template.format(
        place=place.owner,
        year=year,
        year1=year + 1,
        year2=year + 2,
        subject=subject,
        domain=rng.choice(_EDU_PLAN_DOMAINS if place.level == "department" else wl.PLAN_DOMAINS),
        period="十四五" if year <= 2025 else "十五五",
        dept=dept,
    )


def statistics_title(rng: random.Random, place: Place, year: int, month: int) -> str:
    """A 统计数据 title for ``year``/``month``."""
    if place.level == "department":
        template = rng.choice(wl.EDU_STAT_FORMS)
    elif rng.random() < 0.1:
        template = rng.choice(wl.STAT_ANNUAL_FORMS)
    else:
        template = rng.choice(wl.STAT_FORMS)
    title = template.format(
        place=place.owner, year=year, year0=year - 1, month=month, quarter=_CN_NUM[(month - 1) // 3]
    )
    return title.replace("1—1月", "1月")


def finance_title(rng: random.Random, place: Place, year: int) -> str:
    """A 财政信息 title for ``year`` (预决算, 三公经费, 债务, 专项资金 …)."""
    if place.level == "department":
        dept = rng.choice((place.government, rng.choice(place.departments)))
        template = rng.choice(tuple(f for f in wl.FINANCE_FORMS if "{dept}" in f or "专项资金" in f))
    else:
        dept = rng.choice(place.departments)
        template = rng.choice(wl.FINANCE_FORMS)
    title = template.format(
        dept=dept,
        place=place.owner,
        year=year,
        year0=year - 1,
        month=rng.randint(2, 12),
        fund=rng.choice(wl.FUNDS),
    )
    return title


def _procurement_parts(rng: random.Random, place: Place, year: int) -> tuple[str, str, str]:
    projects = wl.EDU_PROC_PROJECTS if place.level == "department" else wl.PROC_PROJECTS
    template, dkey = rng.choice(projects)
    project = template.format(year=year, loc=_pick_loc(rng, place), n=rng.randint(1, 6))
    if "{year}" not in template and rng.random() < 0.5:
        project = f"{year}年{project}"
    if "（" not in project and rng.random() < 0.35:
        project += f"（{_CN_NUM[rng.randint(0, 4)]}{rng.choice(('包', '标段'))}）"
    purchaser = dept_name(place, dkey)
    return purchaser, project, dkey


def procurement_title(rng: random.Random, place: Place, when: date | None = None) -> str:
    """A 政府采购 title (招标, 磋商, 结果, 更正 … 公告)."""
    year = when.year if when else DEFAULT_YEAR
    purchaser, project, _k = _procurement_parts(rng, place, year)
    suffix = "（二次）" if rng.random() < 0.08 else ""
    return f"{purchaser}{project}{rng.choice(wl.PROC_STAGES)}{suffix}"


def _topic_spec(name: str) -> wl.TopicSpec | None:
    return next((t for t in wl.TOPICS if t.name == name), None)


def is_historical_topic(name: str) -> bool:
    """True for closed, historical topics such as 第七次全国人口普查."""
    spec = _topic_spec(name)
    return bool(spec and spec.historical)


def topic_item_title(rng: random.Random, place: Place, topic_name: str, when: date | None = None) -> str:
    """A title for an item filed under the 专题专栏 ``topic_name``."""
    spec = _topic_spec(topic_name)
    subject = spec.subject if spec else topic_name
    found = _find_subject(place, subject)
    dkey = found[1] if found else ""
    year = when.year if when else DEFAULT_YEAR
    title = _news_title_with(rng, place, subject, dkey, require_subject=True, year=year)
    return rng.choice(wl.TOPIC_ITEM_FORMS).format(topic=topic_name, title=title)


def topic_names(rng: random.Random, place: Place, n: int) -> list[str]:
    """``n`` distinct topic (专题) names.

    When ``n >= 2`` the last name is a closed, historical topic (e.g. 第七次全国人口普查)
    and the others are current ones.
    """
    if place.level == "department":
        pool = [
            t
            for t in wl.TOPICS
            if t.edu or t.name in ("安全生产月", "政务公开", "学习贯彻党的二十大精神", "防汛抗旱", "脱贫攻坚")
        ]
    else:
        pool = [t for t in wl.TOPICS if not t.edu]
    if n > len(pool):
        raise ValueError(f"only {len(pool)} topics available for {place.name}")
    if n <= 0:
        return []
    historical = [t for t in pool if t.historical]
    current = [t for t in pool if not t.historical]
    if n >= 2 and historical:
        closed = rng.choice(historical)
        others = current if len(current) >= n - 1 else [t for t in pool if t != closed]
        return [t.name for t in rng.sample(others, n - 1)] + [closed.name]
    return [t.name for t in rng.sample(current or pool, n)]


# ---------------------------------------------------------------------------
# Policy documents and interpretations
# ---------------------------------------------------------------------------


@dataclass
class PolicyDraft:
    """A normative document (政策文件) with its metadata."""

    title: str
    issuer: str
    doc_no: str  # 云政发〔2025〕12号
    subject: str  # 主题分类
    keywords: list[str]  # 主题词
    written: date  # 成文日期
    body: list[str]
    validity: str = "valid"
    form: str = ""  # 实施意见 / 通知 / 若干措施 …
    topic: str = ""  # the theme phrase (营商环境 …)
    measures: list[str] = field(default_factory=list)  # 重点任务 headings


def _policy_topics(place: Place) -> list[wl.PolicyTopic]:
    if place.level == "department":
        return [t for t in wl.POLICY_TOPICS if t.edu or t.phrase in ("政府网站", "安全生产")]
    return [t for t in wl.POLICY_TOPICS if t.dept in place.dept_keys or t.dept == ""]


_EDU_UNIT_FOR: dict[str, str] = {"edu": "jc", "eme": "aq", "dat": "bgs"}


def _drafter(place: Place, topic: wl.PolicyTopic | None) -> str:
    if topic is None:
        return place.office
    if place.level == "department":
        key = topic.dept if topic.dept in place.dept_keys else _EDU_UNIT_FOR.get(topic.dept, "bgs")
        return dept_name(place, key)
    return dept_name(place, topic.dept)


def _policy_items(topic: wl.PolicyTopic, ctx: _Ctx, rng: random.Random, k: int) -> list[tuple[str, str]]:
    items = list(topic.measures)
    idx = sorted(rng.sample(range(len(items)), min(k, len(items))))
    return [(items[i][0], _fmt(items[i][1], ctx)) for i in idx]


def _item_para(rng: random.Random, ctx: _Ctx, label: str, heading: str, detail: str) -> str:
    return _para(
        rng,
        ctx,
        f"{label}{heading}。{detail}",
        (),
        fillers=(
            "各牵头单位要细化工作措施，明确时间节点，确保按期完成。",
            "{dept}要加强统筹调度，定期通报工作进展。",
            "各{subs}要结合实际抓好落实，及时总结推广经验做法。",
        ),
    )


def _preamble(rng: random.Random, form: str) -> str:
    if form in ("实施意见", "意见", "指导意见"):
        return rng.choice((wl.POLICY_PREAMBLES[0], wl.POLICY_PREAMBLES[2]))
    if form == "通知":
        return wl.POLICY_PREAMBLES[2]
    if form == "决定":
        return "为{goal}，根据国家和省有关规定，结合本{lvl}实际，{gs}决定如下。"
    return wl.POLICY_PREAMBLES[1]


def _form_from_title(title: str) -> str:
    if "领导小组" in title:
        return "领导小组"
    if "关于印发" in title:
        return "印发方案"
    for form in ("实施意见", "指导意见", "若干措施", "决定", "意见", "工作方案", "通知"):
        if title.endswith(form):
            return form
    return "实施意见"


def _policy_body(
    rng: random.Random,
    place: Place,
    topic: wl.PolicyTopic,
    issuer: str,
    form: str,
    doc_title: str,
    written: date,
    compact: bool,
) -> tuple[list[str], list[str]]:
    """Body of a policy document and the list of measure headings."""
    drafter = _drafter(place, topic)
    ctx = _context(rng, place, written, topic.phrase, "")
    ctx["dept"] = drafter
    ctx["goal"] = _fmt(rng.choice(wl.POLICY_GOALS), ctx)
    ctx["form"] = {"印发方案": "方案", "工作方案": "方案", "若干措施": "措施"}.get(form, "办法")
    ctx["verb"] = "通知" if form == "通知" else "提出意见"
    ctx["y1"] = str(written.year + 2)
    ctx["y2"] = str(written.year + 5)
    sign = signature_line(issuer, written)
    items = _policy_items(topic, ctx, rng, 3 if compact else rng.randint(3, 5))
    measures = [h for h, _d in items]

    if compact and form != "领导小组":
        body = [_para(rng, ctx, _preamble(rng, form), wl.POLICY_GENERAL[:1])]
        for i, (heading, detail) in enumerate(items):
            body.append(_item_para(rng, ctx, f"（{_CN_NUM[i]}）", heading, detail))
        body.append(sign)
        return body, measures

    if form == "领导小组":
        body = [place.salutation]
        heading: Callable[[str], list[str]] = (lambda h: []) if compact else (lambda h: [h])
        verb = "成立" if "关于成立" in doc_title else "调整"
        group = f"{place.owner}{topic.phrase}工作领导小组" + ("成员" if verb == "调整" else "")
        body.append(
            _para(
                rng,
                ctx,
                f"为进一步加强对{place.owner}{topic.phrase}工作的组织领导，{place.approve}，决定{verb}{group}。现将有关事项通知如下。",
            )
        )
        body += heading("一、领导小组组成人员")
        head, deputy = place.leaders[0], place.leaders[1:3]
        members = "、".join(f"{d}主要负责同志" for d in rng.sample(list(place.departments), 4))
        body.append(
            _truncate(
                f"组长：{head[0]}（{head[1]}）。副组长："
                + "、".join(f"{n}（{t}）" for n, t in deputy)
                + f"。成员：{members}。"
            )
        )
        body += heading("二、领导小组主要职责")
        body.append(
            _para(
                rng,
                ctx,
                f"统筹研究{place.owner}{topic.phrase}工作中的重大问题，审议年度工作计划和重要政策措施，协调解决跨部门、跨区域重点难点问题，督促检查各项工作落实情况。",
            )
        )
        body += heading("三、领导小组办公室")
        body.append(
            _para(
                rng,
                ctx,
                f"领导小组办公室设在{drafter}，办公室主任由{drafter}主要负责同志兼任，负责领导小组日常工作。领导小组成员如有变动，由所在单位接任领导职务的同志自然递补，不再另行发文。",
            )
        )
        body += ["特此通知。", sign, *heading("（此件公开发布）")]
        return body, measures

    body: list[str] = []
    if form == "印发":
        body.append(place.salutation if issuer in (place.government, place.office) else "各有关单位：")
        plan = doc_title.split("关于印发", 1)[-1].removesuffix("的通知")
        body.append(
            _para(
                rng,
                ctx,
                f"《{plan}》已{place.approve if issuer == place.office else '经研究同意'}，现印发给你们，请结合实际认真组织实施。",
                (
                    "实施过程中遇到的重大问题，请及时向{dept}反映。",
                    "各{subs}和{direct}有关单位要按照职责分工，细化工作措施，确保各项任务落地见效。",
                ),
            )
        )
        body += [sign, "（此件公开发布）", plan]
        preamble_form = plan[len(place.owner) :] if plan.startswith(place.owner) else plan
        ctx["form"] = preamble_form[-4:] if len(preamble_form) >= 4 else "方案"
    body.append(_para(rng, ctx, _preamble(rng, form)))
    if form == "若干措施":
        for i, (heading, detail) in enumerate(items):
            body.append(_item_para(rng, ctx, f"{_CN_NUM[i]}、", heading, detail))
        body.append(
            _para(
                rng,
                ctx,
                f"{_CN_NUM[len(items)]}、本措施自印发之日起施行，有效期至{written.year + 3}年{written.month}月{written.day}日。国家和省出台新规定的，从其规定。各有关部门要按照职责分工，制定具体配套政策和操作细则。",
            )
        )
    else:
        body.append("一、总体要求")
        body.append(_para(rng, ctx, wl.POLICY_GENERAL[0], wl.POLICY_GENERAL[1:]))
        body.append("二、重点任务")
        for i, (heading, detail) in enumerate(items):
            body.append(_item_para(rng, ctx, f"（{_CN_NUM[i]}）", heading, detail))
        body.append("三、保障措施")
        safeguards = rng.sample(list(wl.POLICY_SAFEGUARDS), rng.randint(2, 3))
        for i, (heading, detail) in enumerate(safeguards):
            body.append(_item_para(rng, ctx, f"（{_CN_NUM[i]}）", heading, _fmt(detail, ctx)))
    if form != "印发":
        body += [sign, "（此件公开发布）"]
    return body, measures


def policy_document(rng: random.Random, place: Place, when: date, seq: int) -> PolicyDraft:
    """A complete 政策文件: title, issuer, 文号, 主题分类, 主题词, 成文日期 and body."""
    topic = rng.choice(_policy_topics(place))
    written = when - timedelta(days=rng.randint(0, 10))
    owner = place.owner
    prefix0, prefix1 = place.doc_prefixes[0], place.doc_prefixes[1 % len(place.doc_prefixes)]
    prefix_letter = place.doc_prefixes[-1]
    r = rng.random()
    if place.level == "department":
        issuer = place.government
        if r < 0.5:
            prefix, form = prefix0, rng.choice(wl.DOC_FORMS_DEPT)
        elif r < 0.85:
            prefix, form = prefix1, "印发"
        else:
            prefix, form = prefix_letter, "领导小组"
    elif r < 0.45:
        issuer, prefix = place.government, prefix0
        form = rng.choice((*wl.DOC_FORMS_GOV, "印发"))
    elif r < 0.78:
        issuer, prefix, form = place.office, prefix1, "印发"
    elif r < 0.86 and topic.dept != "hpf":
        issuer, prefix, form = place.office, prefix_letter, "领导小组"
    else:
        issuer = _drafter(place, topic)
        spec = next((s for s in wl.DEPT_SPECS if s.key == topic.dept), None)
        abbr = spec.abbr if spec else "政办"
        prefix = f"{prefix0[0]}{abbr}发"
        form = rng.choice(("通知", "印发", "实施意见"))

    if form == "印发":
        plan = rng.choice((*topic.plans, f"{when.year}年{topic.phrase}工作要点"))
        title = f"{issuer}关于印发{owner}{plan}的通知"
    elif form == "领导小组":
        verb = rng.choice(("调整", "调整", "成立"))
        title = f"{issuer}关于{verb}{owner}{topic.phrase}工作领导小组{'成员' if verb == '调整' else ''}的通知"
    elif form == "通知":
        action = rng.choice((*topic.actions, f"做好{when.year}年{topic.phrase}工作"))
        title = f"{issuer}关于{action}的通知"
    else:
        title = f"{issuer}关于{rng.choice(topic.actions)}的{form}"
    body, measures = _policy_body(rng, place, topic, issuer, form, title, written, compact=False)
    k = rng.randint(2, min(4, len(topic.keywords)))
    keywords = [topic.keywords[0], *rng.sample(list(topic.keywords[1:]), k - 1)]
    return PolicyDraft(
        title=title,
        issuer=issuer,
        doc_no=f"{prefix}〔{when.year}〕{seq}号",
        subject=topic.category,
        keywords=keywords,
        written=written,
        body=body,
        validity="valid",
        form=form,
        topic=topic.phrase,
        measures=measures,
    )


def _interpretation_title(rng: random.Random, policy_title: str) -> str:
    return rng.choice(
        (
            f"《{policy_title}》政策解读",
            f"《{policy_title}》政策解读",
            f"一图读懂《{policy_title}》",
            f"《{policy_title}》解读",
            f"图解：《{policy_title}》",
        )
    )


def _interpretation_body(
    rng: random.Random,
    place: Place,
    policy_title: str,
    topic: wl.PolicyTopic | None,
    issuer: str,
    when: date,
    measures: Sequence[str],
    compact: bool,
) -> list[str]:
    phrase = topic.phrase if topic else (_find_subject(place, policy_title) or (policy_title[-12:], ""))[0]
    ctx = _context(rng, place, when, phrase, topic.dept if topic else "")
    drafter = _drafter(place, topic) if topic else issuer
    ctx["drafter"] = drafter
    ctx["title"] = policy_title
    short = policy_title.split("关于", 1)[-1] if "关于" in policy_title else policy_title
    short = short.removeprefix("印发").removesuffix("的通知")
    ctx["short"] = short if len(short) <= 30 else "文件"
    details: list[tuple[str, str]] = []
    if topic:
        by_heading = dict(topic.measures)
        headings = list(measures) or [h for h, _d in topic.measures][:3]
        details = [(h, _fmt(by_heading.get(h, ""), ctx)) for h in headings]
    body = ["一、起草背景", _para(rng, ctx, rng.choice(wl.INTERP_BACKGROUND))]
    body.append("二、主要内容")
    n_parts = rng.randint(3, 5)
    if compact or not details:
        listed = (
            "；".join(f"{_CN_NUM[i]}是{h}" for i, (h, _d) in enumerate(details[:4]))
            if details
            else f"一是明确{phrase}工作目标；二是细化重点任务；三是强化保障措施"
        )
        body.append(
            _truncate(
                f"《{ctx['short']}》共分为{_CN_NUM[n_parts - 1]}个部分，围绕{phrase}提出了{len(details) or 3}方面重点任务：{listed}。"
                + "文件还对组织领导、要素保障和督查考核等作出了明确规定。"
            )
        )
    else:
        body.append(
            _para(
                rng,
                ctx,
                f"《{ctx['short']}》共分为{_CN_NUM[n_parts - 1]}个部分，围绕{phrase}提出了{len(details)}方面重点任务，并对组织领导、要素保障和督查考核等作出了明确规定。主要内容如下。",
            )
        )
        for i, (heading, detail) in enumerate(details):
            body.append(_item_para(rng, ctx, f"（{_CN_NUM[i]}）", heading, detail))
    body.append("三、创新举措")
    body.append(_para(rng, ctx, rng.choice(wl.INTERP_INNOVATIONS), wl.INTERP_INNOVATIONS, max_extra=1))
    if not compact:
        body.append("四、解读机关及联系方式")
        road = rng.choice(wl.ROADS)
        body.append(
            f"解读机关：{drafter}；解读人：{person_name(rng)}；联系电话：{_phone(rng)}；通讯地址：{place.owner if place.level == 'department' else place.name}{road}{rng.randint(1, 300)}号；邮政编码：000000。"
        )
    return body


def interpretation_for(
    rng: random.Random, place: Place, policy: PolicyDraft, when: date
) -> tuple[str, list[str]]:
    """(title, body) of a 政策解读 for ``policy``: 起草背景 / 主要内容 / 创新举措."""
    topic = next((t for t in wl.POLICY_TOPICS if t.phrase == policy.topic), None) or _topic_for_text(
        policy.title, place
    )
    title = _interpretation_title(rng, policy.title)
    body = _interpretation_body(
        rng, place, policy.title, topic, policy.issuer, when, policy.measures, compact=False
    )
    return title, body


# ---------------------------------------------------------------------------
# Overview (概况)
# ---------------------------------------------------------------------------


def _generic_facts(place: Place) -> dict[str, str]:
    subs = "、".join(place.localities) or place.name
    return {
        "area": "数千平方公里",
        "population": "数百万人",
        "position": f"位于{place.parent or '西地省'}境内，是区域内重要的政治、经济和文化中心",
        "terrain": "地势起伏，山地、丘陵和平原兼有，地貌类型多样",
        "rivers": "境内河流纵横，水资源较为丰富",
        "climate": "属亚热带季风气候，四季分明，雨量充沛",
        "history": f"{place.name}历史悠久，历代多有建置沿革",
        "history2": f"{place.name}文化底蕴深厚，保存有较多历史文化遗存",
        "divisions": f"{place.name}辖{subs}",
        "economy": f"{place.name}经济社会持续健康发展，产业结构不断优化",
        "people": f"{place.name}常住人口保持稳定，城镇化水平稳步提高",
        "features": f"{place.name}深入推进营商环境优化、乡村振兴和数字政府建设",
    }


def overview_pages(place: Place) -> list[tuple[str, list[str]]]:
    """Pages for a 概况 column: [(title, paragraphs)], deterministic."""
    if place.level == "department":
        if place.key == "dept_education":
            return [(title, list(paras)) for title, paras in wl.EDU_OVERVIEW.items()]
        heads = "；".join(f"{t}{n}" for n, t in place.leaders)
        units = "、".join(place.departments)
        return [
            (
                "机构职能",
                [
                    f"{place.government}是{place.parent or '省'}人民政府组成部门，负责贯彻落实党中央关于本领域工作的方针政策和决策部署，在履行职责过程中坚持和加强党的全面领导。",
                    f"{place.government}负责拟订本领域发展规划和政策措施并组织实施，统筹推进相关领域改革，指导全省业务工作开展，组织开展监督检查。",
                    f"{place.government}负责本系统政务公开、政府网站和政务新媒体管理工作，推进政务服务“一网通办”，完成上级交办的其他任务。",
                ],
            ),
            (
                "内设机构",
                [
                    _truncate(
                        f"{place.government}内设机构和直属单位包括：{units}。各机构按照职责分工，分别承担文电会务、政策法规、业务管理、财务审计等工作。"
                    ),
                    f"{place.government}各内设机构坚持依法行政、高效履职，建立了权责清晰、运转协调的工作机制，定期向社会公开机构职能和办事指南。",
                    f"机构设置和人员编制按照有关规定执行，内设机构职责调整情况将在{place.government}门户网站“机构职能”栏目及时更新。",
                ],
            ),
            (
                "领导信息",
                [
                    _truncate(
                        f"{place.government}领导班子成员及分工如下：{heads}。班子成员按照分工负责相关处室和直属单位工作。"
                    ),
                    "领导班子坚持民主集中制，实行集体领导和个人分工负责相结合，重大事项经党组会议集体研究决定。",
                    "领导班子成员分工如有调整，将及时在门户网站更新，欢迎社会各界监督。",
                ],
            ),
        ]
    facts = wl.OVERVIEW_FACTS.get(place.key) or _generic_facts(place)
    n = place.name
    u = place.unit
    seat = place.localities[0] if place.localities else n
    pages: list[tuple[str, list[str]]] = [
        (
            f"{u}情概况",
            [
                f"{n}{facts['position']}，总面积{facts['area']}，常住人口{facts['population']}。{n}人民政府驻{seat}。",
                f"{facts['economy']}。近年来，{n}坚持稳中求进工作总基调，经济社会发展取得新成效。",
                f"{facts['features']}。{n}将持续优化营商环境，加快建设人民满意的服务型政府。",
            ],
        ),
        (
            "历史沿革",
            [
                f"{facts['history']}。",
                f"{facts['history2']}。",
                f"新中国成立后，{n}行政区划历经多次调整，区域发展格局不断优化。进入新时代，{n}经济社会事业全面进步，城乡面貌发生深刻变化。",
            ],
        ),
        (
            "自然地理",
            [
                f"{n}{facts['position']}。{facts['terrain']}。",
                f"{facts['rivers']}。水资源总量较为丰富，为经济社会发展提供了重要支撑。",
                f"{facts['climate']}。气候条件适宜多种农作物生长，同时汛期防汛任务较重。",
            ],
        ),
        (
            "行政区划",
            [
                f"{facts['divisions']}。{n}人民政府驻{seat}。",
                f"近年来，{n}按照有关规定稳妥推进乡镇（街道）区划调整和村（社区）布局优化，基层治理体系不断完善，公共服务覆盖面持续扩大。",
                f"行政区划信息以民政部门公布的数据为准，如有调整，{n}人民政府门户网站将及时更新。",
            ],
        ),
        (
            "经济社会",
            [
                f"{facts['economy']}。{facts['people']}。",
                f"{n}深入实施乡村振兴、城市更新和数字政府建设，就业创业、养老服务、医疗保障、义务教育等民生事业持续改善。",
                "生态环境质量保持良好，垃圾分类、生态环境保护等工作稳步推进，人民群众获得感、幸福感、安全感不断增强。",
            ],
        ),
    ]
    out: list[tuple[str, list[str]]] = []
    for title, paras in pages:
        fixed: list[str] = []
        for p in paras:
            if len(p) < MIN_PARA:
                p += f"{n}各项事业发展呈现良好态势，为高质量发展奠定了坚实基础。"
            fixed.append(_truncate(p))
        out.append((title, fixed))
    return out


# ---------------------------------------------------------------------------
# Dispatch
# ---------------------------------------------------------------------------


def title_for(kind: str, rng: random.Random, place: Place, when: date, topic_name: str = "") -> str:
    """A title for a page in a column of ``kind`` (one of :data:`KINDS`)."""
    if kind == "news":
        return news_title(rng, place, when)
    if kind == "notice":
        return notice_title(rng, place, when)
    if kind == "policy":
        return policy_document(rng, place, when, rng.randint(1, 99)).title
    if kind == "interpretation":
        topic = rng.choice(_policy_topics(place))
        issuer = place.government
        policy_title = (
            f"{issuer}关于{rng.choice(topic.actions)}的{rng.choice(('实施意见', '通知', '若干措施'))}"
        )
        if rng.random() < 0.5:
            issuer = place.office
            policy_title = f"{issuer}关于印发{place.owner}{rng.choice(topic.plans)}的通知"
        return _interpretation_title(rng, policy_title)
    if kind == "personnel":
        return personnel_title(rng, place, when)
    if kind == "plan":
        return plan_title(rng, place, when.year)
    if kind == "statistics":
        return statistics_title(rng, place, when.year, when.month)
    if kind == "finance":
        return finance_title(rng, place, when.year)
    if kind == "procurement":
        return procurement_title(rng, place, when)
    if kind == "topic":
        return topic_item_title(rng, place, topic_name or topic_names(rng, place, 1)[0], when)
    if kind == "overview":
        return rng.choice(overview_pages(place))[0]
    raise ValueError(f"unknown column kind: {kind!r}")


def source_for(rng: random.Random, place: Place, kind: str) -> str:
    """来源 for a page of ``kind``: the office, a newspaper or a department."""
    office = _dept_short(place, place.office)
    some_dept = _dept_short(place, rng.choice(place.departments))

    def short(key: str) -> str:
        return _dept_short(place, dept_name(place, key))

    if place.level == "department":
        options: dict[str, tuple[str, ...]] = {
            "news": (place.office, place.newspaper, some_dept),
            "statistics": (dept_name(place, "gh"),),
            "finance": (dept_name(place, "cw"),),
            "procurement": (dept_name(place, "cw"), place.office),
            "personnel": (dept_name(place, "js"), place.office),
            "plan": (dept_name(place, "gh"),),
        }
    else:
        options = {
            "news": (office, place.newspaper, some_dept),
            "topic": (office, place.newspaper, some_dept),
            "notice": (office, some_dept),
            "policy": (office,),
            "interpretation": (office, some_dept),
            "personnel": (short("hrss"), office),
            "plan": (short("fgw"), office),
            "statistics": (short("sta"),),
            "finance": (short("fin"),),
            "procurement": (f"{place.name}公共资源交易中心", short("fin")),
            "overview": (office, f"{place.name}地方志编纂室"),
        }
    return rng.choice(options.get(kind, (office if place.level != "department" else place.office,)))


# ---------------------------------------------------------------------------
# Bodies
# ---------------------------------------------------------------------------


_NEWS_FILLERS: tuple[str, ...] = (
    "据了解，相关工作正在有序推进。",
    "{dept}有关负责同志参加。",
    "相关情况将及时向社会公布。",
)


def _npara(rng: random.Random, ctx: _Ctx, first: str, pool: Sequence[str] = (), max_extra: int = 2) -> str:
    return _para(rng, ctx, first, pool, fillers=_NEWS_FILLERS, max_extra=max_extra)


def _news_body(
    rng: random.Random, place: Place, title: str, when: date, subject: str, dkey: str
) -> list[str]:
    leader = next((x for x in place.leaders if x[0] in title), None)
    loc = next((x for x in place.localities if x in title), "")
    ctx = _context(rng, place, when, subject, dkey, leader=leader, loc=loc)
    md = f"{when.month}月{when.day}日"
    lead = f"{ctx['ltitle']}{ctx['leader']}"
    paras: list[str] = []
    if "会见" in title:
        m = re.search(r"会见(.+?)(党委书记、董事长|董事长|总经理|副总裁|总裁)(.+?)一行", title)
        org, gtitle, guest = (m.group(1), m.group(2), m.group(3)) if m else ("有关企业", "负责人", "")
        paras.append(
            _npara(
                rng,
                ctx,
                f"{md}，{lead}在{place.name}会见了{org}{gtitle}{guest}一行，双方就深化合作、加快项目落地等事项进行了深入交流。",
            )
        )
        paras.append(
            _npara(
                rng,
                ctx,
                f"{ctx['leader']}对{guest}一行的到来表示欢迎，介绍了{place.name}经济社会发展和优化营商环境有关情况。{ctx['leader']}表示，希望双方进一步拓展合作领域，推动更多项目落地见效。",
            )
        )
        paras.append(
            _npara(
                rng,
                ctx,
                f"{guest}介绍了{org}的发展情况，表示将充分发挥自身优势，积极参与{place.name}重点产业和重大项目建设，实现互利共赢。",
                ("{ltitle2}{leader2}及{direct}有关部门负责同志参加会见。",),
            )
        )
    elif "签署" in title or "签约" in title:
        partner = next((p for p in wl.PARTNERS if p in title), "有关企业")
        paras.append(
            _npara(
                rng,
                ctx,
                f"{md}，{place.name}与{partner}合作协议签约仪式举行。{lead}出席签约仪式并致辞，{ctx['ltitle2']}{ctx['leader2']}主持签约仪式。",
            )
        )
        paras.append(_npara(rng, ctx, wl.SIGN_LEADS[0], wl.SIGN_LEADS[1:]))
        paras.append(
            _npara(
                rng,
                ctx,
                f"{ctx['leader']}表示，{place.name}将坚持“项目为王、服务至上”，为企业发展提供全方位、全周期服务，持续优化营商环境。",
                wl.NEXT_STEPS,
            )
        )
    elif "举办" in title or "活动" in title or "演练" in title:
        where = "" if ctx["loc"] in title else f"在{ctx['loc']}"
        paras.append(_npara(rng, ctx, f"{md}，{title.replace('举办', where + '举办', 1)}。", wl.EVENT_LEADS))
        paras.append(_npara(rng, ctx, rng.choice(wl.EVENT_LEADS), wl.EVENT_LEADS))
        paras.append(
            _npara(
                rng,
                ctx,
                "据介绍，此类活动是{place}推进{subject}工作的重要举措之一，今年以来已累计开展{n2}场次，覆盖群众{n3}余人次。",
                wl.NEXT_STEPS,
            )
        )
    elif "发布会" in title or "吹风会" in title:
        paras.append(
            _npara(
                rng,
                ctx,
                f"{md}，{place.name}召开{subject}新闻发布会，介绍{place.name}{subject}工作进展和下一步工作安排。",
                wl.PRESS_LEADS[:1],
            )
        )
        paras.append(_npara(rng, ctx, wl.PRESS_LEADS[1], wl.PROGRESS_STATS))
        paras.append(_npara(rng, ctx, wl.PRESS_LEADS[2], wl.NEXT_STEPS))
    elif any(x in title for x in ("召开", "会议", "推进会", "座谈会", "调度会")):
        if "常务会议" in title or "党组会议" in title:
            meeting = (
                "厅党组会议"
                if place.level == "department"
                else f"{place.gov_short}第{rng.randint(8, 60)}次常务会议"
            )
            first = f"{md}，{lead}主持召开{meeting}，研究部署{subject}等工作。会议传达学习了上级有关会议精神，听取了{ctx['dept']}工作情况汇报。"
        elif title.endswith("召开"):
            first = f"{md}，{title.removesuffix('召开')}在{place.name}召开。{lead}出席会议并讲话。会议传达学习了上级有关会议精神，总结前一阶段工作，部署下一阶段任务。"
        else:
            actor = title.split("召开", 1)[0] if "召开" in title else place.gov_short
            name = title.split("召开", 1)[1] if "召开" in title else title.replace("召开", "")
            first = f"{md}，{actor}召开{name}，总结前一阶段工作，部署下一阶段任务。{lead}出席会议并讲话。会议传达学习了上级有关会议精神。"
        paras.append(_npara(rng, ctx, first))
        paras.append(_npara(rng, ctx, rng.choice(wl.MEETING_POINTS), wl.MEETING_POINTS, max_extra=1))
        paras.append(_npara(rng, ctx, rng.choice(wl.MEETING_STRESS), wl.MEETING_STRESS, max_extra=1))
        paras.append(
            _npara(
                rng,
                ctx,
                rng.choice(wl.MEETING_REQUIRE) + rng.choice(wl.MEETING_ATTEND),
                wl.MEETING_REQUIRE,
                max_extra=1,
            )
        )
    elif any(x in title for x in wl.INSPECT_VERBS) or "带队" in title:
        paras.append(_npara(rng, ctx, f"{md}，{lead}到{ctx['loc']}调研{subject}工作。", wl.INSPECT_LEADS[:1]))
        paras.append(_npara(rng, ctx, rng.choice(wl.INSPECT_LEADS[1:]), wl.INSPECT_LEADS[1:]))
        paras.append(_npara(rng, ctx, rng.choice(wl.INSPECT_POINTS), wl.INSPECT_POINTS))
        if rng.random() < 0.5:
            paras.append(
                _npara(
                    rng,
                    ctx,
                    "{ltitle2}{leader2}，{direct}有关部门和{loc}主要负责同志陪同调研。",
                    wl.INSPECT_POINTS,
                )
            )
    elif "措施" in title:
        topic = _topic_for_text(subject, place)
        n = re.search(r"出台(\d+)条", title)
        count = n.group(1) if n else str(rng.randint(8, 30))
        paras.append(
            _npara(
                rng,
                ctx,
                f"近日，{place.name}印发《关于{subject}的若干措施》（以下简称《措施》），从政策支持、要素保障、服务优化等方面提出{count}条具体举措。",
            )
        )
        if topic:
            h, d = rng.choice(topic.measures)
            paras.append(_npara(rng, ctx, f"《措施》明确，要{h}。{_fmt(d, ctx)}"))
        else:
            paras.append(
                _npara(
                    rng,
                    ctx,
                    "《措施》明确，{place}将建立{subject}工作专班，实行清单化管理，每季度通报工作进展。",
                    wl.PROGRESS_MEASURES,
                )
            )
        paras.append(_npara(rng, ctx, rng.choice(wl.PROGRESS_QUOTES), wl.NEXT_STEPS))
    else:
        paras.append(
            _npara(
                rng,
                ctx,
                "今年以来，{place}坚持把{subject}作为重点工作来抓，{method}，各项工作取得明显成效。".replace(
                    "{method}", rng.choice(wl.METHODS)
                ),
                wl.PROGRESS_STATS,
            )
        )
        paras.append(_npara(rng, ctx, rng.choice(wl.PROGRESS_MEASURES), wl.PROGRESS_MEASURES))
        paras.append(_npara(rng, ctx, rng.choice(wl.PROGRESS_QUOTES), wl.PROGRESS_STATS))
    if len(paras) < 5 and rng.random() < 0.6:
        paras.append(_npara(rng, ctx, rng.choice(wl.NEXT_STEPS), wl.NEXT_STEPS))
    return paras


def _notice_body(
    rng: random.Random, place: Place, title: str, when: date, subject: str, dkey: str
) -> list[str]:
    ctx = _context(rng, place, when, subject, dkey)
    default_issuer = ctx["dept"] if dkey else place.office
    issuer = _issuer_from_title(place, title, default_issuer)
    sign = signature_line(issuer, when)
    road = rng.choice(wl.ROADS)
    contact = f"联系人：{ctx['contact']}，联系电话：{ctx['phone']}。"

    if "关于印发" in title:
        doc = title.split("关于印发", 1)[1].removesuffix("的通知")
        return [
            place.salutation if issuer in (place.government, place.office) else "各有关单位：",
            _para(
                rng,
                ctx,
                f"《{doc}》已经研究同意，现印发给你们，请结合实际认真贯彻执行。",
                ("各单位要进一步提高认识，加强组织领导，细化工作措施，确保各项任务落到实处。",),
                max_extra=1,
            ),
            _para(
                rng,
                ctx,
                f"各{place.subs}和{place.direct}有关单位要按照职责分工，抓紧制定具体落实措施，明确责任人和完成时限，确保{subject}各项工作有序推进、取得实效。",
            ),
            _para(rng, ctx, f"执行过程中遇到的问题，请及时向{ctx['dept']}反映。{contact}"),
            sign,
        ]
    if "征求意见" in title:
        doc = title.split("《", 1)[-1].split("》", 1)[0] if "《" in title else f"{subject}文件"
        return [
            _para(
                rng,
                ctx,
                f"为{_fmt(rng.choice(wl.POLICY_GOALS), ctx)}，{issuer if issuer != place.office else ctx['dept']}起草了《{doc}》，现向社会公开征求意见。欢迎有关单位和各界人士提出意见建议。",
            ),
            _para(
                rng,
                ctx,
                f"一、通过电子邮件将意见建议发送至zqyj@example.com，邮件主题请注明“{subject}意见建议”。二、通过信函寄至{place.owner}{road}{rng.randint(1, 300)}号，并在信封上注明“征求意见”字样。",
            ),
            _para(
                rng,
                ctx,
                f"意见反馈截止时间为{ctx['deadline']}。提出意见建议时请注明真实姓名和联系方式，以便进一步沟通。{contact}",
            ),
            "特此公告。",
            sign,
        ]
    if "公开招聘" in title:
        jobs = "、".join(rng.sample(list(wl.RECRUIT_JOBS), 3))
        return [
            _para(
                rng,
                ctx,
                f"根据《事业单位人事管理条例》和{place.owner}事业单位公开招聘有关规定，经研究，决定面向社会公开招聘工作人员{rng.randint(5, 60)}名。现将有关事项公告如下。",
            ),
            _para(
                rng,
                ctx,
                f"一、招聘岗位及条件。本次招聘岗位包括{jobs}等，具体岗位、人数及资格条件详见附件。应聘人员须具有良好的政治素质和道德品行，身体健康，年龄一般在35周岁以下。",
            ),
            _para(
                rng,
                ctx,
                f"二、报名方式。报名采取网上报名方式，报名时间为{ctx['date']}至{ctx['deadline']}。应聘人员只能选择一个岗位报名，报名时提交的信息和材料应当真实、准确、完整。",
            ),
            _para(
                rng,
                ctx,
                f"三、考试与聘用。考试采取笔试和面试相结合的方式进行，按照考试总成绩从高到低确定体检、考察人选，经公示无异议后按规定办理聘用手续。咨询电话：{ctx['phone']}。",
            ),
            "特此公告。",
            sign,
        ]
    if "暂停" in title:
        service = next((s for s in wl.SUSPEND_SERVICES if s in title), "业务系统")
        start = when + timedelta(days=rng.randint(2, 6))
        end = start + timedelta(days=rng.randint(1, 2))
        return [
            _para(
                rng,
                ctx,
                f"因{service}升级改造，{date_cn(start)}（{_WEEKDAYS[start.weekday()]}）18时至{date_cn(end)}（{_WEEKDAYS[end.weekday()]}）8时，{service}将暂停服务，线上线下相关业务暂停办理。",
            ),
            _para(
                rng,
                ctx,
                f"系统升级期间，如有紧急业务需求，可拨打12345政务服务便民热线或服务电话{ctx['phone']}咨询。系统恢复后，各项业务将按原渠道正常办理，已提交的申请不受影响。",
            ),
            _para(rng, ctx, "由此给广大群众和企业带来的不便，敬请谅解。感谢大家对我们工作的理解与支持。"),
            "特此公告。",
            sign,
        ]
    if "交通管制" in title:
        road_in = next((r for r in wl.ROADS if r in title), road)
        work = next((w for w in wl.ROAD_WORKS if w in title), "道路施工")
        end = when + timedelta(days=rng.randint(30, 120))
        police = (
            f"{place.name}公安局交通警察支队" if place.level == "city" else f"{place.name}公安局交通管理大队"
        )
        return [
            _para(
                rng,
                ctx,
                f"因{road_in}{work}需要，为保障施工安全和道路交通安全畅通，根据《中华人民共和国道路交通安全法》有关规定，决定对{road_in}部分路段实施交通管制。现将有关事项通告如下。",
            ),
            _para(
                rng,
                ctx,
                f"一、管制时间：{date_cn(when)}至{date_cn(end)}。二、管制范围：{road_in}（{rng.choice(wl.ROADS)}路口至{rng.choice(wl.ROADS)}路口）段，管制期间该路段实行半幅封闭施工，禁止大型货车通行。",
            ),
            _para(
                rng,
                ctx,
                "三、过往车辆和行人请服从现场交通民警和施工人员指挥，提前规划出行路线，选择周边道路绕行。对违反本通告的，公安机关交通管理部门将依法处理。",
            ),
            "特此通告。",
            signature_line(police, when),
        ]
    if "政务服务中心办公时间" in title:
        holiday = next((h for h in wl.HOLIDAYS if h in title), "节假日")
        return [
            _para(
                rng,
                ctx,
                f"根据国家有关节假日安排，结合{place.name}政务服务工作实际，现将{when.year}年{holiday}期间{place.name}政务服务中心办公时间安排公告如下。",
            ),
            _para(
                rng,
                ctx,
                f"{holiday}放假期间，政务服务中心大厅暂停对外服务，节后第一个工作日恢复正常办公。放假期间，政务服务“一网通办”平台网上办事服务正常运行，群众和企业可通过网上办、掌上办等方式办理相关事项。",
            ),
            _para(
                rng,
                ctx,
                f"假期期间如有紧急事项，可拨打12345政务服务便民热线或值班电话{ctx['phone']}咨询。由此带来的不便，敬请谅解。",
            ),
            "特此公告。",
            sign,
        ]
    if "生育服务证" in title and title.endswith("公告"):
        return [
            _para(
                rng,
                ctx,
                f"为进一步优化生育服务，方便群众办事，自{ctx['date']}起，{place.name}生育服务证实行网上办理和告知承诺制。现将有关事项公告如下。",
            ),
            _para(
                rng,
                ctx,
                "一、办理对象。夫妻双方或一方户籍在本地，或者夫妻双方在本地居住的，均可申请办理生育服务证。办理时只需提供夫妻双方身份证明，不再要求提供婚育情况证明等材料。",
            ),
            _para(
                rng,
                ctx,
                f"二、办理方式。群众可通过{place.name}政务服务网“一网通办”专区在线申请，也可到户籍地或现居住地乡镇（街道）便民服务中心窗口办理，符合条件的当场办结。",
            ),
            _para(
                rng,
                ctx,
                f"三、咨询方式。办理过程中如有疑问，可拨打12345政务服务便民热线或{ctx['dept']}咨询电话{ctx['phone']}。",
            ),
            "特此公告。",
            sign,
        ]
    if "住房公积金" in title and "调整" in title:
        return [
            place.salutation if issuer in (place.government, place.office) else "各有关单位：",
            _para(
                rng,
                ctx,
                f"根据国家和省住房公积金管理有关规定，经{place.name}住房公积金管理委员会审议通过，现就调整住房公积金有关政策通知如下。",
            ),
            _para(
                rng,
                ctx,
                f"一、{when.year}年度住房公积金缴存基数按照职工本人上一年度月平均工资确定，上限不超过上一年度职工月平均工资的3倍，下限不低于当地最低工资标准，缴存比例为5%至12%。",
            ),
            _para(
                rng,
                ctx,
                f"二、缴存职工家庭首次购买自住住房的，个人住房贷款最高额度适当提高。三、本通知自印发之日起执行，执行中遇到的问题请及时向{place.name}住房公积金管理中心反映。{contact}",
            ),
            "特此通知。",
            sign,
        ]
    if "公示" in title:
        units = "、".join(
            rng.sample(list(place.localities) or [place.name], min(3, len(place.localities) or 1))
        )
        units += "、" + "、".join(rng.sample(list(place.departments), 2))
        end = when + timedelta(days=7)
        return [
            _para(
                rng,
                ctx,
                f"根据有关工作安排，经单位申报、资格审查、专家评审等程序，现将{title.removesuffix('名单公示')}名单予以公示，公示期为{ctx['date']}至{date_cn(end)}。",
            ),
            _truncate(
                f"拟列入名单（排名不分先后）：{units}等单位。公示对象的具体情况可在{place.government}门户网站查阅，也可到{ctx['dept']}查询。"
            ),
            _para(
                rng,
                ctx,
                f"公示期间，如对公示对象有异议，请以书面形式实名向{ctx['dept']}反映，并提供必要的证明材料。匿名或无具体事实的反映不予受理。{contact}",
            ),
            "特此公示。",
            sign,
        ]
    if title.endswith("通报"):
        start = when - timedelta(days=rng.randint(20, 40))
        return [
            "各有关单位：" if rng.random() < 0.5 else place.salutation,
            _para(
                rng,
                ctx,
                f"为推动{subject}各项工作落实落细，{date_cn(start)}至{date_cn(when - timedelta(days=5))}，{ctx['dept']}组织对{place.scope}{subject}工作开展了检查。现将检查情况通报如下。",
            ),
            _para(
                rng,
                ctx,
                "一、总体情况。本次共检查单位{n2}个，总体合格率{p1}%。大多数单位能够按照要求落实工作责任，工作台账规范，各项措施落实较好。",
            ),
            _para(
                rng,
                ctx,
                "二、存在问题。检查发现，个别单位对工作重视不够，责任落实不到位；部分单位工作台账不规范，信息更新不及时；少数单位问题整改进度较慢。",
            ),
            _para(
                rng,
                ctx,
                f"三、整改要求。各有关单位要对照检查发现的问题，认真分析原因，于{ctx['m2']}月{ctx['d2']}日前完成整改，并将整改情况书面报送{ctx['dept']}。{contact}",
            ),
            "特此通报。",
            sign,
        ]
    # 通知 (default)
    items = [*rng.sample(list(wl.NOTICE_ITEMS[:-2]), rng.randint(1, 2)), rng.choice(wl.NOTICE_ITEMS[-2:])]
    body = [
        "各有关单位：" if rng.random() < 0.5 else place.salutation,
        _para(rng, ctx, rng.choice(wl.NOTICE_PURPOSES)),
    ]
    for i, (heading, detail) in enumerate(items):
        body.append(_item_para(rng, ctx, f"{_CN_NUM[i]}、", heading, _fmt(detail, ctx)))
    body += ["特此通知。", sign]
    return body


def _person_line(rng: random.Random, place: Place, when: date) -> str:
    name = person_name(rng)
    sex = rng.choice(("男", "男", "女"))
    born = f"{rng.randint(1970, 1990)}年{rng.randint(1, 12)}月"
    edu = rng.choice(("大学", "研究生", "在职研究生"))
    degree = rng.choice(("", "，法学硕士", "，工学学士", "，管理学硕士", "，经济学学士"))
    posts = wl.EDU_POSTS if place.level == "department" else wl.POSTS
    d1, d2 = rng.sample(list(place.departments), 2)
    return (
        f"{name}，{sex}，汉族，{born}生，{edu}学历{degree}，中共党员，现任{d1}{rng.choice(posts)}，"
        f"拟任{d2}{rng.choice(posts)}。该同志政治素质好，工作经验丰富，群众基础较好。"
    )


def _personnel_body(rng: random.Random, place: Place, title: str, when: date) -> list[str]:
    ctx = _context(rng, place, when, "干部人事", "hrss")
    posts = wl.EDU_POSTS if place.level == "department" else wl.POSTS
    end = when + timedelta(days=7)
    if "任免" in title or "任职" in title or "免职" in title:
        m = re.search(r"关于(.+?)(?:等\d*名?)?同志", title)
        first = m.group(1) if m else person_name(rng)
        names = [first] + [person_name(rng) for _ in range(rng.randint(2, 3))]
        appoint = "；".join(f"{n}为{rng.choice(place.departments)}{rng.choice(posts)}" for n in names)
        remove = "；".join(
            f"{person_name(rng)}的{rng.choice(place.departments)}{rng.choice(posts)}职务" for _ in range(3)
        )
        meeting = (
            "厅党组会议"
            if place.level == "department"
            else f"{place.gov_short}第{rng.randint(8, 60)}次常务会议"
        )
        body = [
            place.salutation,
            f"经{when.year}年{when.month}月{rng.randint(1, max(1, when.day))}日{meeting}研究决定：",
            _truncate(f"任命{appoint}。以上同志任职时间自本通知印发之日起计算。"),
        ]
        if "任职" not in title:
            body.append(_truncate(f"免去{remove}。以上同志免职后，另有任用的按程序办理。"))
        else:
            body.append(
                _para(
                    rng,
                    ctx,
                    "请有关单位按照干部管理权限做好工作交接，确保各项工作平稳有序衔接，并将任职情况及时报送组织人事部门备案。",
                )
            )
        body.append(
            _para(
                rng,
                ctx,
                "以上任职人员按规定实行任职试用期制度，试用期一年，试用期满后由任免机关进行考核，考核合格的正式任职。",
                (
                    "各有关单位要做好工作交接，确保工作平稳有序。",
                    "被免职同志要按照有关规定做好工作移交。",
                ),
            )
        )
        return [*body, "特此通知。", signature_line(place.government, when)]
    if "任前公示" in title:
        return [
            _para(
                rng,
                ctx,
                f"根据《党政领导干部选拔任用工作条例》等有关规定，经研究，拟提拔任用以下同志，现将有关情况予以公示。公示时间为{ctx['date']}至{date_cn(end)}（5个工作日）。",
            ),
            *[_truncate(_person_line(rng, place, when)) for _ in range(rng.randint(2, 3))],
            _para(
                rng,
                ctx,
                f"公示期间，个人或单位可通过来信、来电、来访等方式，向{place.party_org}反映公示对象在德、能、勤、绩、廉等方面的情况和问题。反映问题要实事求是，提倡署真实姓名。联系电话：{ctx['phone']}。",
            ),
            signature_line(place.party_org, when),
        ]
    unit = next((d for d in place.departments if d in title), dept_name(place, "hrss"))
    if "试用期满" in title:
        m = re.search(r"(\S{2,3}?)等(\d+)名同志", title)
        first, count = (m.group(1)[-3:], int(m.group(2))) if m else (person_name(rng), 3)
        first = next((first[i:] for i in range(len(first)) if first[i:][:1] in wl.SURNAMES), first)
        posts = wl.EDU_POSTS if place.level == "department" else wl.POSTS
        people = "、".join([first] + [person_name(rng) for _ in range(min(count, 6) - 1)])
        return [
            _para(
                rng,
                ctx,
                f"根据《中华人民共和国公务员法》《事业单位人事管理条例》等有关规定，{unit}对新录用（聘用）人员试用期满情况进行了考核，考核结果均为合格，拟按规定办理任职定级手续。现将有关情况予以公示。",
            ),
            _truncate(
                f"考核合格人员：{people}，共{min(count, 6)}名同志，拟任职务（岗位）为{rng.choice(posts)}或相应专业技术岗位。以上人员试用期间表现良好，能够胜任岗位工作。"
            ),
            _para(
                rng,
                ctx,
                f"公示期为{ctx['date']}至{date_cn(end)}。公示期间，如有异议，可以书面或电话形式向{unit}反映。反映情况要实事求是，以真实姓名反映的优先受理。联系电话：{ctx['phone']}。",
            ),
            signature_line(unit, when),
        ]
    what = re.sub(r"公示(（[^）]*）)?$", "", title)
    steps = "笔试、面试" if "面试成绩" in title else "报名、资格审查、笔试、面试、体检和考察等程序"
    people = "、".join(
        f"{person_name(rng)}（{rng.choice(wl.RECRUIT_JOBS)}）" for _ in range(rng.randint(3, 6))
    )
    return [
        _para(
            rng,
            ctx,
            f"根据{place.owner}{when.year}年公开招聘（录用）工作有关规定，经{steps}，现将{what}予以公示。",
        ),
        _truncate(f"拟聘用（录用）人员名单如下：{people}。以上人员按岗位排列，排名不分先后。"),
        _para(
            rng,
            ctx,
            f"公示期为{ctx['date']}至{date_cn(end)}。公示期间，如对公示人员有异议，可以书面或电话形式向{unit}反映。反映情况要实事求是，以真实姓名反映的优先受理。联系电话：{ctx['phone']}。",
        ),
        signature_line(unit, when),
    ]


def _plan_body(
    rng: random.Random, place: Place, title: str, when: date, subject: str, dkey: str
) -> list[str]:
    ctx = _context(rng, place, when, subject, dkey)
    topic = _topic_for_text(title, place) or _topic_for_text(subject, place)
    year = re.search(r"(\d{4})年", title)
    y = year.group(1) if year else str(when.year)
    if "总结" in title or "报告" in title:
        paras = [
            _para(
                rng,
                ctx,
                f"{y}年，{ctx['dept'] if title.startswith(ctx['dept']) else place.name}坚持以人民为中心的发展思想，认真落实{place.owner}重大决策部署，扎实推进{subject}各项工作，全年目标任务圆满完成。现将有关情况报告如下。",
            ),
            _para(
                rng,
                ctx,
                "一、主要工作成效。全年完成重点任务{n1}项，推动解决重点难点问题{n2}个，相关指标同比增长{pct}%。",
                wl.PROGRESS_MEASURES,
            ),
            _para(
                rng,
                ctx,
                "二、存在的问题。工作推进中仍存在统筹协调机制不够健全、基层工作力量相对薄弱、部分任务进度滞后等问题，需要在今后工作中加以解决。",
            ),
            _para(
                rng,
                ctx,
                "三、下一步工作打算。将围绕{subject}重点任务，进一步完善工作机制，加强督促检查，确保各项工作取得更大成效。",
                wl.NEXT_STEPS,
            ),
        ]
        return paras
    paras = [
        _para(
            rng,
            ctx,
            f"为深入推进{subject}工作，确保{y}年各项目标任务顺利完成，结合{place.owner}实际，制定本计划。",
        )
    ]
    paras.append(
        _para(
            rng,
            ctx,
            f"一、总体目标。到{y}年底，{subject}工作机制进一步健全，重点任务全面完成，主要指标完成率达到{ctx['p2']}%以上，群众满意度明显提升。",
        )
    )
    if topic:
        tasks = "".join(
            f"（{_CN_NUM[i]}）{h}。" for i, (h, _d) in enumerate(rng.sample(list(topic.measures), 3))
        )
        paras.append(
            _truncate(f"二、重点任务。{tasks}各项任务均明确牵头单位和完成时限，实行清单化管理、项目化推进。")
        )
    else:
        paras.append(
            _para(
                rng,
                ctx,
                "二、重点任务。（一）完善工作机制。（二）抓好重点项目。（三）强化基层基础。（四）加强宣传引导。各项任务实行清单化管理，逐项明确牵头单位和完成时限。",
            )
        )
    paras.append(
        _para(
            rng,
            ctx,
            "三、保障措施。各责任单位要加强组织领导，落实工作经费，强化督促检查，每季度末将工作进展情况报送{dept}。",
            wl.GENERIC_FILLERS,
        )
    )
    return paras


def _stats_body(rng: random.Random, place: Place, title: str, when: date) -> list[str]:
    ctx = _context(rng, place, when, "统计", "sta")
    m = re.search(r"\d{4}年(?:1—)?\d{1,2}月|\d{4}年第[一二三四]季度|\d{4}年", title)
    ctx["period"] = m.group(0) if m else f"{when.year}年{when.month}月"
    sentences = next((s for key, s in wl.STAT_SENTENCES if key in title), wl.STAT_SENTENCES[-1][1])
    fillers = (
        "上述数据由{dept}会同有关部门统计汇总。",
        "相关指标总体运行在合理区间。",
        "下一步将加强监测分析，及时发布相关数据。",
    )
    paras = [_para(rng, ctx, s, (), fillers=fillers) for s in sentences]
    paras.append(wl.STAT_NOTE)
    return paras


_FINANCE_FILLERS: tuple[str, ...] = (
    "具体数据详见附表。",
    "上述资金严格按照有关规定使用和管理。",
    "本部门将持续加强预算管理，提高财政资金使用效益。",
    "相关数据已按规定向社会公开，接受社会监督。",
)
_PROC_FILLERS: tuple[str, ...] = (
    "本项目相关信息以西地省政府采购网发布的为准。",
    "供应商应认真阅读采购文件的各项要求。",
    "本公告在西地省政府采购网和采购人门户网站同步发布。",
)


def _finance_body(rng: random.Random, place: Place, title: str, when: date) -> list[str]:
    ctx = _context(rng, place, when, "财政资金管理", "fin")
    dept = next((d for d in (*place.departments, place.government) if title.startswith(d)), place.government)
    spec = next((s for s in wl.DEPT_SPECS if dept.endswith((s.province, s.city, s.county))), None)
    duty = spec.duty if spec else "负责本部门职责范围内的行政管理和公共服务工作"
    year = re.search(r"(\d{4})年", title)
    y = year.group(1) if year else str(when.year)
    if "部门预算" in title or "部门决算" in title or "整体支出" in title:
        word = "决算" if "决算" in title else "预算"
        return [
            _para(
                rng,
                ctx,
                fillers=_FINANCE_FILLERS,
                first=f"一、部门基本情况。{dept}主要职责是：{duty}。本部门{word}由部门本级及所属{rng.randint(1, 6)}个预算单位{word}组成。",
            ),
            _para(
                rng,
                ctx,
                fillers=_FINANCE_FILLERS,
                first=f"二、收支{word}总体情况。{y}年收入{word}{{wan}}万元，其中一般公共预算拨款收入{{wan}}万元；支出{word}{{wan}}万元，主要用于保障机构正常运转和履行部门职责。",
            ),
            _para(
                rng,
                ctx,
                fillers=_FINANCE_FILLERS,
                first=f"三、“三公”经费{word}情况。{y}年“三公”经费{word}{{amt}}万元，其中因公出国（境）费0万元，公务接待费{{small}}万元，公务用车购置及运行维护费{{amt}}万元，较上年有所下降。",
            ),
            _para(
                rng,
                ctx,
                fillers=_FINANCE_FILLERS,
                first="四、其他重要事项说明。本部门机关运行经费严格控制在规定标准以内，政府采购预算和绩效目标已按规定编制，所有项目支出均设置了绩效目标。",
            ),
        ]
    if "采购意向" in title:
        buyer = next((d for d in place.departments if d in title), place.government)
        projects = wl.EDU_PROC_PROJECTS if place.level == "department" else wl.PROC_PROJECTS
        picks = rng.sample(list(projects), 2)
        lines = [
            template.format(year=y, loc=_pick_loc(rng, place), n=rng.randint(1, 4)) for template, _k in picks
        ]
        month = rng.randint(max(1, when.month), 12)
        return [
            _para(
                rng,
                ctx,
                fillers=_FINANCE_FILLERS,
                first=f"为便于供应商及时了解政府采购信息，根据政府采购意向公开的有关规定，现将{buyer}{y}年{month}月至12月政府采购意向公开如下。",
            ),
            _truncate(
                f"一、采购项目名称：{lines[0]}；采购需求概况：{lines[0].removesuffix('项目')}，具体以采购文件为准；预算金额：{rng.randint(20, 900)}万元；预计采购时间：{y}年{month}月。"
            ),
            _truncate(
                f"二、采购项目名称：{lines[1]}；采购需求概况：{lines[1].removesuffix('项目')}，具体以采购文件为准；预算金额：{rng.randint(20, 900)}万元；预计采购时间：{y}年{min(12, month + 1)}月。"
            ),
            _para(
                rng,
                ctx,
                fillers=_FINANCE_FILLERS,
                first="本次公开的采购意向是本单位政府采购工作的初步安排，具体采购项目情况以相关采购公告和采购文件为准。",
            ),
        ]
    if "三公" in title:
        return [
            _para(
                rng,
                ctx,
                fillers=_FINANCE_FILLERS,
                first=f"{y}年{dept}“三公”经费合计{{amt}}万元，严格落实过紧日子要求，较上年减少{{small}}万元。",
            ),
            _para(
                rng,
                ctx,
                fillers=_FINANCE_FILLERS,
                first="其中，因公出国（境）费0万元，本年度无因公出国（境）安排；公务接待费{small}万元，主要用于接待上级部门检查指导工作，共接待{n1}批次。",
            ),
            _para(
                rng,
                ctx,
                fillers=_FINANCE_FILLERS,
                first="公务用车购置及运行维护费{amt}万元，其中公务用车购置费0万元，公务用车运行维护费主要用于车辆燃料、维修、保险等支出。",
            ),
        ]
    if "专项资金" in title or "补贴资金" in title:
        fund = next((f for f in wl.FUNDS if f in title), "相关")
        return [
            _para(
                rng,
                ctx,
                fillers=_FINANCE_FILLERS,
                first=f"根据{fund}专项资金管理有关规定，经项目申报、部门审核、集体研究等程序，现将{y}年{place.owner}{fund}专项资金分配结果予以公示。",
            ),
            _para(
                rng,
                ctx,
                fillers=_FINANCE_FILLERS,
                first="本次共分配资金{wan}万元，涉及项目{n2}个，覆盖{n1}个县市区和乡镇（街道），资金重点向基层和薄弱环节倾斜。",
            ),
            _para(
                rng,
                ctx,
                fillers=_FINANCE_FILLERS,
                first=f"公示期为{ctx['date']}至{ctx['deadline']}。公示期间，如有异议，请以书面形式向{ctx['dept']}反映。联系电话：{ctx['phone']}。",
            ),
        ]
    return [
        _para(
            rng,
            ctx,
            fillers=_FINANCE_FILLERS,
            first=f"{y}年，{place.owner}财政部门坚持积极的财政政策，统筹财政资源，加强预算管理，财政运行总体平稳。",
        ),
        _para(
            rng,
            ctx,
            fillers=_FINANCE_FILLERS,
            first="一般公共预算收入{amt}亿元，同比增长{pct}%，其中税收收入占比{p1}%；一般公共预算支出{amt}亿元，同比增长{pct}%，民生支出占比保持在{p1}%左右。",
        ),
        _para(
            rng,
            ctx,
            fillers=_FINANCE_FILLERS,
            first="政府债务余额控制在限额以内，新增政府债券资金{amt}亿元，主要用于城市更新、高标准农田建设、义务教育学校建设等重点领域项目。",
        ),
        _para(
            rng,
            ctx,
            fillers=_FINANCE_FILLERS,
            first="下一步，将继续加强预算绩效管理，严控一般性支出，切实保障基本民生、工资发放和机构正常运转，防范化解地方政府债务风险。",
        ),
    ]


def _procurement_body(rng: random.Random, place: Place, title: str, when: date) -> list[str]:
    ctx = _context(rng, place, when, "政府采购", "fin")
    purchaser = next((d for d in (*place.departments, place.office) if title.startswith(d)), place.office)
    stage = next((s for s in wl.PROC_STAGES if s in title), "公开招标公告")
    project = title[len(purchaser) :].split(stage, 1)[0] if title.startswith(purchaser) else title
    code = f"{place.proc_code}-{when.year}-{rng.choice(('GK', 'CS', 'XJ', 'TP'))}-{rng.randint(1, 999):04d}"
    budget = f"{rng.randint(10, 2000)}.{rng.randint(0, 99):02d}"
    method = {
        "竞争性磋商公告": "竞争性磋商",
        "询价公告": "询价",
        "竞争性谈判公告": "竞争性谈判",
        "单一来源采购公示": "单一来源",
    }.get(stage, "公开招标")
    agency = rng.choice(wl.PROC_AGENCIES)
    road = rng.choice(wl.ROADS)
    need = f"采购需求：{project}，具体技术参数、服务内容和要求详见采购文件第三章“采购需求”"
    contact = _truncate(
        f"对本次公告内容提出询问，请按以下方式联系。采购人：{purchaser}，地址：{place.owner}{road}{rng.randint(1, 300)}号，联系人：{person_name(rng)}，联系电话：{_phone(rng)}；"
        f"采购代理机构：{agency}，联系人：{person_name(rng)}，联系电话：{_phone(rng)}。"
    )
    if "结果" in stage or "合同" in stage:
        winner = rng.choice(wl.PROC_WINNERS)
        return [
            _truncate(
                f"一、项目编号：{code}。二、项目名称：{project}。三、中标（成交）信息：供应商名称：{winner}；供应商地址：{rng.choice(('西地省', place.owner))}{rng.choice(wl.ROADS)}{rng.randint(1, 500)}号；中标（成交）金额：{rng.randint(10, 1900)}.{rng.randint(0, 99):02d}万元。"
            ),
            _truncate(f"四、主要标的信息：预算金额：{budget}万元；采购方式：{method}；{need}。"),
            _para(
                rng,
                ctx,
                fillers=_PROC_FILLERS,
                first=f"五、评审专家名单：{'、'.join(person_name(rng) for _ in range(4))}、{person_name(rng)}（采购人代表）。六、公告期限：自本公告发布之日起1个工作日。",
            ),
            contact,
        ]
    if stage in ("更正公告", "终止公告", "单一来源采购公示"):
        reason = {
            "更正公告": f"因采购需求部分技术参数调整，现对原公告及采购文件作如下更正：响应文件提交截止时间和开启时间延至{ctx['deadline']}9时30分（北京时间）。",
            "终止公告": "因采购需求发生变化，经采购人研究，本项目终止采购。已获取采购文件的供应商，请及时关注后续采购信息。",
            "单一来源采购公示": "因该项目只能从唯一供应商处采购，拟采用单一来源方式采购，现予公示。公示期为5个工作日，有关供应商和个人如有异议，可在公示期内以书面形式提出。",
        }[stage]
        return [
            _truncate(
                f"一、项目基本情况。项目编号：{code}；项目名称：{project}；采购方式：{method}；预算金额：{budget}万元；首次公告日期：{date_cn(when - timedelta(days=rng.randint(5, 20)))}。"
            ),
            _para(
                rng,
                ctx,
                fillers=_PROC_FILLERS,
                first=f"二、{stage.removesuffix('公告').removesuffix('公示')}事项。{reason}",
            ),
            _truncate(f"三、其他补充事项。{need}。其余内容不变，请各供应商注意查看。"),
            contact,
        ]
    return [
        _para(
            rng,
            ctx,
            fillers=_PROC_FILLERS,
            first=f"项目概况：{project}的潜在供应商应在西地省政府采购网获取采购文件，并于{ctx['deadline']}9时30分（北京时间）前提交响应文件。",
        ),
        _truncate(
            f"一、项目基本情况。项目编号：{code}；项目名称：{project}；采购方式：{method}；预算金额：{budget}万元（最高限价同预算金额）；{need}；合同履行期限：自合同签订之日起{rng.choice(('1年', '6个月', '90日历天', '3年'))}；本项目不接受联合体投标。"
        ),
        "二、申请人的资格要求。满足《中华人民共和国政府采购法》第二十二条规定；本项目专门面向中小企业采购；未被列入失信被执行人、重大税收违法失信主体、政府采购严重违法失信行为记录名单。",
        _truncate(
            f"三、获取采购文件。时间：{ctx['date']}至{ctx['deadline']}，每天上午9:00至12:00，下午14:30至17:30（北京时间，法定节假日除外）；方式：供应商登录西地省政府采购网下载电子采购文件；售价：0元。"
        ),
        contact,
    ]


def _overview_body(rng: random.Random, place: Place, title: str) -> list[str]:
    pages = overview_pages(place)
    for page_title, paras in pages:
        if page_title == title or page_title in title:
            return list(paras)
    return list(rng.choice(pages)[1])


def _finalize(rng: random.Random, place: Place, paras: list[str], ctx_subject: str, when: date) -> list[str]:
    """Enforce 3–8 entries, content paragraphs of 60–250 characters."""
    out: list[str] = []
    ctx = _context(rng, place, when, ctx_subject, "")
    for p in paras:
        if is_structural_line(p):
            out.append(p)
        elif len(p) < MIN_PARA:
            out.append(_para(rng, ctx, p.replace("{", "{{").replace("}", "}}")))
        else:
            out.append(_truncate(p))
    content = [p for p in out if not is_structural_line(p)]
    while len(content) < 3:
        extra = _para(rng, ctx, rng.choice(wl.NEXT_STEPS), wl.GENERIC_FILLERS)
        closing_at = next((i for i, p in enumerate(out) if p in CLOSINGS), None)
        if closing_at is None:
            tail = len(out)
            while (
                tail > 0
                and is_structural_line(out[tail - 1])
                and re.search(r"\d{4}年\d{1,2}月\d{1,2}日$", out[tail - 1])
            ):
                tail -= 1
            closing_at = tail
        out.insert(closing_at, extra)
        content.append(extra)
    while len(out) > 8:
        # drop the last content paragraph before the closing block
        idx = max(i for i, p in enumerate(out) if not is_structural_line(p))
        if sum(1 for p in out if not is_structural_line(p)) <= 3:
            break
        del out[idx]
    return out


def body_paragraphs(rng: random.Random, place: Place, kind: str, title: str, when: date) -> list[str]:
    """3–8 paragraphs fitting ``title`` for a page of column ``kind``.

    Content paragraphs are 60–250 characters; short structural lines
    (salutation, headings, ``特此通知。``, signature) may accompany them.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown column kind: {kind!r}")
    if kind == "topic":
        title = re.sub(r"^【[^】]*】|^[^｜]*｜", "", title)
    found = _find_subject(place, title)
    if found is None:
        in_title = [k for d, k in zip(place.departments, place.dept_keys, strict=True) if d in title]
        pool = [x for x in wl.FOCUS_SUBJECTS + wl.GENERAL_SUBJECTS if in_title and x[1] == in_title[0]]
        found = rng.choice(pool) if pool else None
    subject, dkey = found if found else _subject(rng, place)
    if kind in ("news", "topic"):
        paras = _news_body(rng, place, title, when, subject, dkey)
    elif kind == "notice":
        paras = _notice_body(rng, place, title, when, subject, dkey)
    elif kind == "policy":
        topic = _topic_for_text(title, place) or rng.choice(_policy_topics(place))
        issuer = _issuer_from_title(place, title, place.government)
        paras, _m = _policy_body(
            rng, place, topic, issuer, _form_from_title(title), title, when, compact=True
        )
    elif kind == "interpretation":
        inner = title.split("《", 1)[-1].split("》", 1)[0] if "《" in title else title
        issuer = _issuer_from_title(place, inner, place.government)
        paras = _interpretation_body(
            rng, place, inner, _topic_for_text(inner, place), issuer, when, (), compact=True
        )
    elif kind == "personnel":
        paras = _personnel_body(rng, place, title, when)
    elif kind == "plan":
        paras = _plan_body(rng, place, title, when, subject, dkey)
    elif kind == "statistics":
        paras = _stats_body(rng, place, title, when)
    elif kind == "finance":
        paras = _finance_body(rng, place, title, when)
    elif kind == "procurement":
        paras = _procurement_body(rng, place, title, when)
    else:  # overview
        paras = _overview_body(rng, place, title)
    return _finalize(rng, place, paras, subject, when)
