"""Compliance regimes: which countries (and so which exact regions) data may live in.

A regime resolves to allowed countries plus explicitly allowed regions; a region satisfies a
regime when the catalogue puts it in an allowed country, or it is listed by name. Nothing is
matched by prefix: AWS ``eu-central-2`` (Zurich) and GCP ``europe-west2`` (London) look
European by name and are outside the EU.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from fleet.core import catalog


@dataclass(frozen=True)
class Regime:
    name: str
    description: str
    countries: frozenset[str] | None  # None: anywhere
    regions: frozenset[tuple[str, str]] = field(default_factory=frozenset)  # (cloud, region) allowed by name

    def allows(self, cloud: str, region: str, country: str | None = None) -> bool:
        """Whether data may live in ``region`` of ``cloud``. For an existing cluster (cloud
        ``existing``) the region is its site and ``country`` is the one its spec declares."""
        if self.countries is None:
            return True
        if cloud == catalog.EXISTING:
            return country is not None and country in self.countries
        found = catalog.lookup(cloud, region)
        if found is None:
            return False
        return found.country in self.countries or (cloud, found.name) in self.regions

    def allowed_regions(self, cloud: str | None = None) -> list[catalog.Region]:
        return [r for r in catalog.regions(cloud) if r.deployable and self.allows(r.cloud, r.name)]

    def summary(self) -> str:
        """Short form for one-line reasons: the countries when few, else how many."""
        if self.countries is not None and len(self.countries) + len(self.regions) > 6:
            return f"{len(self.countries)} countries" + (f" + {len(self.regions)} regions" if self.regions else "")
        return self.describe_countries()

    def describe_countries(self) -> str:
        if self.countries is None:
            return "any country"
        parts = sorted(self.countries)
        extra = sorted(f"{c}:{r}" for c, r in self.regions)
        return ", ".join(parts + extra) or "nowhere"


def _eu() -> frozenset[str]:
    return frozenset(c.code for c in catalog.countries() if c.eu)


def _eea() -> frozenset[str]:
    return frozenset(c.code for c in catalog.countries() if c.eea)


def builtin() -> dict[str, Regime]:
    return {
        "none": Regime("none", "no residency requirement", None),
        "eu": Regime("eu", "EU member states", _eu()),
        "gdpr": Regime("gdpr", "European Economic Area: EU plus Iceland, Liechtenstein, Norway", _eea()),
        "ch": Regime("ch", "Switzerland", frozenset({"CH"})),
        "uk": Regime("uk", "United Kingdom", frozenset({"GB"})),
        "us": Regime("us", "United States", frozenset({"US"})),
        "ca": Regime("ca", "Canada", frozenset({"CA"})),
    }


BUILTIN_NAMES = ("none", "eu", "gdpr", "ch", "uk", "us", "ca")


@dataclass(frozen=True)
class CustomRegime:
    """A regime defined in a stack spec or policy config (already shape-checked)."""

    name: str
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()  # "cloud:region"
    extends: str | None = None
    description: str = ""


class RegimeError(ValueError):
    pass


MAX_EXTENDS = 16


def resolve_all(custom: Iterable[CustomRegime] = ()) -> dict[str, Regime]:
    """Built-in regimes plus custom ones; a custom regime may extend any other (union)."""
    regimes = builtin()
    pending = {c.name: c for c in custom}
    for name in pending:
        if name in regimes:
            raise RegimeError(f"{name!r} is a built-in regime; choose another name")

    def resolve(name: str, chain: tuple[str, ...]) -> Regime:
        if name in regimes:
            return regimes[name]
        if name not in pending:
            raise RegimeError(f"unknown regime {name!r}")
        if name in chain:
            raise RegimeError(f"regime {name!r} extends itself through {' -> '.join((*chain, name))}")
        if len(chain) >= MAX_EXTENDS:
            # Resolved by recursion; a chain this long is no organisation's design, only a way to exhaust the stack.
            raise RegimeError(
                f"regime {chain[0]!r} extends a chain of more than {MAX_EXTENDS} regimes "
                f"({' -> '.join(chain[:3])} -> ...); extend the final regime directly"
            )
        spec = pending[name]
        base = resolve(spec.extends, (*chain, name)) if spec.extends else None
        if base is not None and base.countries is None:
            countries: frozenset[str] | None = None
        else:
            countries = frozenset(spec.countries) | (base.countries if base and base.countries else frozenset())
        regions = frozenset(tuple(r.split(":", 1)) for r in spec.regions) | (base.regions if base else frozenset())
        description = spec.description or f"custom regime: {', '.join(sorted(countries or [])) or 'regions'}"
        regime = Regime(name, description, countries, regions)  # type: ignore[arg-type]
        regimes[name] = regime
        return regime

    for name in pending:
        resolve(name, ())
    return regimes


def satisfied_by(cloud: str, region: str, regimes: Mapping[str, Regime]) -> list[str]:
    """Names of the regimes a region satisfies, in the order given."""
    return [name for name, regime in regimes.items() if regime.allows(cloud, region)]
