"""Rule sets: the numbers of an inspection edition, read from a TOML file.

The indicators are national but a province may run a stricter edition (news within 7 days instead of
2 weeks, say), so every number lives in data and a rule set can be overridden without touching code.
"""

import functools
import importlib.resources
import re
import tomllib
import types
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from importlib.resources.abc import Traversable

from . import limits
from .cadence import Cadence, RuleSetError, no_longer
from .evidence import ColumnKind

__all__ = ["Cadence", "RuleSet", "RuleSetError", "available_rulesets", "load_ruleset"]

_NO_CADENCE = "none"
_THRESHOLDS = ("stale_news_notice_min", "long_stale_min", "empty_min")
_TEXT_FIELDS = ("name", "title", "source")
_TOP_LEVEL_KEYS = frozenset({*_TEXT_FIELDS, "due_soon_days", "cadence", "thresholds", *limits.SECTIONS})


@dataclass(frozen=True)
class RuleSet:
    """The numbers of one inspection edition.

    `cadence` maps every column kind to how long it may stay silent; None means the kind has no
    update cadence, so only the empty-column check applies to it. `due_soon_days` is how early a
    column is flagged before it goes stale. The three thresholds are the counts at which the veto
    rule "columns not updated" fires (SPEC §3). Every other rule reads its own section (`limits`),
    named as the rule and laid out as the `[<rule>]` table of the TOML file.
    """

    name: str
    title: str
    source: str
    cadence: Mapping[ColumnKind, Cadence | None] = field(hash=False)
    due_soon_days: int
    stale_news_notice_min: int
    long_stale_min: int
    empty_min: int
    site_unreachable: limits.SiteUnreachable
    homepage_not_updated: limits.HomepageNotUpdated
    poor_interaction: limits.PoorInteraction
    services_not_practical: limits.ServicesNotPractical
    security_serious_error: limits.SecuritySeriousError
    improper_content: limits.ImproperContent
    homepage_availability: limits.HomepageAvailability
    broken_links: limits.BrokenLinks
    homepage_update_volume: limits.HomepageUpdateVolume
    slow_answers: limits.SlowAnswers
    service_guides_incomplete: limits.ServiceGuidesIncomplete
    dead_attachments: limits.DeadAttachments
    dead_online_systems: limits.DeadOnlineSystems
    twin_articles: limits.TwinArticles
    scoring: limits.Scoring

    def __post_init__(self) -> None:
        where = f"rule set {self.name!r}"
        if not self.name:
            raise RuleSetError("a rule set needs a name")
        cadence: dict[ColumnKind, Cadence | None] = {}
        for kind, value in self.cadence.items():
            if not isinstance(value, Cadence | None):
                raise RuleSetError(f"{where}: cadence for {kind!r} must be a Cadence or None, not {value!r}")
            cadence[_kind(kind, where)] = value
        missing = [kind.value for kind in ColumnKind if kind not in cadence]
        if missing:
            # Every kind must be decided explicitly: a forgotten kind would silently escape the rules.
            raise RuleSetError(f'{where}: no cadence for column kinds {", ".join(missing)} (use "none")')
        # A read-only view, so a cached rule set shared by every caller cannot be changed by one of them.
        object.__setattr__(self, "cadence", types.MappingProxyType(cadence))
        _check_int(self.due_soon_days, "due_soon_days", where, minimum=0)
        for name in _THRESHOLDS:
            # Zero would make the veto fire on a site without a single problem.
            _check_int(getattr(self, name), name, where, minimum=1)
        for name, section in limits.SECTIONS.items():
            if not isinstance(getattr(self, name), section):
                raise RuleSetError(
                    f"{where}: {name} must be a {section.__name__}, not {getattr(self, name)!r}"
                )
        _check_sections_agree(self, where)

    def cadence_for(self, kind: ColumnKind) -> Cadence | None:
        """How long a column of this kind may stay silent; None if it has no update cadence."""
        return self.cadence[kind]

    def with_overrides(self, overrides: Mapping[str, object]) -> "RuleSet":
        """A new rule set with some numbers replaced, given in the shape of the TOML file.

        For example ``{"cadence": {"news": "7d"}, "thresholds": {"empty_min": 3},
        "site_unreachable": {"failure_percent": 3}}``. Nothing checks the direction: use `tightened`
        when a province edition may only be stricter.
        """
        changes = _fields_from_data(overrides, f"overrides of rule set {self.name!r}", base=self)
        if "cadence" in changes:
            changes["cadence"] = {**self.cadence, **changes["cadence"]}  # type: ignore[dict-item]
        return replace(self, **changes)  # type: ignore[arg-type]

    def tightened(self, **overrides: object) -> "RuleSet":
        """A stricter rule set: ``ruleset.tightened(news="7d", empty_min=3)``.

        Keywords are column kinds (a cadence text, a `Cadence` or "none"), field names, or rule
        sections given as a table: ``tightened(site_unreachable={"failure_percent": 3})``. Raises
        `RuleSetError` if a change would loosen the edition: the national indicators are a floor that
        a province may raise but not lower.
        """
        cadence: dict[str, object] = {}
        thresholds: dict[str, object] = {}
        data: dict[str, object] = {}
        kinds = {kind.value for kind in ColumnKind}
        for key, value in overrides.items():
            if key in kinds:
                cadence[key] = value
            elif key in _THRESHOLDS:
                thresholds[key] = value
            elif key in (*_TEXT_FIELDS, "due_soon_days", *limits.SECTIONS):
                data[key] = value
            else:
                raise RuleSetError(f"tightened(): unknown setting {key!r}")
        if cadence:
            data["cadence"] = cadence
        if thresholds:
            data["thresholds"] = thresholds
        result = self.with_overrides(data)
        _check_not_looser(self, result)
        return result


def load_ruleset(name: str = "gov2019") -> RuleSet:
    """The rule set shipped as ``rulesets/<name>.toml``; read once, then served from a cache."""
    if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9_]+", name):
        raise RuleSetError(f"bad rule set name {name!r}: use lowercase letters, digits and _")
    return _load_cached(name)


def available_rulesets() -> list[str]:
    """Names of the rule sets shipped with the package, for a choice in the admin."""
    return sorted(
        entry.name.removesuffix(".toml")
        for entry in _rulesets_dir().iterdir()
        if entry.name.endswith(".toml")
    )


@functools.cache
def _load_cached(name: str) -> RuleSet:
    resource = _rulesets_dir() / f"{name}.toml"
    if not resource.is_file():
        raise RuleSetError(f"unknown rule set {name!r}; available: {', '.join(available_rulesets())}")
    where = f"rule set {name!r}"
    try:
        data = tomllib.loads(resource.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise RuleSetError(f"{where}: not valid TOML: {error}") from error
    fields = _fields_from_data(data, where)
    fields.setdefault("name", name)
    if fields["name"] != name:
        raise RuleSetError(f"{where}: the file calls itself {fields['name']!r}")
    thresholds = {key: fields.get(key) for key in _THRESHOLDS}
    required = ("title", "source", "due_soon_days", "cadence", *limits.SECTIONS)
    missing = [key for key in required if key not in fields]
    missing += [f"thresholds.{key}" for key, value in thresholds.items() if value is None]
    if missing:
        raise RuleSetError(f"{where}: missing {', '.join(missing)}")
    return RuleSet(**fields)  # type: ignore[arg-type]


def _rulesets_dir() -> Traversable:
    return importlib.resources.files(__package__) / "rulesets"


def _fields_from_data(
    data: Mapping[str, object], where: str, *, base: RuleSet | None = None
) -> dict[str, object]:
    """Check the TOML-shaped mapping and turn it into RuleSet constructor arguments.

    A rule section is read whole from a file (`base` None) and merged into `base`'s for overrides.
    """
    if not isinstance(data, Mapping):
        raise RuleSetError(f"{where}: expected a table, got {data!r}")
    unknown = sorted(set(data) - _TOP_LEVEL_KEYS)
    if unknown:
        raise RuleSetError(f"{where}: unknown keys {', '.join(unknown)}")
    fields: dict[str, object] = {}
    for key in _TEXT_FIELDS:
        if key in data:
            value = data[key]
            if not isinstance(value, str) or not value.strip():
                raise RuleSetError(f"{where}: {key} must be non-empty text, not {value!r}")
            fields[key] = value
    if "due_soon_days" in data:
        fields["due_soon_days"] = _check_int(data["due_soon_days"], "due_soon_days", where, minimum=0)
    if "cadence" in data:
        table = _table(data["cadence"], "cadence", where)
        fields["cadence"] = {
            _kind(key, where): _cadence_value(value, f"{where}: cadence.{key}")
            for key, value in table.items()
        }
    if "thresholds" in data:
        table = _table(data["thresholds"], "thresholds", where)
        for key, value in table.items():
            if key not in _THRESHOLDS:
                raise RuleSetError(f"{where}: unknown threshold {key!r} (known: {', '.join(_THRESHOLDS)})")
            fields[key] = _check_int(value, f"thresholds.{key}", where, minimum=1)
    for key, section in limits.SECTIONS.items():
        if key in data:
            table = data[key]
            try:
                if base is None:
                    fields[key] = section.from_data(_table(table, key, where))
                else:
                    fields[key] = getattr(base, key).updated(_table(table, key, where))
            except TypeError as error:  # a value of the wrong shape reached the dataclass
                raise RuleSetError(f"{where}: {key}: {error}") from None
            except RuleSetError as error:
                raise RuleSetError(f"{where}: {error}") from None
    return fields


def _table(value: object, key: str, where: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise RuleSetError(f"{where}: {key} must be a table, not {value!r}")
    return value


def _kind(key: object, where: str) -> ColumnKind:
    try:
        return ColumnKind(key)
    except ValueError:
        known = ", ".join(kind.value for kind in ColumnKind)
        raise RuleSetError(f"{where}: unknown column kind {key!r} (known: {known})") from None


def _cadence_value(value: object, where: str) -> Cadence | None:
    if value is None or isinstance(value, Cadence):
        return value
    if isinstance(value, str) and value.strip().lower() == _NO_CADENCE:
        return None
    if not isinstance(value, str):
        raise RuleSetError(f'{where}: expected a cadence text such as "14d" or "none", not {value!r}')
    try:
        return Cadence.parse(value)
    except RuleSetError as error:
        raise RuleSetError(f"{where}: {error}") from None


def _check_int(value: object, key: str, where: str, *, minimum: int) -> int:
    # bool is an int in Python; `empty_min = true` in a TOML file is a mistake, not 1.
    if not isinstance(value, int) or isinstance(value, bool):
        raise RuleSetError(f"{where}: {key} must be a whole number, not {value!r}")
    if value < minimum:
        raise RuleSetError(f"{where}: {key} must be at least {minimum}, not {value}")
    return value


def _check_sections_agree(ruleset: RuleSet, where: str) -> None:
    """Checks across sections: what no single number can say about itself."""
    scoring = ruleset.scoring
    if scoring.pass_line > scoring.full_marks:
        raise RuleSetError(
            f"{where}: scoring.pass_line ({scoring.pass_line:g}) is above full_marks ({scoring.full_marks:g})"
        )
    if scoring.services_points >= scoring.full_marks:
        raise RuleSetError(f"{where}: scoring.services_points must be below full_marks")
    # An item never deducts more than its total, and the service items share the services' points.
    service_caps = sum(getattr(ruleset, name).max_points for name in limits.SERVICE_ITEMS)
    if service_caps > scoring.services_points:
        raise RuleSetError(
            f"{where}: the service items may deduct {service_caps:g} points together, more than "
            f"scoring.services_points ({scoring.services_points:g})"
        )
    both = ruleset.security_serious_error.risks & ruleset.improper_content.risks
    if both:
        names = ", ".join(sorted(risk.value for risk in both))
        raise RuleSetError(f"{where}: risks {names} are both a veto and a lesser finding; choose one")


def _check_not_looser(before: RuleSet, after: RuleSet) -> None:
    looser: list[str] = []
    for kind in ColumnKind:
        old, new = before.cadence[kind], after.cadence[kind]
        if old is not None and (new is None or not no_longer(new, old)):
            looser.append(f"{kind.value} ({old} → {new or '不考核'})")
    looser += [
        f"{key} ({getattr(before, key)} → {getattr(after, key)})"
        for key in _THRESHOLDS
        if getattr(after, key) > getattr(before, key)
    ]
    for name in limits.SECTIONS:
        looser += getattr(before, name).loosened(getattr(after, name))
    if looser:
        raise RuleSetError(
            f"tightened() would loosen rule set {before.name!r}: {'; '.join(looser)}; "
            "use with_overrides() for an edition that differs in both directions"
        )
