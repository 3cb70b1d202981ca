"""Veto 互动回应差 (SPEC §3): no working consultation channel, or a letter left unanswered over 3 months.

Two conditions, either one vetoes:
(1) no working channel for questions and suggestions (a mailbox icon with no link does not work).
    Only a channel discovery that ran can find "none": if it did not, or the site could not be
    reached, the rule warns that it could not decide.
(2) within the year before the check, a valid letter of a consultation-type channel was left
    unanswered more than 3 months. Interviews, surveys, petitions, discipline and complaint channels
    never count (the rule set lists the kinds that do).

How "超过3个月未回复" is read (the indicator says "存在超过三个月未回应的现象"): the *situation* of a
letter waiting more than 3 months must have existed within the year before the check. So
- a letter still unanswered whose 3 months have passed counts, however old it is: it is waiting now;
- a letter answered later than 3 months after it was asked counts if that answer came within the
  year (it waited over 3 months inside the window), unless the rule set's `late_answer_counts` is
  false, which counts only letters still unanswered;
- 3 months are calendar months ("asked 3-31, due 6-30"); the due day itself is still on time.
Letters without an asked date cannot be judged: the rule warns about them instead of guessing.
"""

import datetime
import enum
from dataclasses import dataclass

from ..coverage import Area, not_checked
from ..findings import Finding, Severity
from ..inspection import ChannelEvidence, LetterEvidence, SiteEvidence
from ..ruleset import RuleSet
from .common import SAMPLE, iso, joined, window_start

RULE = "poor_interaction"


class LetterState(enum.StrEnum):
    UNANSWERED = "unanswered"  # still waiting, past the limit
    ANSWERED_LATE = "answered_late"  # answered, but after the limit


@dataclass(frozen=True, slots=True)
class OverdueLetter:
    letter: LetterEvidence
    state: LetterState
    due: datetime.date  # the last day an answer was on time

    def as_evidence(self, today: datetime.date) -> dict[str, object]:
        letter = self.letter
        end = letter.answered if letter.answered is not None else today
        return {
            "channel": letter.channel,
            "channel_kind": letter.channel_kind.value,
            "title": letter.title,
            "url": letter.url,
            "asked": iso(letter.asked),
            "answered": iso(letter.answered),
            "due": iso(self.due),
            "days_waited": (end - letter.asked).days if letter.asked else None,
            "state": self.state.value,
        }


def overdue_letters(site: SiteEvidence, today: datetime.date, ruleset: RuleSet) -> list[OverdueLetter]:
    """The letters that fire condition (2), oldest question first."""
    numbers = ruleset.poor_interaction
    start = window_start(numbers.lookback, today)
    found: list[OverdueLetter] = []
    for letter in site.letters:
        if not letter.valid or letter.channel_kind not in numbers.channel_kinds or letter.asked is None:
            continue
        due = numbers.answer_within.due_after(letter.asked)
        if letter.answered is None:
            if today > due:
                found.append(OverdueLetter(letter, LetterState.UNANSWERED, due))
        elif numbers.late_answer_counts and letter.answered > due and letter.answered >= start:
            found.append(OverdueLetter(letter, LetterState.ANSWERED_LATE, due))
    found.sort(key=lambda entry: (entry.letter.asked, entry.letter.url))
    return found


def rule(site: SiteEvidence, today: datetime.date, ruleset: RuleSet) -> list[Finding]:
    numbers = ruleset.poor_interaction
    parts: list[str] = []
    warnings: list[str] = []
    evidence: list[dict[str, object]] = []

    channels = [channel for channel in site.channels if channel.kind in numbers.channel_kinds]
    if not any(channel.works for channel in channels):
        reason = not_checked(site, Area.CHANNELS)
        if channels:
            every = "均" if len(channels) > 1 else ""
            parts.append(f"政务咨询类留言渠道 {len(channels)} 个{every}无法使用")
            evidence += [_channel(channel) for channel in channels]
        elif reason is not None:
            warnings.append(f"互动渠道未能检查（{reason}），是否有可用的政务咨询渠道未作判定")
        else:
            parts.append("未发现可用的政务咨询类留言渠道（如领导信箱、政务咨询、建议征集）")

    overdue = overdue_letters(site, today, ruleset)
    if overdue:
        unanswered = sum(entry.state is LetterState.UNANSWERED for entry in overdue)
        late = len(overdue) - unanswered
        detail = f"其中至今未回复 {unanswered} 封"
        if late:
            detail += f"、超期后才回复 {late} 封"
        parts.append(
            f"近{numbers.lookback}内政务咨询类栏目有 {len(overdue)} 封有效留言超过{numbers.answer_within}未回复"
            f"（{detail}，最早一封提问于 {iso(overdue[0].letter.asked)}）"
        )
        evidence += [{"type": "letter", **entry.as_evidence(today)} for entry in overdue]
    else:
        reason = not_checked(site, Area.LETTERS)
        if reason is not None and channels:
            warnings.append(f"留言未能检查（{reason}），是否存在超期未回复留言未作判定")
        undated = [
            letter
            for letter in site.letters
            if letter.valid and letter.channel_kind in numbers.channel_kinds and letter.asked is None
        ]
        if undated:
            warnings.append(
                f"{len(undated)} 封留言未显示提问日期，未能判断是否超期未回复，请在留言列表中公开提问日期"
            )
            evidence += [
                {
                    "type": "undated_letter",
                    "channel": letter.channel,
                    "title": letter.title,
                    "url": letter.url,
                }
                for letter in undated[:SAMPLE]
            ]

    if parts:
        return [
            Finding(
                rule=RULE,
                severity=Severity.VETO,
                summary=(
                    f"互动回应差：{joined(parts)}（任一情形即单项否决）。"
                    "请确保留言渠道可正常提交，并及时答复群众留言。"
                ),
                evidence=evidence,
            )
        ]
    if warnings:
        return [
            Finding(rule=RULE, severity=Severity.WARNING, summary=f"{joined(warnings)}。", evidence=evidence)
        ]
    return []


def _channel(channel: ChannelEvidence) -> dict[str, object]:
    return {
        "type": "channel",
        "name": channel.name,
        "kind": channel.kind.value,
        "url": channel.url,
        "works": channel.works,
        "problem": channel.problem,
    }
