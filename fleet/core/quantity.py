"""Kubernetes resource quantities ("500m", "64Gi", "2") as exact numbers.

Quota arithmetic (does the sum of tenant quotas fit a cluster?) must be exact, so quantities
are parsed into integers of a base unit: millicores for CPU, bytes for everything else.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_SUFFIXES: dict[str, Decimal] = {
    "": Decimal(1),
    "m": Decimal("0.001"),
    "k": Decimal(10) ** 3,
    "M": Decimal(10) ** 6,
    "G": Decimal(10) ** 9,
    "T": Decimal(10) ** 12,
    "P": Decimal(10) ** 15,
    "Ki": Decimal(2) ** 10,
    "Mi": Decimal(2) ** 20,
    "Gi": Decimal(2) ** 30,
    "Ti": Decimal(2) ** 40,
    "Pi": Decimal(2) ** 50,
}
_QUANTITY = re.compile(r"^(?P<number>[0-9]{1,18}(?:\.[0-9]{1,9})?)(?P<suffix>m|k|M|G|T|P|Ki|Mi|Gi|Ti|Pi)?$")
# Far beyond any cluster (a million cores, an exbibyte), far below where arithmetic gets slow.
LARGEST = Decimal(2) ** 60


def parse(value: str | int | float) -> Decimal:
    """The quantity's value in base units; ValueError with the accepted forms otherwise."""
    text = str(value).strip()
    match = _QUANTITY.match(text)
    if not match:
        raise ValueError(
            f"{str(value)[:40]!r} is not a Kubernetes quantity; write a number with an optional suffix "
            "such as 500m, 4, 64Gi or 1Ti"
        )
    try:
        number = Decimal(match["number"])
    except InvalidOperation as err:  # pragma: no cover - the regex admits only decimals
        raise ValueError(f"{value!r} is not a number") from err
    result = number * _SUFFIXES[match["suffix"] or ""]
    if result > LARGEST:
        raise ValueError(f"{text[:40]!r} is larger than any cluster could offer; check the number and its unit")
    return result


def millicores(value: str | int | float) -> int:
    return int(parse(value) * 1000)


def bytes_(value: str | int | float) -> int:
    return int(parse(value))
