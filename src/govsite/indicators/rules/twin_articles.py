"""Twin articles (雷同稿件, SPEC §7 不准确): articles identical but for dates, names and titles.

Bodies are compared, not titles: digits (so every date reads alike), punctuation and spaces are
dropped. Two articles are twins when the Jaccard similarity of their character shingles
(`shingle_chars` long) reaches the rule set's `similarity`. Twins are grouped into clusters (a
notice copied every year for five years is one cluster of five); each copy beyond the first costs
the rule set's points, capped.

Comparing every pair of 2,000 articles is 2 million shingle-set comparisons, and even a MinHash
signature per article costs about a second in pure Python (measured: building the shingle sets of
2,000 bodies of 1,500 characters alone takes ~0.5 s). So candidates come from a cheaper index and
only candidates are shingled:
1. bodies identical after folding are twins outright (one dictionary lookup each);
2. the other bodies are cut into clauses at punctuation and digits (content-defined chunks, which a
   changed name or date spoils only locally); each article keeps a sketch of 16 of its clauses,
   chosen by checksum so that copies choose alike, and an inverted index over the sketches finds
   the pairs sharing at least 3 sketched clauses and a fifth of all their clauses;
3. each candidate pair is verified by the exact shingle Jaccard, so no pair is reported on a guess.
Limits, by design: a sketched clause found in more than `_MAX_CLAUSE_ARTICLES` articles is
boilerplate and makes no candidates; twins are found when a good share of their clauses is unchanged
(by a binomial estimate, at a third of them unchanged about 1 pair in 20 is missed, at a half 1 in
500) — a copy whose every sentence was reworded is not a twin report in the sense of §7.
Measured: 2,020 bodies of 1,600 characters (20 of them twins) in ~0.3 s, mostly the clause split.

Not twins: the same URL listed twice, and the same article (same title, date and body) shown in two
columns — that is one article, not a copy.
"""

import datetime
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..findings import Finding
from ..inspection import ArticleEvidence, SiteEvidence
from ..limits import TwinArticles
from ..ruleset import RuleSet
from .common import SAMPLE, deduction, iso, number, points, points_text

RULE = "twin_articles"

# Clauses end at punctuation and spaces; digits are dropped with them, so every date reads alike.
_SEPARATORS = re.compile(r"[\W\d_]+")
_MIN_CLAUSE = 6  # shorter clauses ("特此通知", "附件") are too common to mean anything
_SKETCH = 16  # clauses sketched per article
_MIN_SHARED = 3  # sketch clauses two articles must share to be verified
_MAX_CLAUSE_ARTICLES = 100  # a sketch clause in more articles than this is boilerplate
_MIN_COMMON_CLAUSES = 0.2  # share of the smaller article's clauses a candidate pair must have in common


@dataclass(frozen=True, slots=True)
class TwinPair:
    first: ArticleEvidence
    second: ArticleEvidence
    similarity: float


@dataclass(frozen=True, slots=True)
class TwinCluster:
    """Articles that are copies of one another, with the pairs that tied them together."""

    articles: tuple[ArticleEvidence, ...]
    pairs: tuple[TwinPair, ...]  # strongest first

    def as_evidence(self) -> dict[str, object]:
        similarities = [pair.similarity for pair in self.pairs]
        return {
            "articles": len(self.articles),
            "members": [
                {"url": article.url, "title": article.title, "published": iso(article.published)}
                for article in self.articles
            ],
            "pairs": [
                {"first": pair.first.url, "second": pair.second.url, "similarity": pair.similarity}
                for pair in self.pairs[: 2 * SAMPLE]
            ],
            "similarity_min": min(similarities),
            "similarity_max": max(similarities),
        }


def fold(text: str) -> list[str]:
    """The body as clauses: cut at punctuation, spaces and digits, which are dropped."""
    return [clause for clause in _SEPARATORS.split(text) if clause]


def shingles(body: str, size: int) -> set[str]:
    return {body[start : start + size] for start in range(max(len(body) - size + 1, 1))}


def jaccard(first: set[str], second: set[str]) -> float:
    if not first and not second:
        return 1.0
    common = len(first & second)
    return common / (len(first) + len(second) - common)


def find_twins(articles: Iterable[ArticleEvidence], numbers: TwinArticles) -> list[TwinCluster]:
    """Clusters of twin articles, the largest first."""
    kept: list[ArticleEvidence] = []
    bodies: list[str] = []
    clause_sets: list[set[str]] = []
    seen_urls: set[str] = set()
    seen_articles: set[tuple[str, datetime.date | None, str]] = set()
    for article in articles:
        if article.url in seen_urls:
            continue
        seen_urls.add(article.url)
        clauses = fold(article.text)
        body = "".join(clauses)
        if len(body) < numbers.min_chars:
            continue
        identity = ("".join(fold(article.title)), article.published, body)
        if identity in seen_articles:  # one article shown in two columns
            continue
        seen_articles.add(identity)
        kept.append(article)
        bodies.append(body)
        clause_sets.append({clause for clause in clauses if len(clause) >= _MIN_CLAUSE})

    edges: list[tuple[int, int, float]] = []
    first_with_body: dict[str, int] = {}
    distinct: list[int] = []
    for index, body in enumerate(bodies):
        original = first_with_body.setdefault(body, index)
        if original == index:
            distinct.append(index)
        else:
            edges.append((original, index, 1.0))
    edges += _near_duplicates(distinct, bodies, clause_sets, numbers)
    return _clusters(kept, edges)


def _near_duplicates(
    candidates: Sequence[int], bodies: Sequence[str], clause_sets: Sequence[set[str]], numbers: TwinArticles
) -> list[tuple[int, int, float]]:
    # Each article is represented by a sketch: its `_SKETCH` clauses of smallest checksum, a fixed
    # pseudo-random choice, so two copies sketch mostly the same clauses (the bottom-k sketch of
    # MinHash, on clauses). Only clauses in sketches get posting lists, which keeps the pair counting
    # small even on sites where many articles share boilerplate sentences.
    sketches = {index: _sketch(clause_sets[index]) for index in candidates}
    postings: dict[str, list[int]] = defaultdict(list)
    for index, sketch in sketches.items():
        for clause in sketch:
            postings[clause].append(index)
    pairs: list[tuple[int, int]] = []
    for index in candidates:
        sketch = sketches[index]
        # Count, in C, how many sketched clauses each other article shares with this one.
        sharing: Counter[int] = Counter()
        for clause in sketch:
            holders = postings[clause]
            if 1 < len(holders) <= _MAX_CLAUSE_ARTICLES:  # more: boilerplate, no evidence of copying
                sharing.update(holders)
        need = min(_MIN_SHARED, len(sketch))
        pairs += [
            (index, other)
            for other, count in sharing.items()
            if other > index and count >= need and count >= min(_MIN_SHARED, len(sketches[other]))
        ]
    cache: dict[int, set[str]] = {}

    def shingled(index: int) -> set[str]:
        if index not in cache:
            cache[index] = shingles(bodies[index], numbers.shingle_chars)
        return cache[index]

    edges: list[tuple[int, int, float]] = []
    for first, second in pairs:
        # A cheap bound before the shingles: copies keep a good share of their clauses word for word.
        smaller = min(len(clause_sets[first]), len(clause_sets[second]))
        if len(clause_sets[first] & clause_sets[second]) < _MIN_COMMON_CLAUSES * smaller:
            continue
        similarity = jaccard(shingled(first), shingled(second))
        if similarity >= numbers.similarity:
            edges.append((first, second, round(similarity, 4)))
    return edges


def _sketch(clauses: set[str]) -> list[str]:
    # crc32 rather than hash(): the same site must give the same candidates in every process.
    ordered = list(clauses)
    by_checksum = dict(zip(map(zlib.crc32, map(str.encode, ordered)), ordered, strict=True))
    return [by_checksum[checksum] for checksum in sorted(by_checksum)[:_SKETCH]]


def _clusters(
    articles: Sequence[ArticleEvidence], edges: Sequence[tuple[int, int, float]]
) -> list[TwinCluster]:
    parent = list(range(len(articles)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for first, second, _ in edges:
        parent[root(first)] = root(second)
    members: dict[int, list[int]] = defaultdict(list)
    pairs: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
    for first, second, similarity in edges:
        pairs[root(first)].append((first, second, similarity))
    for index in range(len(articles)):
        if root(index) in pairs:
            members[root(index)].append(index)
    clusters = [
        TwinCluster(
            articles=tuple(articles[index] for index in sorted(members[key], key=lambda i: articles[i].url)),
            pairs=tuple(
                TwinPair(articles[first], articles[second], similarity)
                for first, second, similarity in sorted(
                    pairs[key], key=lambda edge: (-edge[2], articles[edge[0]].url, articles[edge[1]].url)
                )
            ),
        )
        for key in members
    ]
    clusters.sort(key=lambda cluster: (-len(cluster.articles), cluster.articles[0].url))
    return clusters


def rule(site: SiteEvidence, today: datetime.date, ruleset: RuleSet) -> list[Finding]:
    numbers = ruleset.twin_articles
    clusters = find_twins(site.articles, numbers)
    if not clusters:
        return []
    copies = sum(len(cluster.articles) - 1 for cluster in clusters)
    amount = points(copies, numbers.points_each, numbers.max_points)
    example = clusters[0].pairs[0]
    summary = (
        f"雷同稿件：{len(clusters)} 组文章正文几乎相同（共 {copies + len(clusters)} 篇，相似度不低于 "
        f"{number(numbers.similarity)}），如《{example.first.title}》与《{example.second.title}》相似度 "
        f"{number(example.similarity)}；{points_text(amount, numbers.points_each, numbers.max_points, unit='篇副本')}。"
        "请核实是否套用旧稿仅改动日期、人名和标题。"
    )
    return [deduction(RULE, summary, [cluster.as_evidence() for cluster in clusters], amount)]
