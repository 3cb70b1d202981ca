"""The boilerplate-reply guard: stock non-answers and one text pasted under many letters (SPEC §7 不回应).

Two checks on a reply, both on its *substance*: the text left after the courtesy that every reply
carries (greeting, "您的留言已收悉", "现将有关情况回复如下", thanks, dates) is taken away.

1. Stock non-answer: a phrase of ``STOCK_PHRASES`` ("已转相关部门", "我们会尽快为您处理", "正在研究中" …)
   and fewer than ``min_substance`` characters of anything else — or nothing but courtesy at all. A long
   reply that also says "已转相关部门" passes: it carries content.
2. Pasted reply: nearly identical (Jaccard of character 3-grams ≥ ``similarity``) to at least
   ``similar_count`` earlier replies of the site within ``window_days``. Only replies of up to
   ``max_compare`` characters of substance are compared: a long, detailed reply sent again is the answer
   to a recurring matter (several people writing about one bridge), not a template.

Measured on the 2,816 real replies of realdata/letters_tipdm2020 (tests/interaction/test_letters_boilerplate.py):
check 1 flags 216 (7.7 %), e.g. "网友：您好！留言已收悉" (32 times) and "您反映的问题已转L1区调查核处"; check 2 flags 8,
e.g. six copies of "目前市规划局正在编制…对于您的意见和建议将充分论证研究". The numbers below are data:
change them here and re-run that test, which prints the figures.

Pure Python, no Django: ``actions`` reads the site's recent replies and passes them in.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

# --- data -----------------------------------------------------------------------------------------

YOU = "[您你]"
# Stock phrases that say a letter was received, passed on or will be looked at — and nothing more.
STOCK_PHRASES: tuple[str, ...] = (
    rf"(?:我们)?(?:会|将)?尽快(?:为{YOU})?(?:处理|答复|回复|办理|解决)",
    r"(?:已|将)?(?:转交|转至|转由|转|交由|责成)(?:给)?(?:相关|有关)(?:职能)?(?:部门|单位)(?:和部门)?(?:进行)?"
    r"(?:调查|处理|办理|核实|核处|办复|答复|处置|研究|反馈)*",
    r"(?:已|将)(?:转交|转至|转由|转|交由|责成)\w{1,10}?(?:进行)?(?:调查|处理|办理|核实|核处|办复|答复|处置|研究)+",
    rf"感谢{YOU}的关注",
    r"正在(?:积极)?(?:研究|处理|办理|调查|核实|协调)(?:处理)?(?:中|之中)?",
    r"(?:将|会)?(?:认真|进一步|深入)(?:梳理)?(?:研究|考虑|论证)",
    r"请耐心等待",
    r"敬请关注(?:后续回复)?",
    r"(?:将|会)?及时(?:处理|反馈|答复|回复)",
    r"予以考虑|酌情考虑",
    r"已记录|已登记|已受理",
    r"调查处置|调查处理",
)
# Courtesy every reply may carry; taken away before judging, never a reason to flag by itself.
COURTESY: tuple[str, ...] = (
    rf"^(?:尊敬的|亲爱的)?(?:网友|网民|市民|群众|同志|朋友|来信人)?[A-Za-z0-9]*(?:{YOU}好)?",
    rf"(?:首先|再次|非常|十分|衷心)*(?:感谢|谢谢){YOU}对\w{{0,15}}?的(?:关心|支持|理解|监督|信任|关注|肯定)"
    r"(?:[和与及]?(?:关心|支持|理解|监督|信任|关注|肯定))*",
    rf"(?:首先|再次|非常|十分)*(?:感谢|谢谢){YOU}的(?:来信|留言|宝贵意见|意见和建议|建议|理解和支持|理解|支持|问政)",
    rf"(?:{YOU}的)?(?:留言|来信|信件|函件|帖文|来帖|建议|问题)(?:已)?收悉",
    r"现(?:将|就)?(?:有关|相关)?(?:情况|问题)?(?:的)?(?:调查)?(?:处理)?(?:情况)?(?:回复|答复)如下",
    r"特此(?:回复|答复)",
    rf"(?:祝{YOU})?(?:生活愉快|事事顺心|工作顺利|身体健康)",
    r"谢谢",
    r"此复",
)
_DATE = re.compile(
    r"\d{2,4}\s*[年/\-.]\s*\d{1,2}\s*[月/\-.]\s*\d{1,2}\s*日?|\d{4}年\d{1,2}月|\d{1,2}月\d{1,2}日"
)
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class GuardSettings:
    min_substance: int = 20  # characters besides courtesy and stock phrases for a stock reply to pass
    empty_substance: int = 4  # below this a reply is courtesy only, with or without a stock phrase
    shingle: int = 3
    similarity: float = 0.8
    similar_count: int = 2  # earlier near-identical replies that make a reply a pasted template
    min_compare: int = 12  # shorter substance is judged by check 1 alone
    max_compare: int = 400
    window_days: int = 365
    recent_limit: int = 2000  # earlier replies read from the database at most
    stock_phrases: tuple[str, ...] = STOCK_PHRASES
    courtesy: tuple[str, ...] = COURTESY
    _compiled: dict = field(default_factory=dict, compare=False, repr=False)

    def stock_patterns(self) -> list[re.Pattern[str]]:
        return self._compile("stock", self.stock_phrases)

    def courtesy_patterns(self) -> list[re.Pattern[str]]:
        return self._compile("courtesy", self.courtesy)

    def _compile(self, key: str, patterns: tuple[str, ...]) -> list[re.Pattern[str]]:
        if key not in self._compiled:
            self._compiled[key] = [re.compile(pattern) for pattern in patterns]
        return self._compiled[key]


DEFAULT = GuardSettings()


# --- check 1: stock phrases --------------------------------------------------------------------------


_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def normalise(text: str) -> str:
    """Full-width folded, dates removed, then only letters, digits and Han characters."""
    folded = text.translate(_FULL_WIDTH)
    return _NOT_WORD.sub("", _DATE.sub("", folded))


def substance(text: str, settings: GuardSettings = DEFAULT) -> tuple[str, tuple[str, ...]]:
    """The reply's substance and the stock phrases found in it (as written, normalised)."""
    remaining = normalise(text)
    for pattern in settings.courtesy_patterns():
        remaining = pattern.sub("", remaining)
    found: list[str] = []

    def take(match: re.Match[str]) -> str:
        if match.group():
            found.append(match.group())
        return ""

    for pattern in settings.stock_patterns():
        remaining = pattern.sub(take, remaining)
    return remaining, tuple(dict.fromkeys(found))


# --- check 2: near-identical replies -----------------------------------------------------------------


def shingles(text: str, size: int = 3) -> frozenset[str]:
    return frozenset(text[i : i + size] for i in range(len(text) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


@dataclass(frozen=True)
class EarlierReply:
    key: Hashable  # e.g. the letter's number
    text: str
    answered: datetime.date


@dataclass(frozen=True)
class SimilarReply:
    key: Hashable
    similarity: float
    excerpt: str


class ReplyIndex:
    """Earlier replies indexed for "which are at least ``similarity`` alike", without comparing every pair.

    Prefix filtering (Chaudhuri et al. 2006): with shingles in one fixed global order, two sets whose
    Jaccard is at least t share a shingle among the first |x| − ⌈t·|x|⌉ + 1 of each. Only those
    prefixes are indexed and probed; candidates are then checked exactly.
    """

    def __init__(self, settings: GuardSettings = DEFAULT) -> None:
        self.settings = settings
        self._entries: list[tuple[EarlierReply, frozenset[str]]] = []
        self._postings: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def comparable(self, core: str) -> frozenset[str] | None:
        """The shingles of a reply's substance, or None when it is too short or too long to compare."""
        if not self.settings.min_compare <= len(core) <= self.settings.max_compare:
            return None
        return shingles(core, self.settings.shingle)

    def _prefix(self, grams: frozenset[str]) -> list[str]:
        ordered = sorted(grams, key=hash)
        keep = len(ordered) - math.ceil(self.settings.similarity * len(ordered)) + 1
        return ordered[:keep]

    def add(self, reply: EarlierReply, core: str | None = None) -> None:
        """Index an earlier reply (``core``: its substance, when already computed)."""
        if core is None:
            core = substance(reply.text, self.settings)[0]
        grams = self.comparable(core)
        if not grams:
            return
        position = len(self._entries)
        self._entries.append((reply, grams))
        for gram in self._prefix(grams):
            self._postings.setdefault(gram, []).append(position)

    def similar(self, core: str, on: datetime.date | None = None) -> list[SimilarReply]:
        """Earlier replies (within the window before ``on``) nearly identical to substance ``core``."""
        grams = self.comparable(core)
        if not grams:
            return []
        threshold = self.settings.similarity
        oldest = on - datetime.timedelta(days=self.settings.window_days) if on else None
        candidates = {position for gram in self._prefix(grams) for position in self._postings.get(gram, ())}
        found: list[SimilarReply] = []
        for position in sorted(candidates):
            reply, other = self._entries[position]
            if oldest is not None and not oldest <= reply.answered <= on:
                continue
            if min(len(grams), len(other)) < threshold * max(len(grams), len(other)):
                continue
            score = jaccard(grams, other)
            if score >= threshold:
                found.append(SimilarReply(reply.key, round(score, 3), _excerpt(reply.text)))
        found.sort(key=lambda item: -item.similarity)
        return found


def _excerpt(text: str, length: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[:length] + "…"


# --- the verdict ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GuardResult:
    substance: str
    stock_phrases: tuple[str, ...] = ()
    similar: tuple[SimilarReply, ...] = ()
    courtesy_only: bool = False
    stock_flagged: bool = False
    similar_flagged: bool = False
    threshold: float = DEFAULT.similarity

    @property
    def flagged(self) -> bool:
        return self.stock_flagged or self.similar_flagged

    def explanation(self) -> str:
        """Why the reply was stopped, in Chinese, naming the phrases or the earlier replies."""
        parts: list[str] = []
        if self.stock_flagged and self.stock_phrases:
            phrases = "、".join(f"“{phrase}”" for phrase in self.stock_phrases[:3])
            rest = (
                f"除此之外只有 {len(self.substance)} 个字的内容" if self.substance else "除此之外没有实质内容"
            )
            parts.append(f"答复以套话{phrases}为主，{rest}，未说明办理结果、依据或具体措施")
        elif self.stock_flagged:
            parts.append("答复只有问候、致谢等客套话，没有针对来信的实质内容")
        if self.similar_flagged:
            keys = "、".join(str(item.key) for item in self.similar[:5])
            parts.append(
                f"答复与本站此前 {len(self.similar)} 件答复几乎相同（相似度 ≥{self.threshold:.0%}，如 {keys}），"
                "疑似套用同一模板"
            )
        return "；".join(parts)


def check(
    text: str,
    earlier: ReplyIndex | Iterable[EarlierReply] = (),
    on: datetime.date | None = None,
    settings: GuardSettings = DEFAULT,
) -> GuardResult:
    """Judge one reply against the stock phrases and the site's earlier replies."""
    core, found = substance(text, settings)
    courtesy_only = len(core) < settings.empty_substance
    stock_flagged = courtesy_only or (bool(found) and len(core) < settings.min_substance)
    if isinstance(earlier, ReplyIndex):
        index = earlier
    else:
        index = ReplyIndex(settings)
        for reply in earlier:
            index.add(reply)
    similar = tuple(index.similar(core, on)) if len(index) else ()
    return GuardResult(
        substance=core,
        stock_phrases=found,
        similar=similar,
        courtesy_only=courtesy_only,
        stock_flagged=stock_flagged,
        similar_flagged=len(similar) >= settings.similar_count,
        threshold=settings.similarity,
    )
