"""Risky terms and how they are matched: the team's own weighted lexicons (``lexicons/*.txt``), the
allow-list of ordinary words that contain a term, and the enforcement words that mark crackdown news.

Chinese has no spaces, so a term is a substring and collides with ordinary words (口交 in 路口交通,
大发 in 大发展). Measured on real gov text (shared/realdata README §5), plain substring matching flags
almost every document; here a term inside a longer word of ``allow.txt`` does not count, a term near
an enforcement word (打击, 扫黄打非, 反诈…) is discounted, Latin terms must be whole words, and each term
carries a weight, so one weak word never reaches a finding alone. A segmenter was measured and not
used: jieba took 83 ms on one 105 KB page (the whole scan takes under 1 ms) and cut the spam terms
themselves apart (澳门/新/葡京, k8/凯发凯/时), while the containing-word list removed every false
positive measured on the real corpora.
"""

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import ahocorasick_rs

from govsite.indicators.inspection import ContentRisk

__all__ = [
    "BOUNDARY",
    "LEXICON_DIR",
    "Lexicon",
    "TermHit",
    "boost",
    "combine",
    "default_lexicon",
    "normalise",
    "variants",
]

LEXICON_DIR = Path(__file__).with_name("lexicons")
_CATEGORY_FILES = {
    ContentRisk.GAMBLING: "gambling.txt",
    ContentRisk.PORN: "porn.txt",
    ContentRisk.SPAM: "spam.txt",
    ContentRisk.IMPROPER_SPEECH: "improper_speech.txt",
}
_DEFAULT_WEIGHT = 0.6
_ENFORCEMENT_DISCOUNT = 0.2
_CONTEXT_CHARS = 30  # about one sentence each side
_FIRST_PERSON_CHARS = 10
# An outburst is someone speaking of themselves: 我/今天 just before 心情不好 (SPEC §7: 今天心情非常的不好!).
# Without it (a letter saying how a child felt) the weight is halved.
_FIRST_PERSON = re.compile(r"我|今天|今日|老子|本人|真是")
# seo8.vip in real hijacked titles. Starts with a literal "." so the regex engine skips ahead to it.
_SPAM_DOMAIN = re.compile(r"\.(?i:vip|xyz|bet|casino|poker)(?![a-zA-Z0-9])")
_SPAM_DOMAIN_WEIGHT = 0.5
_INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad")
_ZERO_WIDTH = re.compile("[" + "".join(_INVISIBLE) + "]")
_TO_FULL_WIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}
BOUNDARY = "\x00"  # ends a context window: callers put it between text nodes


def normalise(text: str) -> str:
    """Text as terms are matched in it: invisible characters dropped (百, a zero-width space, 家乐),
    every run of whitespace one space. Case and full width are not folded here: the automata hold
    those variants of each term, because folding 70,000 characters of Chinese text costs milliseconds."""
    if any(char in text for char in _INVISIBLE):
        text = _ZERO_WIDTH.sub("", text)
    return " ".join(text.split())


def variants(term: str) -> set[str]:
    """Forms a term may be written in: Latin letters in lower, upper or capitalised case, half or full
    width (K8凯发, Ｋ８凯发). Chinese-only terms have one form."""
    forms = {term, term.lower(), term.upper(), term.capitalize()}
    return forms | {form.translate(_TO_FULL_WIDTH) for form in forms}


@dataclass(frozen=True, slots=True)
class TermHit:
    """A risky term found in a text, its weight already scaled by context (crackdown news, first person)."""

    term: str  # as written in the lexicon
    risk: ContentRisk
    evidence: float  # 0..1
    start: int
    end: int


class Lexicon:
    """Weighted risky terms, the allow-list of containing words, and enforcement context words."""

    def __init__(
        self,
        terms: Iterable[tuple[str, ContentRisk, float]],
        allow: Iterable[str],
        enforcement: Iterable[str],
    ) -> None:
        self._terms = [(normalise(text).lower(), risk, weight) for text, risk, weight in terms]
        patterns: list[str] = []
        self._owners: list[int] = []  # pattern index → term index; -1 for an allowed word
        for owner, term in [(index, term) for index, (term, _, _) in enumerate(self._terms)] + [
            (-1, normalise(word).lower()) for word in allow
        ]:
            for form in sorted(variants(term)):
                patterns.append(form)
                self._owners.append(owner)
        self._automaton = ahocorasick_rs.AhoCorasick(patterns)
        self._enforcement = ahocorasick_rs.AhoCorasick([normalise(word) for word in enforcement])
        # What the raw byte pass looks for: the same forms, and the spam top-level domains.
        raw = {form for term, _, _ in self._terms for form in variants(term)}
        raw |= {form for tld in ("vip", "xyz", "bet", "casino", "poker") for form in variants("." + tld)}
        self.raw_patterns = sorted(raw)

    @classmethod
    def from_directory(cls, directory: Path) -> "Lexicon":
        terms = [
            (term, risk, weight)
            for risk, name in _CATEGORY_FILES.items()
            for term, weight in _read_list(directory / name)
        ]
        allow = [term for term, _ in _read_list(directory / "allow.txt")]
        enforcement = [term for term, _ in _read_list(directory / "enforcement_context.txt")]
        return cls(terms, allow, enforcement)

    def find(self, text: str) -> list[TermHit]:
        """Risky terms in a normalised text: longest term per place, allowed words and Latin word
        fragments (k8 inside k8s) left out. ``BOUNDARY`` (NUL) ends a context window: callers put one
        between text nodes, so 公安 in a footer does not excuse the next node."""
        matches = [
            (self._owners[index], start, end)
            for index, start, end in self._automaton.find_matches_as_indexes(text, overlapping=True)
        ]
        allowed = [(start, end) for owner, start, end in matches if owner < 0]
        found = [
            (owner, start, end)
            for owner, start, end in matches
            if owner >= 0
            and not any(a_start <= start and end <= a_end for a_start, a_end in allowed)
            and _latin_bounded(text, start, end)
        ]
        hits = []
        for owner, start, end in found:
            if any(
                o_start <= start and end <= o_end and o_end - o_start > end - start
                for _, o_start, o_end in found
            ):
                continue  # 凯发 inside k8凯发 counts once, as the longer term
            term, risk, weight = self._terms[owner]
            hits.append(TermHit(term, risk, weight * self._context(text, start, end, risk), start, end))
        return hits + list(_spam_domains(text))

    def _context(self, text: str, start: int, end: int, risk: ContentRisk) -> float:
        line_start = text.rfind(BOUNDARY, 0, start) + 1
        line_end = text.find(BOUNDARY, end)
        line_end = len(text) if line_end < 0 else line_end
        before = text[max(line_start, start - _CONTEXT_CHARS) : start]
        after = text[end : min(line_end, end + _CONTEXT_CHARS)]
        if self._enforcement.find_matches_as_indexes(before + BOUNDARY + after):
            return _ENFORCEMENT_DISCOUNT
        if risk is ContentRisk.IMPROPER_SPEECH:
            return 1.0 if _FIRST_PERSON.search(before[-_FIRST_PERSON_CHARS:]) else 0.5
        return 1.0


@functools.cache
def default_lexicon() -> Lexicon:
    """The lexicons shipped with GovSite (written by the team; see each file's header)."""
    return Lexicon.from_directory(LEXICON_DIR)


def combine(evidences: Iterable[float]) -> float:
    """Independent pieces of evidence together: 1 − Π(1 − e)."""
    return 1.0 - math.prod(1.0 - evidence for evidence in evidences)


def boost(evidence: float, times: int = 1) -> float:
    """Evidence made stronger by where it sits (hidden, in the title, in an outside link): each time
    counts as the same evidence seen twice, so 0.6 becomes 0.84 and a weak 0.3 stays under the veto."""
    return 1.0 - (1.0 - evidence) ** (2**times)


def _read_list(path: Path) -> list[tuple[str, float]]:
    """Terms of a lexicon file: one per line, ``#`` comments, an optional weight after the last space."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        term, _, last = line.rpartition(" ")
        try:
            weight = float(last)
        except ValueError:
            term, weight = line, _DEFAULT_WEIGHT
        if not 0.0 < weight <= 1.0:
            raise ValueError(f"{path.name}: weight of {term!r} must be in (0, 1]")
        entries.append((term.strip(), weight))
    return entries


def _spam_domains(text: str) -> Iterable[TermHit]:
    for match in _SPAM_DOMAIN.finditer(text):
        label_start = match.start()
        while label_start > 0 and (_latin(text[label_start - 1]) or text[label_start - 1] in "-."):
            label_start -= 1
        if label_start < match.start():
            domain = text[label_start : match.end()].lower()
            yield TermHit(domain, ContentRisk.SPAM, _SPAM_DOMAIN_WEIGHT, label_start, match.end())


def _latin_bounded(text: str, start: int, end: int) -> bool:
    """A term that begins or ends with a Latin letter or digit must not be part of a longer Latin word."""
    before_ok = start == 0 or not (_latin(text[start]) and _latin(text[start - 1]))
    after_ok = end >= len(text) or not (_latin(text[end - 1]) and _latin(text[end]))
    return before_ok and after_ok


def _latin(char: str) -> bool:
    """A Latin letter or digit, half or full width."""
    return char.isalnum() and (char.isascii() or "\uff10" <= char <= "\uff5a")
