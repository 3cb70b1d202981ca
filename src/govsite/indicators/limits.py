"""The numbers the whole-site rules read: one section per rule, laid out as in the rule-set file.

Each field declares how its value is checked and which way is stricter, so one loader reads every
section, `RuleSet.with_overrides` merges a province's changes into them, and `RuleSet.tightened`
refuses a change that would loosen one. The numbers themselves live in `rulesets/*.toml` only.
"""

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, ClassVar, Literal, Self

from .cadence import Cadence, RuleSetError, no_longer
from .evidence import ColumnKind
from .inspection import ChannelKind, ContentRisk, LinkProblem

Direction = Literal["lower", "higher"] | None


class Spec:
    """How one setting is read and checked, and which change makes it stricter."""

    def convert(self, value: object, key: str) -> object:
        raise NotImplementedError

    def looser(self, old: Any, new: Any) -> bool:
        """Whether `new` is more lenient than `old`; False when the setting has no direction."""
        return False

    def text(self, value: Any) -> str:
        return str(value)


@dataclass(frozen=True)
class Whole(Spec):
    minimum: int = 0
    stricter: Direction = None

    def convert(self, value: object, key: str) -> int:
        # bool is an int in Python; `min_items = true` in a TOML file is a mistake, not 1.
        if not isinstance(value, int) or isinstance(value, bool):
            raise RuleSetError(f"{key} must be a whole number, not {value!r}")
        if value < self.minimum:
            raise RuleSetError(f"{key} must be at least {self.minimum}, not {value}")
        return value

    def looser(self, old: int, new: int) -> bool:
        return _looser_number(self.stricter, old, new)


@dataclass(frozen=True)
class Number(Spec):
    minimum: float = 0.0
    maximum: float | None = None
    above_minimum: bool = False  # the minimum itself is not allowed
    stricter: Direction = None

    def convert(self, value: object, key: str) -> float:
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise RuleSetError(f"{key} must be a number, not {value!r}")
        number = float(value)
        if number < self.minimum or (self.above_minimum and number == self.minimum):
            relation = "above" if self.above_minimum else "at least"
            raise RuleSetError(f"{key} must be {relation} {self.minimum:g}, not {value}")
        if self.maximum is not None and number > self.maximum:
            raise RuleSetError(f"{key} must be at most {self.maximum:g}, not {value}")
        return number

    def looser(self, old: float, new: float) -> bool:
        return _looser_number(self.stricter, old, new)

    def text(self, value: float) -> str:
        return f"{value:g}"


@dataclass(frozen=True)
class Flag(Spec):
    stricter: bool | None = None  # the value that is stricter

    def convert(self, value: object, key: str) -> bool:
        if not isinstance(value, bool):
            raise RuleSetError(f"{key} must be true or false, not {value!r}")
        return value

    def looser(self, old: bool, new: bool) -> bool:
        return self.stricter is not None and old == self.stricter and new != self.stricter

    def text(self, value: bool) -> str:
        return "true" if value else "false"


@dataclass(frozen=True)
class Span(Spec):
    stricter: Literal["shorter", "longer"] | None = None

    def convert(self, value: object, key: str) -> Cadence:
        if isinstance(value, Cadence):
            return value
        if not isinstance(value, str):
            raise RuleSetError(f'{key}: expected a span text such as "14d" or "3m", not {value!r}')
        try:
            return Cadence.parse(value)
        except RuleSetError as error:
            raise RuleSetError(f"{key}: {error}") from None

    def looser(self, old: Cadence, new: Cadence) -> bool:
        if self.stricter == "shorter":
            return not no_longer(new, old)
        if self.stricter == "longer":
            return not no_longer(old, new)
        return False


@dataclass(frozen=True)
class Choices(Spec):
    """A set of enum members, written as a list of their values."""

    kind: type[enum.StrEnum]
    stricter: Literal["more", "fewer"] | None = None
    allow_empty: bool = True

    def convert(self, value: object, key: str) -> frozenset[enum.StrEnum]:
        if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
            raise RuleSetError(f"{key} must be a list, not {value!r}")
        members: set[enum.StrEnum] = set()
        for item in value:
            try:
                members.add(self.kind(item))
            except ValueError:
                known = ", ".join(member.value for member in self.kind)
                raise RuleSetError(f"{key}: unknown value {item!r} (known: {known})") from None
        if not members and not self.allow_empty:
            raise RuleSetError(f"{key} must not be empty")
        return frozenset(members)

    def looser(self, old: frozenset[enum.StrEnum], new: frozenset[enum.StrEnum]) -> bool:
        if self.stricter == "more":
            return not new >= old
        if self.stricter == "fewer":
            return not new <= old
        return False

    def text(self, value: frozenset[enum.StrEnum]) -> str:
        return "[" + ", ".join(sorted(member.value for member in value)) + "]"


def _looser_number(stricter: Direction, old: float, new: float) -> bool:
    return (stricter == "lower" and new > old) or (stricter == "higher" and new < old)


def spec(check: Spec) -> dict[str, Spec]:
    """Field metadata: how a section field is checked (``field(metadata=spec(Whole(minimum=1)))``)."""
    return {"spec": check}


_POINTS = Number(stricter="higher")  # points and caps: more is stricter


@dataclass(frozen=True)
class Section:
    """The numbers of one rule. Subclasses declare fields with ``field(metadata=spec(...))``."""

    NAME: ClassVar[str] = ""

    def __post_init__(self) -> None:
        for item in fields(self):
            spec: Spec = item.metadata["spec"]
            value = spec.convert(getattr(self, item.name), f"{self.NAME}.{item.name}")
            object.__setattr__(self, item.name, value)

    @classmethod
    def from_data(cls, table: Mapping[str, object]) -> Self:
        """Build the section from its TOML table; every field must be given."""
        cls._check_keys(table)
        missing = [item.name for item in fields(cls) if item.name not in table]
        if missing:
            raise RuleSetError(f"missing {', '.join(f'{cls.NAME}.{name}' for name in missing)}")
        return cls(**table)

    def updated(self, table: Mapping[str, object]) -> Self:
        """A copy with some fields replaced, given as in the TOML table."""
        self._check_keys(table)
        return replace(self, **table)

    def loosened(self, other: Self) -> list[str]:
        """The fields that `other` makes more lenient than this section, as "key (old → new)"."""
        changes: list[str] = []
        for item in fields(self):
            spec: Spec = item.metadata["spec"]
            old, new = getattr(self, item.name), getattr(other, item.name)
            if spec.looser(old, new):
                changes.append(f"{self.NAME}.{item.name} ({spec.text(old)} → {spec.text(new)})")
        return changes

    @classmethod
    def _check_keys(cls, table: Mapping[str, object]) -> None:
        if not isinstance(table, Mapping):
            raise RuleSetError(f"{cls.NAME} must be a table, not {table!r}")
        known = [item.name for item in fields(cls)]
        unknown = sorted(set(table) - set(known))
        if unknown:
            raise RuleSetError(f"{cls.NAME}: unknown keys {', '.join(unknown)} (known: {', '.join(known)})")


# --- veto rules -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteUnreachable(Section):
    NAME: ClassVar[str] = "site_unreachable"
    window_days: int = field(metadata=spec(Whole(minimum=1)))
    probes_per_day: int = field(metadata=spec(Whole(minimum=1)))
    timeout_seconds: float = field(metadata=spec(Number(above_minimum=True, stricter="lower")))
    failure_percent: float = field(metadata=spec(Number(above_minimum=True, maximum=100, stricter="lower")))


@dataclass(frozen=True)
class HomepageNotUpdated(Section):
    NAME: ClassVar[str] = "homepage_not_updated"
    within: Cadence = field(metadata=spec(Span(stricter="shorter")))
    navigation_kinds: frozenset[ColumnKind] = field(
        metadata=spec(Choices(ColumnKind, stricter="fewer", allow_empty=False))
    )


@dataclass(frozen=True)
class PoorInteraction(Section):
    NAME: ClassVar[str] = "poor_interaction"
    lookback: Cadence = field(metadata=spec(Span(stricter="longer")))
    answer_within: Cadence = field(metadata=spec(Span(stricter="shorter")))
    channel_kinds: frozenset[ChannelKind] = field(
        metadata=spec(Choices(ChannelKind, stricter="more", allow_empty=False))
    )
    late_answer_counts: bool = field(metadata=spec(Flag(stricter=True)))


@dataclass(frozen=True)
class ServicesNotPractical(Section):
    NAME: ClassVar[str] = "services_not_practical"
    guides_bulk_count: int = field(metadata=spec(Whole(minimum=1, stricter="lower")))
    guides_bulk_share: float = field(metadata=spec(Number(above_minimum=True, maximum=1, stricter="lower")))
    guides_bulk_floor: int = field(metadata=spec(Whole(minimum=1, stricter="lower")))
    systems_bulk_count: int = field(metadata=spec(Whole(minimum=1, stricter="lower")))
    systems_bulk_share: float = field(metadata=spec(Number(above_minimum=True, maximum=1, stricter="lower")))
    systems_bulk_floor: int = field(metadata=spec(Whole(minimum=1, stricter="lower")))


@dataclass(frozen=True)
class SecuritySeriousError(Section):
    NAME: ClassVar[str] = "security_serious_error"
    risks: frozenset[ContentRisk] = field(
        metadata=spec(Choices(ContentRisk, stricter="more", allow_empty=False))
    )
    min_score: float = field(metadata=spec(Number(maximum=1, stricter="lower")))


# --- deductions and warnings ------------------------------------------------------------------------


@dataclass(frozen=True)
class ImproperContent(Section):
    NAME: ClassVar[str] = "improper_content"
    risks: frozenset[ContentRisk] = field(metadata=spec(Choices(ContentRisk, stricter="more")))
    min_score: float = field(metadata=spec(Number(maximum=1, stricter="lower")))
    points_each: float = field(metadata=spec(_POINTS))
    max_points: float = field(metadata=spec(_POINTS))


@dataclass(frozen=True)
class HomepageAvailability(Section):
    NAME: ClassVar[str] = "homepage_availability"
    points_per_percent: float = field(metadata=spec(_POINTS))
    max_points: float = field(metadata=spec(_POINTS))


@dataclass(frozen=True)
class BrokenLinks(Section):
    NAME: ClassVar[str] = "broken_links"
    homepage_points: float = field(metadata=spec(_POINTS))
    other_points: float = field(metadata=spec(_POINTS))
    max_points: float = field(metadata=spec(_POINTS))
    host_problems: frozenset[LinkProblem] = field(metadata=spec(Choices(LinkProblem, stricter="fewer")))


@dataclass(frozen=True)
class HomepageUpdateVolume(Section):
    NAME: ClassVar[str] = "homepage_update_volume"
    within: Cadence = field(metadata=spec(Span(stricter="shorter")))
    min_items: int = field(metadata=spec(Whole(minimum=1, stricter="higher")))
    points: float = field(metadata=spec(_POINTS))


@dataclass(frozen=True)
class SlowAnswers(Section):
    NAME: ClassVar[str] = "slow_answers"
    lookback: Cadence = field(metadata=spec(Span(stricter="longer")))
    channel_kinds: frozenset[ChannelKind] = field(
        metadata=spec(Choices(ChannelKind, stricter="more", allow_empty=False))
    )
    within_days: int = field(metadata=spec(Whole(minimum=1, stricter="lower")))
    within_working_days: int = field(metadata=spec(Whole(minimum=1, stricter="lower")))
    points_each: float = field(metadata=spec(_POINTS))
    max_points: float = field(metadata=spec(_POINTS))


@dataclass(frozen=True)
class ServiceGuidesIncomplete(Section):
    NAME: ClassVar[str] = "service_guides_incomplete"
    points_per_element: float = field(metadata=spec(_POINTS))
    max_points: float = field(metadata=spec(_POINTS))


@dataclass(frozen=True)
class DeadAttachments(Section):
    NAME: ClassVar[str] = "dead_attachments"
    points_each: float = field(metadata=spec(_POINTS))
    max_points: float = field(metadata=spec(_POINTS))


@dataclass(frozen=True)
class DeadOnlineSystems(Section):
    NAME: ClassVar[str] = "dead_online_systems"
    points_each: float = field(metadata=spec(_POINTS))
    max_points: float = field(metadata=spec(_POINTS))


@dataclass(frozen=True)
class TwinArticles(Section):
    NAME: ClassVar[str] = "twin_articles"
    similarity: float = field(metadata=spec(Number(above_minimum=True, maximum=1, stricter="lower")))
    shingle_chars: int = field(metadata=spec(Whole(minimum=2)))
    min_chars: int = field(metadata=spec(Whole(minimum=1, stricter="lower")))
    points_each: float = field(metadata=spec(_POINTS))
    max_points: float = field(metadata=spec(_POINTS))


@dataclass(frozen=True)
class Scoring(Section):
    NAME: ClassVar[str] = "scoring"
    full_marks: float = field(metadata=spec(Number(above_minimum=True)))
    pass_line: float = field(metadata=spec(Number(stricter="higher")))
    services_points: float = field(metadata=spec(Number()))


SECTIONS: Mapping[str, type[Section]] = {
    section.NAME: section
    for section in (
        SiteUnreachable,
        HomepageNotUpdated,
        PoorInteraction,
        ServicesNotPractical,
        SecuritySeriousError,
        ImproperContent,
        HomepageAvailability,
        BrokenLinks,
        HomepageUpdateVolume,
        SlowAnswers,
        ServiceGuidesIncomplete,
        DeadAttachments,
        DeadOnlineSystems,
        TwinArticles,
        Scoring,
    )
}

# The deduction items of the services part (服务实用), worth `scoring.services_points` together and not
# scored for a department without external services.
SERVICE_ITEMS: tuple[str, ...] = ("service_guides_incomplete", "dead_attachments", "dead_online_systems")
