"""Masking of credentials: nothing pearlnet prints may carry a secret."""

from __future__ import annotations

import re
from collections.abc import Iterable

MASK = "***"
CREDENTIAL_KEY = re.compile(
    r"(?i)(passw(or)?d|passwd|_pass$|^pass$|pwd|secret|token|api[_-]?key|private[_-]?key|"
    r"access[_-]?key|credential|auth|salt|signing|cookie|session[_-]?key|dsn)"
)
URL_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<user>[^:/@\s]*):(?P<pw>[^@/\s]*)@")
MIN_SECRET_LENGTH = 3


def is_credential_key(key: str) -> bool:
    return bool(CREDENTIAL_KEY.search(key))


def mask_text(text: str) -> str:
    """Hide the password part of every URL in text."""
    if "@" not in text:
        return text
    return URL_USERINFO.sub(lambda m: f"{m['scheme']}{m['user']}:{MASK}@", text)


class Masker:
    """Hides known secret values and URL passwords in any text."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        values = {s for s in secrets if len(s) >= MIN_SECRET_LENGTH}
        self._values = sorted(values, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, self._values))) if values else None

    def __call__(self, text: str) -> str:
        text = mask_text(text)
        if self._pattern is None:
            return text
        return self._pattern.sub(MASK, text)

    @classmethod
    def from_environment(cls, environments: Iterable[dict[str, str | None]]) -> Masker:
        secrets: list[str] = []
        for env in environments:
            for key, value in env.items():
                if not value:
                    continue
                if is_credential_key(key):
                    secrets.append(value)
                secrets.extend(m["pw"] for m in URL_USERINFO.finditer(value) if m["pw"])
        return cls(secrets)
