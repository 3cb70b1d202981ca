"""The content rules on 60 real State Council policy pages (realdata/gov_cn_policy_2019, SPEC §6).

Skipped where the shared test material is not present.
"""

import datetime
import json

import pytest

import shared_data
from govsite.indicators import RuleSet, SiteEvidence
from govsite.indicators.inspection import ArticleEvidence
from govsite.indicators.rules import metadata_inaccurate
from govsite.indicators.rules.twin_articles import find_twins, fold, jaccard, shingles

REALDATA = shared_data.REALDATA / "gov_cn_policy_2019"
pytestmark = pytest.mark.skipif(not REALDATA.is_dir(), reason="realdata/gov_cn_policy_2019 not present")


def read(name: str) -> list[dict[str, str]]:
    with (REALDATA / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def test_the_one_real_date_mismatch_is_found(today: datetime.date, ruleset: RuleSet) -> None:
    articles = tuple(
        ArticleEvidence(
            url=row["url"],
            title=row["title"],
            published=datetime.date.fromisoformat(row["pub_date"]),
            text=row["body_head"],
            written=datetime.date.fromisoformat(row["written_date"]),
            signed=datetime.date.fromisoformat(row["signature_date_in_body"]),
        )
        for row in read("ground_truth.jsonl")
    )
    site = SiteEvidence(
        url="http://www.gov.cn/", checked_at=datetime.datetime(2019, 2, 17), articles=articles
    )
    (finding,) = metadata_inaccurate.rule(site, today, ruleset)
    assert [entry["url"] for entry in finding.evidence] == [
        "http://www.gov.cn/zhengce/content/2018-12/24/content_5351624.htm"
    ]
    assert "成文日期 2004-04-17，落款日期 2004-04-27" in finding.summary


def test_sixty_distinct_real_documents_have_no_twins(ruleset: RuleSet) -> None:
    rows = read("bodies.jsonl")
    articles = [ArticleEvidence(row["url"], row["title"], None, row["body"]) for row in rows]
    assert len(articles) == 60
    assert find_twins(articles, ruleset.twin_articles) == []
    # The closest pair is two template replies (申办 by 哈尔滨 and by 深圳): similar, yet no twin.
    by_title = {article.title: article for article in articles}
    harbin = next(article for title, article in by_title.items() if "哈尔滨" in title)
    shenzhen = next(article for title, article in by_title.items() if "深圳" in title and "申办" in title)
    size = ruleset.twin_articles.shingle_chars
    similarity = jaccard(
        shingles("".join(fold(harbin.text)), size), shingles("".join(fold(shenzhen.text)), size)
    )
    assert 0.5 < similarity < ruleset.twin_articles.similarity
