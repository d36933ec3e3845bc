"""Secret values in rendered properties: one walker, three views of a secret.

A rendered property tree keeps secrets in their wire form ({SECRET_KEY: SECRET_SIG, "value": ...}).
``reveal`` unwraps them (for the policy pack, which sees plain values as the engine sends them),
``redact`` replaces them with "[secret]" (for display), and ``mask`` keeps the wrapper with
"[secret]" and, when given a key, a keyed digest of the value, so two renderings can tell that a
secret changed without either holding it. The digest never reaches a report.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from typing import Any

from fleet.compat import SECRET_KEY, SECRET_SIG

SHOWN = "[secret]"
DIGEST = "digest"


def is_secret(value: Any) -> bool:
    return isinstance(value, dict) and value.get(SECRET_KEY) == SECRET_SIG


def transform(value: Any, on_secret: Callable[[Any], Any]) -> Any:
    """``value`` with every secret replaced by ``on_secret(its plain value)``."""
    if is_secret(value):
        return on_secret(value.get("value"))
    if isinstance(value, dict):
        return {k: transform(v, on_secret) for k, v in value.items()}
    if isinstance(value, list):
        return [transform(v, on_secret) for v in value]
    return value


def reveal(value: Any) -> Any:
    return transform(value, reveal)


def redact(value: Any) -> Any:
    return transform(value, lambda _: SHOWN)


def wrap(shown: Any, digest: str | None = None) -> dict[str, Any]:
    return {SECRET_KEY: SECRET_SIG, "value": shown, **({DIGEST: digest} if digest else {})}


def mask(value: Any, key: bytes | None = None) -> Any:
    def masked(plain: Any) -> dict[str, Any]:
        if key is None:
            return wrap(SHOWN)
        text = json.dumps(reveal(plain), sort_keys=True, default=str).encode()
        return wrap(SHOWN, hmac.new(key, text, hashlib.sha256).hexdigest()[:32])

    return transform(value, masked)
