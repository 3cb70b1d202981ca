"""The demo corpus: deterministic, well-formed, varied Chinese government-site content (no Django)."""

from __future__ import annotations

import ast
import random
import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from govsite.demo import corpus, wordlists
from govsite.demo.corpus import KINDS, PLACES, Place

DOC_NO = re.compile(r"^[\u4e00-\u9fa5]+〔\d{4}〕\d+号$")
CN_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
PLACE_KEYS = ("province", "city_yunchuan", "city_linjiang", "county_qingshan", "dept_education")
WHEN = date(2026, 3, 5)


def _dates(rng: random.Random, n: int) -> list[date]:
    return [date(2024, 1, 1) + timedelta(days=rng.randint(0, 800)) for _ in range(n)]


def _sample_site(seed: int, place: Place, n: int = 66) -> list[tuple[str, str, list[str]]]:
    """(kind, title, body) for ``n`` pages cycling through every kind."""
    rng = random.Random(seed)
    topics = corpus.topic_names(rng, place, 3)
    out = []
    for i, when in enumerate(_dates(rng, n)):
        kind = KINDS[i % len(KINDS)]
        title = corpus.title_for(kind, rng, place, when, topic_name=topics[i % 3])
        out.append((kind, title, corpus.body_paragraphs(rng, place, kind, title, when)))
    return out


# -- places ---------------------------------------------------------------------------------------


def test_places_cover_the_demo_cluster() -> None:
    assert tuple(PLACES) == PLACE_KEYS
    city = PLACES["city_yunchuan"]
    assert (city.name, city.short, city.government, city.level) == (
        "云川市",
        "云川",
        "云川市人民政府",
        "city",
    )
    assert city.doc_prefixes == ("云政发", "云政办发", "云政函")
    assert "云川市教育局" in city.departments and "云川市发展和改革委员会" in city.departments
    assert PLACES["province"].doc_prefixes == ("西政发", "西政办发", "西政办函")
    assert "西地省教育厅" in PLACES["province"].departments
    dept = PLACES["dept_education"]
    assert dept.level == "department" and {"西教发", "西教函"} <= set(dept.doc_prefixes)
    assert PLACES["county_qingshan"].towns and PLACES["county_qingshan"].parent == "云川市"
    assert {p.level for p in PLACES.values()} == {"province", "city", "county", "department"}
    for place in PLACES.values():
        assert place.key in PLACES
        assert len(place.departments) == len(place.dept_keys) >= 8
        assert place.leaders and all(len(name) in (2, 3) and title for name, title in place.leaders)
        assert all(prefix and re.fullmatch(r"[\u4e00-\u9fa5]+", prefix) for prefix in place.doc_prefixes)


# -- determinism ----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", PLACE_KEYS)
def test_same_seed_same_output(key: str) -> None:
    place = PLACES[key]
    assert _sample_site(2026, place) == _sample_site(2026, place)
    a, b = random.Random(5), random.Random(5)
    assert corpus.policy_document(a, place, WHEN, 3) == corpus.policy_document(b, place, WHEN, 3)
    assert corpus.topic_names(a, place, 4) == corpus.topic_names(b, place, 4)
    assert corpus.source_for(a, place, "news") == corpus.source_for(b, place, "news")
    assert corpus.author_for(a) == corpus.author_for(b)


def test_different_seeds_differ() -> None:
    place = PLACES["city_yunchuan"]
    assert _sample_site(1, place) != _sample_site(2, place)
    titles = [[corpus.news_title(random.Random(seed), place) for _ in range(5)] for seed in (1, 2)]
    assert titles[0] != titles[1]


def test_no_unordered_iteration_or_hash_in_source() -> None:
    """Output must not depend on PYTHONHASHSEED: no hash(), no set literals or set() in the corpus."""
    for module in (corpus, wordlists):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            assert not isinstance(node, (ast.Set, ast.SetComp)), f"set in {module.__name__}:{node.lineno}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("hash", "set", "frozenset"), (
                    f"{node.func.id}() in {module.__name__}"
                )


# -- titles ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("key", PLACE_KEYS)
def test_title_for_handles_every_kind(key: str, kind: str) -> None:
    rng = random.Random(11)
    place = PLACES[key]
    for when in _dates(rng, 20):
        title = corpus.title_for(kind, rng, place, when, topic_name="乡村振兴" if kind == "topic" else "")
        assert 4 <= len(title) <= 90, title
        assert "{" not in title and "}" not in title and "None" not in title


def test_title_for_rejects_unknown_kind() -> None:
    with pytest.raises(ValueError):
        corpus.title_for("gossip", random.Random(1), PLACES["province"], WHEN)
    with pytest.raises(ValueError):
        corpus.body_paragraphs(random.Random(1), PLACES["province"], "gossip", "标题", WHEN)


def test_title_functions_use_their_arguments() -> None:
    rng = random.Random(3)
    place = PLACES["city_linjiang"]
    plans = [corpus.plan_title(rng, place, 2024) for _ in range(40)]
    assert all("2024" in t or "十四五" in t for t in plans), plans
    stats = [corpus.statistics_title(rng, place, 2025, 7) for _ in range(40)]
    assert all("2025" in t or "2024" in t for t in stats)
    assert any("7月" in t for t in stats)
    assert all(re.search(r"20\d\d", corpus.finance_title(rng, place, 2025)) for _ in range(20))
    assert corpus.topic_item_title(rng, place, "乡村振兴").count("乡村振兴") >= 1
    for fn in (corpus.news_title, corpus.notice_title, corpus.personnel_title, corpus.procurement_title):
        assert fn(rng, place)


@pytest.mark.parametrize("key", PLACE_KEYS)
def test_news_titles_rarely_repeat(key: str) -> None:
    rng = random.Random(42)
    titles = [corpus.news_title(rng, PLACES[key], WHEN) for _ in range(500)]
    duplicates = len(titles) - len(set(titles))
    assert duplicates / len(titles) < 0.03, Counter(titles).most_common(5)


@pytest.mark.parametrize(
    ("kind", "count"), [("notice", 300), ("procurement", 300), ("personnel", 300), ("topic", 60)]
)
def test_other_titles_vary(kind: str, count: int) -> None:
    """Columns are smaller than 工作动态 (a topic gets about a dozen items), but still rarely repeat."""
    rng = random.Random(42)
    place = PLACES["city_yunchuan"]
    titles = [
        corpus.title_for(kind, rng, place, when, topic_name="优化营商环境")
        for when in _dates(random.Random(1), count)
    ]
    assert len(set(titles)) / len(titles) > 0.9, Counter(titles).most_common(5)


@pytest.mark.parametrize("key", ["province", "city_yunchuan", "city_linjiang", "county_qingshan"])
def test_search_phrases_occur_in_titles_and_bodies(key: str) -> None:
    place = PLACES[key]
    rng = random.Random(7)
    topics = corpus.topic_names(rng, place, 5)
    titles: list[str] = []
    bodies: list[str] = []
    for i, when in enumerate(_dates(rng, 2000)):
        kind = KINDS[i % len(KINDS)]
        titles.append(corpus.title_for(kind, rng, place, when, topic_name=topics[i % 5]))
        if i < 600:
            bodies.append("".join(corpus.body_paragraphs(rng, place, kind, titles[-1], when)))
    assert len(wordlists.KEY_PHRASES) == 20
    for phrase in wordlists.KEY_PHRASES:
        assert sum(phrase in t for t in titles) >= 5, phrase
        assert sum(phrase in b for b in bodies) >= 3, phrase


def test_no_lorem_anywhere() -> None:
    for key in PLACE_KEYS:
        for _kind, title, body in _sample_site(9, PLACES[key], 110):
            text = (title + "".join(body)).lower()
            assert "lorem" not in text and "ipsum" not in text
    for module in (corpus, wordlists):
        assert "lorem" not in Path(module.__file__).read_text(encoding="utf-8").lower()


# -- bodies ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", PLACE_KEYS)
def test_body_lengths(key: str) -> None:
    for kind, title, body in _sample_site(21, PLACES[key], 330):
        assert 3 <= len(body) <= 8, (kind, title, body)
        content = [p for p in body if not corpus.is_structural_line(p)]
        assert len(content) >= 3, (kind, title, body)
        for paragraph in body:
            assert len(paragraph) <= 250, (kind, paragraph)
            assert "{" not in paragraph and "}" not in paragraph, paragraph
        for paragraph in content:
            assert len(paragraph) >= 60, (kind, paragraph)


def test_structural_lines() -> None:
    assert corpus.is_structural_line("各有关单位：")
    assert corpus.is_structural_line("特此通知。")
    assert corpus.is_structural_line("一、总体要求")
    assert corpus.is_structural_line(corpus.signature_line("云川市人民政府办公室", WHEN))
    assert not corpus.is_structural_line("会议要求，各单位要抓好落实。")
    assert corpus.signature_line("云川市人民政府办公室", WHEN) == "云川市人民政府办公室\u30002026年3月5日"
    assert corpus.date_cn(date(2025, 6, 3)) == "2025年6月3日"


def test_notice_body_shape() -> None:
    rng = random.Random(4)
    place = PLACES["city_yunchuan"]
    seen = 0
    for _ in range(200):
        title = corpus.notice_title(rng, place, WHEN)
        if not title.endswith("的通知") or "关于印发" in title:
            continue
        body = corpus.body_paragraphs(rng, place, "notice", title, WHEN)
        assert body[0].endswith("："), body
        assert "特此通知。" in body
        assert body[-1].endswith("2026年3月5日") and len(body[-1]) > len("2026年3月5日")
        seen += 1
    assert seen > 20


def test_news_body_fits_title() -> None:
    rng = random.Random(8)
    place = PLACES["city_yunchuan"]
    checked = 0
    for _ in range(300):
        title = corpus.news_title(rng, place, WHEN)
        text = "".join(corpus.body_paragraphs(rng, place, "news", title, WHEN))
        leader = next((name for name, _t in place.leaders if name in title), None)
        if leader:
            assert leader in text, (title, text)
        if "召开" in title and "会议" in title:
            assert "会议" in text and "3月5日" in text
            checked += 1
    assert checked > 10


def test_procurement_body_has_required_items() -> None:
    rng = random.Random(6)
    for key in PLACE_KEYS:
        place = PLACES[key]
        for _ in range(30):
            title = corpus.procurement_title(rng, place, WHEN)
            text = "".join(corpus.body_paragraphs(rng, place, "procurement", title, WHEN))
            for item in ("项目编号", "预算金额", "采购需求", "联系人"):
                assert item in text, (title, item)
            for phone in re.findall(r"联系电话：(\S+?)[；。]", text):
                assert phone.startswith("0000-") or phone == "12345", phone


def test_personnel_body_lists_names() -> None:
    rng = random.Random(12)
    place = PLACES["county_qingshan"]
    for _ in range(40):
        title = corpus.personnel_title(rng, place, WHEN)
        body = corpus.body_paragraphs(rng, place, "personnel", title, WHEN)
        text = "".join(body)
        if "任免" in title:
            assert "任命" in text and "免去" in text
        if "任前公示" in title and "等" not in title:
            assert "拟任" in text
        assert CN_DATE.search(body[-1])


def test_phone_numbers_are_fictional() -> None:
    for key in PLACE_KEYS:
        for _kind, _title, body in _sample_site(31, PLACES[key], 110):
            for number in re.findall(r"\d{3,4}-\d{6,8}", "".join(body)):
                assert number.startswith("0000-"), number


# -- policy documents and interpretations --------------------------------------------------------


@pytest.mark.parametrize("key", PLACE_KEYS)
def test_policy_document_metadata(key: str) -> None:
    place = PLACES[key]
    rng = random.Random(13)
    for seq, when in enumerate(_dates(rng, 60), start=1):
        draft = corpus.policy_document(rng, place, when, seq)
        assert DOC_NO.match(draft.doc_no), draft.doc_no
        assert draft.doc_no.endswith(f"〔{when.year}〕{seq}号")
        assert draft.doc_no.split("〔")[0] in place.doc_prefixes or draft.issuer in place.departments
        assert when - timedelta(days=10) <= draft.written <= when
        assert draft.title.startswith(draft.issuer) and "关于" in draft.title
        assert draft.issuer in (place.government, place.office, *place.departments)
        assert draft.subject in wordlists.SUBJECT_CATEGORIES and "/" in draft.subject
        assert 2 <= len(draft.keywords) <= 4 and len(set(draft.keywords)) == len(draft.keywords)
        assert draft.validity == "valid"
        assert corpus.signature_line(draft.issuer, draft.written) in draft.body
        text = "".join(draft.body)
        assert "（一）" in text or "一、" in text
        for paragraph in draft.body:
            assert len(paragraph) <= 250
            assert corpus.is_structural_line(paragraph) or len(paragraph) >= 60, paragraph


def test_policy_document_forms() -> None:
    rng = random.Random(14)
    place = PLACES["city_yunchuan"]
    drafts = [corpus.policy_document(rng, place, WHEN, seq) for seq in range(1, 200)]
    prefixes = Counter(d.doc_no.split("〔")[0] for d in drafts)
    assert {"云政发", "云政办发", "云政函"} <= set(prefixes)
    assert any(d.title.endswith("的实施意见") for d in drafts)
    assert any("关于印发" in d.title for d in drafts)
    assert any(d.issuer in place.departments for d in drafts)
    assert len({d.subject for d in drafts}) >= 10
    implementing = next(d for d in drafts if d.title.endswith("的实施意见"))
    assert {"一、总体要求", "二、重点任务", "三、保障措施"} <= set(implementing.body)


@pytest.mark.parametrize("key", PLACE_KEYS)
def test_interpretation(key: str) -> None:
    place = PLACES[key]
    rng = random.Random(15)
    for seq in range(1, 20):
        draft = corpus.policy_document(rng, place, WHEN, seq)
        title, body = corpus.interpretation_for(rng, place, draft, WHEN)
        assert f"《{draft.title}》" in title
        assert "政策解读" in title or "解读" in title or "一图读懂" in title or "图解" in title
        assert {"一、起草背景", "二、主要内容", "三、创新举措"} <= set(body)
        for paragraph in body:
            assert len(paragraph) <= 250
            assert corpus.is_structural_line(paragraph) or len(paragraph) >= 60, paragraph
        # the builder passes back a draft rebuilt from the stored page (no topic, no body)
        stored = corpus.PolicyDraft(
            title=draft.title, issuer=draft.issuer, doc_no=draft.doc_no, subject=draft.subject,
            keywords=draft.keywords, written=draft.written, body=[], validity=draft.validity,
        )  # fmt: skip
        title2, body2 = corpus.interpretation_for(random.Random(seq), place, stored, WHEN)
        assert f"《{draft.title}》" in title2 and "二、主要内容" in body2


# -- topics, overview, sources -------------------------------------------------------------------


@pytest.mark.parametrize("key", PLACE_KEYS)
def test_topic_names(key: str) -> None:
    place = PLACES[key]
    rng = random.Random(16)
    for n in (1, 2, 4, 6):
        names = corpus.topic_names(rng, place, n)
        assert len(names) == len(set(names)) == n
        if n >= 2:
            assert corpus.is_historical_topic(names[-1])  # the builder closes the last one
            assert not any(corpus.is_historical_topic(name) for name in names[:-1])
    assert corpus.is_historical_topic("第七次全国人口普查")
    assert not corpus.is_historical_topic("优化营商环境")
    with pytest.raises(ValueError):
        corpus.topic_names(rng, place, 999)


@pytest.mark.parametrize("key", PLACE_KEYS)
def test_overview_pages(key: str) -> None:
    place = PLACES[key]
    pages = corpus.overview_pages(place)
    assert pages == corpus.overview_pages(place)
    assert len(pages) >= 3 and len({title for title, _p in pages}) == len(pages)
    for title, paragraphs in pages:
        assert title and 3 <= len(paragraphs) <= 8
        assert all(60 <= len(p) <= 250 for p in paragraphs), (title, paragraphs)
    titles = [title for title, _p in pages]
    if place.level != "department":
        assert {"历史沿革", "自然地理", "行政区划"} <= set(titles)
        assert titles[0].endswith("情概况")


def test_sources_and_authors() -> None:
    rng = random.Random(17)
    for key in PLACE_KEYS:
        place = PLACES[key]
        for kind in KINDS:
            source = corpus.source_for(rng, place, kind)
            assert source and len(source) <= 30 and "{" not in source
    city = PLACES["city_yunchuan"]
    assert corpus.source_for(rng, city, "statistics") == "市统计局"
    assert {corpus.source_for(rng, city, "news") for _ in range(60)} >= {"市政府办公室", "云川日报"}
    authors = {corpus.author_for(rng) for _ in range(200)}
    assert len(authors) > 150 and all(2 <= len(a) <= 3 for a in authors)
    assert not authors & set(wordlists.NAME_BLACKLIST)
