"""Twin articles: bodies identical but for dates, names and titles (SPEC §7)."""

import datetime
from collections.abc import Callable

import pytest

from govsite.indicators import RuleSet, Severity, SiteEvidence
from govsite.indicators.inspection import ArticleEvidence
from govsite.indicators.rules import twin_articles
from govsite.indicators.rules.twin_articles import find_twins, fold, jaccard, shingles

SiteFactory = Callable[..., SiteEvidence]
D = datetime.date


@pytest.fixture
def report(make_body: Callable[..., str]) -> Callable[..., ArticleEvidence]:
    """A work report whose body is a fixed text around a date, a name and a place."""

    def make(
        n: int, *, date: D, name: str, place: str, seed: int = 1, title: str | None = None
    ) -> ArticleEvidence:
        text = (
            f"{date.year}年{date.month}月{date.day}日，{name}同志带队到{place}调研安全生产工作。"
            + make_body(seed, 40)
            + f"{name}强调，要压实{place}各方责任。"
        )
        return ArticleEvidence(
            f"https://www.example.gov.cn/art/{n}.html", title or f"{name}到{place}调研", date, text
        )

    return make


def test_a_report_copied_with_new_date_name_and_title(
    report: Callable[..., ArticleEvidence], ruleset: RuleSet
) -> None:
    first = report(1, date=D(2023, 5, 6), name="张建国", place="城关镇")
    second = report(2, date=D(2024, 5, 8), name="李卫东", place="河西乡")
    (cluster,) = find_twins([first, second], ruleset.twin_articles)
    assert {article.url for article in cluster.articles} == {first.url, second.url}
    (pair,) = cluster.pairs
    assert 0.9 < pair.similarity < 1.0


def test_different_articles_are_not_twins(report: Callable[..., ArticleEvidence], ruleset: RuleSet) -> None:
    articles = [report(n, date=D(2024, 5, n + 1), name="张建国", place="城关镇", seed=n) for n in range(20)]
    assert find_twins(articles, ruleset.twin_articles) == []


def test_same_article_listed_twice_is_not_a_twin(
    report: Callable[..., ArticleEvidence], ruleset: RuleSet
) -> None:
    original = report(1, date=D(2024, 5, 6), name="张建国", place="城关镇")
    in_another_column = ArticleEvidence(
        "https://www.example.gov.cn/bmdt/1.html", original.title, original.published, original.text
    )
    assert find_twins([original, original, in_another_column], ruleset.twin_articles) == []


def test_identical_body_under_another_title_is_a_twin(
    report: Callable[..., ArticleEvidence], ruleset: RuleSet
) -> None:
    original = report(1, date=D(2023, 5, 6), name="张建国", place="城关镇")
    reissued = ArticleEvidence(
        "https://www.example.gov.cn/art/9.html",
        "关于2024年安全生产检查的通知",
        D(2024, 5, 6),
        original.text.replace("2023", "2024"),
    )
    (cluster,) = find_twins([original, reissued], ruleset.twin_articles)
    assert cluster.pairs[0].similarity == 1.0


def test_short_bodies_are_skipped(report: Callable[..., ArticleEvidence], ruleset: RuleSet) -> None:
    notice = "经研究决定，现将有关事项公示如下，公示期五个工作日，如有异议请来电反映。"
    short = [ArticleEvidence(f"/{n}.html", f"公示{n}", D(2024, 1, n + 1), notice) for n in range(3)]
    assert len("".join(fold(notice))) < ruleset.twin_articles.min_chars
    assert find_twins(short, ruleset.twin_articles) == []


def test_the_similarity_threshold_is_inclusive(
    report: Callable[..., ArticleEvidence], ruleset: RuleSet
) -> None:
    first = report(1, date=D(2023, 5, 6), name="张建国", place="城关镇")
    second = report(2, date=D(2024, 5, 8), name="李卫东", place="河西乡")
    size = ruleset.twin_articles.shingle_chars
    exact = round(
        jaccard(shingles("".join(fold(first.text)), size), shingles("".join(fold(second.text)), size)), 4
    )
    at = ruleset.with_overrides({"twin_articles": {"similarity": exact}})
    above = ruleset.with_overrides({"twin_articles": {"similarity": exact + 0.0001}})
    assert len(find_twins([first, second], at.twin_articles)) == 1
    assert find_twins([first, second], above.twin_articles) == []


def test_clusters_and_points(
    report: Callable[..., ArticleEvidence], make_site: SiteFactory, today: D, ruleset: RuleSet
) -> None:
    names = ["张建国", "李卫东", "王志强"]
    copies = [report(n, date=D(2022 + n, 5, 6), name=names[n], place="城关镇") for n in range(3)]
    others = [report(10 + n, date=D(2024, 1, 1), name="赵明", place="东城", seed=100 + n) for n in range(2)]
    pair = [
        report(20, date=D(2024, 2, 1), name="孙立", place="南关", seed=7),
        report(21, date=D(2024, 3, 1), name="周强", place="北关", seed=7),
    ]
    (finding,) = twin_articles.rule(make_site(articles=(*copies, *others, *pair)), today, ruleset)
    assert (finding.rule, finding.severity, finding.points) == ("twin_articles", Severity.DEDUCTION, 3.0)
    assert finding.summary.startswith("雷同稿件：2 组文章正文几乎相同（共 5 篇")
    assert [entry["articles"] for entry in finding.evidence] == [3, 2]
    assert all(0.8 <= entry["similarity_min"] <= entry["similarity_max"] <= 1 for entry in finding.evidence)


def test_points_capped(
    report: Callable[..., ArticleEvidence], make_site: SiteFactory, today: D, ruleset: RuleSet
) -> None:
    copies = [
        report(n, date=D(2024, 1, 1) + datetime.timedelta(days=n), name=f"干部{n}", place="城关镇")
        for n in range(9)
    ]
    (finding,) = twin_articles.rule(make_site(articles=tuple(copies)), today, ruleset)
    assert finding.points == ruleset.twin_articles.max_points == 5


def test_clean_site_no_finding(make_site: SiteFactory, today: D, ruleset: RuleSet) -> None:
    assert twin_articles.rule(make_site(), today, ruleset) == []
