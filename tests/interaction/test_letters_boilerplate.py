"""The boilerplate-reply guard: its rule at the boundaries, and measured on 2,816 real replies
(realdata/letters_tipdm2020, README §4). Run with ``-s`` to see the figures."""

from __future__ import annotations

import datetime
import json
from collections import Counter

import pytest

from govsite.interaction.letters import boilerplate
from govsite.interaction.letters.boilerplate import EarlierReply, ReplyIndex, check
from shared_data import REALDATA

REPLIES_FILE = REALDATA / "letters_tipdm2020" / "messages_with_replies.jsonl"
D = datetime.date


# --- the rule -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "flagged", "named"),
    [
        ("您好！我们会尽快为您处理。", True, "我们会尽快为您处理"),
        ("您反映的问题已转相关部门，感谢您的关注！", True, "已转相关部门"),
        ("网友：您好！留言已收悉", True, ""),  # courtesy only
        ("感谢您对我们工作的关心、监督与支持。2016年6月12日", True, ""),
        ("此事正在研究中。", True, "正在研究中"),
        ("您好！A市居住证有效期为一年。", False, ""),  # short, but an answer
        ("办理公证请到当地县级公证处办理即可。", False, ""),
    ],
)
def test_stock_replies_and_short_real_answers(reply, flagged, named):
    result = check(reply)
    assert result.stock_flagged is flagged
    if named:
        assert named in result.explanation()


def test_the_substance_threshold_is_twenty_characters_besides_the_stock_phrase():
    stock = "已转相关部门处理。"
    nineteen = "涉及滨河路路灯维修的具体时间另行通知"
    assert len(boilerplate.substance(stock + nineteen)[0]) == 18
    assert check(stock + nineteen).stock_flagged
    twenty = nineteen + "本周内完"
    assert len(boilerplate.substance(stock + twenty)[0]) == 22
    assert not check(stock + twenty).stock_flagged


def test_a_long_reply_with_a_stock_phrase_passes():
    reply = (
        "您好！您的留言已收悉。经区住建局现场核查，滨河小区二期地下车库渗水系顶板防水层老化所致，"
        "已责成开发商于12月10日前完成维修，费用由开发商承担；同时已转相关部门对其他楼栋开展排查。"
    )
    result = check(reply)
    assert result.stock_phrases and not result.flagged


def test_near_identical_replies_count_from_two_earlier_ones_within_a_year():
    template = (
        "目前，市规划局正在编制《云川市轨道交通线网规划修编》，对于您的意见和建议，我局将在规划中统筹考虑。"
    )
    one = [EarlierReply("A-1", "网友您好！" + template, D(2026, 3, 1))]
    two = [*one, EarlierReply("A-2", template + "感谢您的来信。", D(2026, 6, 1))]
    assert not check("您好：" + template, one, on=D(2026, 11, 1)).similar_flagged
    result = check("您好：" + template, two, on=D(2026, 11, 1))
    assert result.similar_flagged and {item.key for item in result.similar} == {"A-1", "A-2"}
    assert "A-1" in result.explanation() and "几乎相同" in result.explanation()
    # A year and a day later the first one no longer counts.
    assert not check("您好：" + template, two, on=D(2027, 3, 2)).similar_flagged
    # A long detailed reply sent again (one matter, many writers) is not a template.
    long_reply = "经调查核实，" + "五一桥于1958年建成，为6孔等跨径15米的石拱桥，未列入文物保护名录。" * 12
    earlier = [EarlierReply(f"B-{n}", long_reply, D(2026, 5, n + 1)) for n in range(3)]
    assert not check(long_reply, earlier, on=D(2026, 6, 1)).similar_flagged


def test_the_index_finds_what_comparing_every_pair_finds():
    texts = [f"关于{place}的{topic}问题，经核查已于{month}月完成整改，现已恢复正常使用。"
             for place in ("滨河路", "白沙镇", "城东学校") for topic in ("路灯", "排水", "噪音") for month in (3, 4)]  # fmt: skip
    texts += ["关于滨河路的路灯问题，经核查已于3月完成整改，现已恢复正常使用，谢谢。"]
    index = ReplyIndex()
    earlier = []
    for number, text in enumerate(texts):
        reply = EarlierReply(number, text, D(2026, 1, 1))
        index.add(reply)
        earlier.append(reply)
    probe = boilerplate.substance("关于滨河路的路灯问题，经核查已于3月完成整改，现已恢复正常使用。")[0]
    grams = boilerplate.shingles(probe)
    brute = {
        r.key
        for r in earlier
        if boilerplate.jaccard(grams, boilerplate.shingles(boilerplate.substance(r.text)[0])) >= 0.8
    }
    assert {item.key for item in index.similar(probe)} == brute and len(brute) >= 2


# --- measured on real replies ---------------------------------------------------------------------


def _when(text: str) -> datetime.datetime:
    text = text.strip()
    for pattern in ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d"):
        try:
            return datetime.datetime.strptime(text, pattern)
        except ValueError:
            pass
    return datetime.datetime.fromisoformat(text)


@pytest.fixture(scope="module")
def real_replies() -> list[dict]:
    if not REPLIES_FILE.exists():
        pytest.skip(f"real letters not available at {REPLIES_FILE}")
    rows = [
        json.loads(line) for line in REPLIES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return sorted(rows, key=lambda row: (_when(row["reply_time"]), row["id"]))


def test_the_guard_on_2816_real_replies(real_replies):
    """Each reply checked against the earlier ones, in the order they were sent, as review would."""
    index = ReplyIndex()
    counts: Counter[str] = Counter()
    flagged: dict[str, boilerplate.GuardResult] = {}
    for row in real_replies:
        day = _when(row["reply_time"]).date()
        result = check(row["reply"], index, on=day)
        counts["stock"] += result.stock_flagged
        counts["similar"] += result.similar_flagged
        counts["any"] += result.flagged
        if result.flagged:
            flagged[row["id"]] = result
        index.add(EarlierReply(row["id"], row["reply"], day), result.substance)
    total = len(real_replies)
    print(
        f"\nboilerplate guard on {total} real replies: {counts['any']} flagged ({counts['any'] / total:.1%}); "
        f"stock non-answers {counts['stock']}, near-identical to ≥2 earlier replies {counts['similar']}"
    )
    assert total == 2816
    assert (counts["stock"], counts["similar"], counts["any"]) == (216, 8, 219)

    by_text = Counter(" ".join(row["reply"].split()) for row in real_replies if row["id"] in flagged)
    assert by_text["网友：您好！留言已收悉"] == 32  # the most common non-answer, every copy stopped
    transferred = "您的留言已收悉！我们已将您反映的问题转相关部门进行处理，敬请关注后续回复，谢谢！"
    example = next(
        flagged[row["id"]] for row in real_replies if " ".join(row["reply"].split()) == transferred
    )
    assert "转相关部门进行处理" in example.explanation()


def test_typical_substantive_real_replies_pass(real_replies):
    by_id = {row["id"]: row for row in real_replies}
    # The README's hand-checked letters (replies with findings, measures and dates).
    for letter_id in ("2549", "2554", "2555", "2557", "2574", "3683", "3684", "3700"):
        assert not check(by_id[letter_id]["reply"]).flagged, letter_id
    long_replies = [row for row in real_replies if len(boilerplate.substance(row["reply"])[0]) >= 150]
    stopped = sum(check(row["reply"]).flagged for row in long_replies)
    assert len(long_replies) > 1700 and stopped == 0
