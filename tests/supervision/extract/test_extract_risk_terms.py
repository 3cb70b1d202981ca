"""Term matching: weights, the allow-list of containing words, enforcement context, and the lexicon files."""

import pytest

from govsite.indicators.inspection import ContentRisk
from govsite.supervision.extract.risk_lexicon import (
    LEXICON_DIR,
    Lexicon,
    boost,
    combine,
    default_lexicon,
    normalise,
)


def found(text: str) -> dict[str, float]:
    return {hit.term: round(hit.evidence, 3) for hit in default_lexicon().find(normalise(text))}


def test_normalise_drops_invisible_characters_and_squashes_whitespace() -> None:
    assert normalise("Ｋ８凯\u200b发  SEO\t快排\n") == "Ｋ８凯发 SEO 快排"


@pytest.mark.parametrize("written", ["k8凯发", "K8凯发", "Ｋ８凯发", "ｋ８凯发"])
def test_case_and_width_variants_match_as_the_lexicon_term(written: str) -> None:
    assert found(f"欢迎来到{written}官网") == {"k8凯发": 1.0}


@pytest.mark.parametrize(
    "text",
    [
        "路口交通拥堵，请绕行",  # 口交 inside 路口交通 (README §5 measured false positive)
        "必须按户口本上的人口交，否则",  # a real letter
        "到一楼税务窗口交税",  # a real letter
        "治理混乱交通秩序",  # 乱交 inside 混乱交通
        "中国福利彩票发行管理中心",  # official lotteries are a government topic
        "体育彩票公益金使用情况公告",
        "推动经济大发展",  # 大发 is not a term at all
        "培育一批绿色流通主体",  # 色流 inside 绿色流通 (a real gov.cn policy document)
        "第一个小孩已经快三岁",  # 快三 is not a term: real letters say 快三个月, 快三年
        "亚博会在昆明开幕",
        "k8s 集群运维",  # Latin terms only as whole words
    ],
)
def test_ordinary_words_containing_a_risky_term_do_not_match(text: str) -> None:
    assert found(text) == {}


def test_the_longer_term_wins() -> None:
    assert found("K8凯发官网") == {"k8凯发": 1.0}
    assert found("注册送彩金") == {"注册送彩金": 1.0}


def test_crackdown_news_is_discounted() -> None:
    spam = found("澳门新葡京百家乐真人娱乐")
    news = found("我市公安机关严厉打击百家乐等网络赌博犯罪")
    assert spam["百家乐"] == 0.9
    assert news["百家乐"] == pytest.approx(0.9 * 0.2)


def test_enforcement_context_stops_at_a_text_node_boundary() -> None:
    """Joined page text has a NUL between text nodes: 公安 in the footer does not excuse the next node."""
    text = normalise("公安机关备案号 11010502000001") + "\x00" + normalise("百家乐")
    (hit,) = default_lexicon().find(text)
    assert hit.evidence == 0.9


def test_outbursts_count_fully_only_after_first_person_or_today() -> None:
    assert found("今天心情非常的不好!") == {"心情非常的不好": 0.9}
    assert found("学校只说孩子是一时被批评心情不好才失足") == {"心情不好": 0.35}  # a real letter


def test_spam_domains_in_text() -> None:
    hits = default_lexicon().find(normalise("奢侈品推广技术█谷歌推广认证seo8.vip█u5Nf"))
    assert {(hit.term, hit.risk) for hit in hits} == {
        ("谷歌推广认证", ContentRisk.SPAM),
        ("seo8.vip", ContentRisk.SPAM),
    }


def test_scoring_helpers() -> None:
    assert combine([]) == 0.0
    assert combine([0.5, 0.5]) == pytest.approx(0.75)
    assert boost(0.6) == pytest.approx(0.84)
    assert boost(0.6, 0) == pytest.approx(0.6)
    assert boost(0.3) < 0.8  # a weak word hidden is still under the veto


def test_a_custom_lexicon() -> None:
    lexicon = Lexicon([("赌神", ContentRisk.GAMBLING, 0.7)], allow=["赌神像"], enforcement=["电影"])
    assert [hit.term for hit in lexicon.find("赌神来了")] == ["赌神"]
    assert lexicon.find("一尊赌神像") == []


@pytest.mark.parametrize("name", ["gambling.txt", "porn.txt", "spam.txt", "improper_speech.txt"])
def test_lexicon_files_are_well_formed(name: str) -> None:
    """Weights in (0, 1], no duplicate, and no term that the allow-list would cancel everywhere."""
    terms = []
    for line in (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            term, _, weight = line.rpartition(" ")
            assert 0.0 < float(weight) <= 1.0, line
            terms.append(normalise(term))
    assert len(terms) == len(set(terms)), f"duplicate terms in {name}"
    allowed = {
        normalise(line.split("#", 1)[0].strip())
        for line in (LEXICON_DIR / "allow.txt").read_text(encoding="utf-8").splitlines()
    }
    assert not set(terms) & allowed
    assert all(found(term) for term in terms), "every term matches on its own"
