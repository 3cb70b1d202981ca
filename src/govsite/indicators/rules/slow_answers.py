"""Deduction 政务咨询类栏目 — answers on time (SPEC §3a, §4).

A public letter is due within 7 working days, extendable to 15 for complex ones (国办发〔2014〕57号
§6). A listing does not show which letters were extended, so a letter counts as slow only when its
answer came (or, unanswered, is still missing) after the longer limit: no site loses points for an
extension it may have granted lawfully.

Working days need the official holiday schedule (调休 included), which is data outside this
library. Pass `working_days(start, end)` — the number of working days after `start` up to and
including `end` — to count them; without it the rule counts calendar days against the rule set's
calendar stand-in (`within_days`) and says so in the finding.

Letters of the consultation-type channels asked within the lookback year count; invalid letters and
letters without an asked date do not.
"""

import datetime
from collections.abc import Callable

from ..findings import Finding
from ..inspection import LetterEvidence, SiteEvidence
from ..ruleset import RuleSet
from .common import deduction, iso, points, points_text, window_start

RULE = "slow_answers"

WorkingDays = Callable[[datetime.date, datetime.date], int]


def rule(
    site: SiteEvidence, today: datetime.date, ruleset: RuleSet, working_days: WorkingDays | None = None
) -> list[Finding]:
    numbers = ruleset.slow_answers
    start = window_start(numbers.lookback, today)
    if working_days is None:
        limit, unit = numbers.within_days, "天（按日历日计算，未扣除节假日）"

        def elapsed(asked: datetime.date, end: datetime.date) -> int:
            return (end - asked).days

    else:
        limit, unit = numbers.within_working_days, "个工作日"
        elapsed = working_days

    letters = [
        (letter, letter.asked)
        for letter in site.letters
        if letter.valid
        and letter.channel_kind in numbers.channel_kinds
        and letter.asked is not None
        and start <= letter.asked <= today
    ]
    slow: list[tuple[LetterEvidence, int]] = []
    for letter, asked in letters:
        end = letter.answered if letter.answered is not None else today
        taken = elapsed(asked, max(end, asked))
        if taken > limit:
            slow.append((letter, taken))
    if not slow:
        return []
    slow.sort(key=lambda entry: (entry[0].asked or today, entry[0].url))
    unanswered = sum(letter.answered is None for letter, _ in slow)
    amount = points(len(slow), numbers.points_each, numbers.max_points)
    summary = (
        f"留言答复不及时：近{numbers.lookback}政务咨询类有效留言 {len(letters)} 封，{len(slow)} 封超过 "
        f"{limit} {unit}才答复或至今未答复（其中未答复 {unanswered} 封），"
        f"{points_text(amount, numbers.points_each, numbers.max_points, unit='封')}。"
        "请在规定时限内答复，复杂事项说明延期理由。"
    )
    evidence = [
        {
            "channel": letter.channel,
            "title": letter.title,
            "url": letter.url,
            "asked": iso(letter.asked),
            "answered": iso(letter.answered),
            "taken": taken,
            "unit": "working_days" if working_days is not None else "days",
        }
        for letter, taken in slow
    ]
    return [deduction(RULE, summary, evidence, amount)]
