"""Query codes (查询码): what a writer keeps to follow a letter or request without an account.

Twelve characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown in groups of four:
about 60 bits, so codes cannot be guessed. Only a digest is stored; a leaked database does not let
anyone pose as the writer.
"""

from __future__ import annotations

import hashlib
import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 12
_NOT_CODE = re.compile(r"[^0-9A-Z]")
# What people type for the characters the alphabet leaves out.
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_query_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))


def normalize(code: str) -> str:
    """Upper case, no spaces or dashes; full-width characters folded to ASCII."""
    folded = "".join(chr(ord(ch) - 0xFEE0) if "！" <= ch <= "～" else ch for ch in code)
    return _NOT_CODE.sub("", folded.upper().translate(_LOOKALIKES))


def digest(code: str) -> str:
    """The stored form of a code (sha256 of its normalized text)."""
    return hashlib.sha256(normalize(code).encode()).hexdigest()


def looks_valid(code: str) -> bool:
    text = normalize(code)
    return len(text) == LENGTH and all(ch in ALPHABET for ch in text)
