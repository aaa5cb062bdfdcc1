"""BSN handling at the door: elfproef and keyed pseudonyms (HMAC-SHA256).

A raw BSN never reaches the database file. The key lives outside the repository
(`~/.config/signaalmonitor/pseudoniemsleutel`, owner-only) or comes from
$SIGNAALMONITOR_PSEUDO_KEY; the database records only a fingerprint of the key, so a load
with a different key is refused instead of silently splitting one client into two.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets

from pipelines.settings import PSEUDO_KEY_ENV, pseudo_key_file

PSEUDONIEM_PREFIX = "P"
# 80 bits: collision-free in practice for tens of millions of clients, short enough to read.
PSEUDONIEM_HEX_LENGTE = 20


def elfproef(bsn: str) -> bool:
    """Dutch BSN check: 9 digits, sum of 9..2 times the first eight minus the last ≡ 0 (mod 11)."""
    if len(bsn) != 9 or not bsn.isdigit() or bsn == "000000000":
        return False
    digits = [int(c) for c in bsn]
    total = sum((9 - i) * d for i, d in enumerate(digits[:8])) - digits[8]
    return total % 11 == 0


def load_key() -> bytes:
    """The pseudonymisation key; created with owner-only permissions on first use."""
    from_env = os.environ.get(PSEUDO_KEY_ENV)
    if from_env:
        return from_env.encode("utf-8")
    path = pseudo_key_file()
    if path.exists():
        return path.read_bytes().strip()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_hex(32).encode("ascii")
    # O_EXCL: two processes starting at once must not both write a different key.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


def key_fingerprint(key: bytes) -> str:
    return hashlib.sha256(b"signaalmonitor-sleutel:" + key).hexdigest()[:16]


class Pseudonimiseerder:
    def __init__(self, key: bytes) -> None:
        self._key = key
        self.fingerprint = key_fingerprint(key)

    def pseudoniem(self, bsn: str) -> str:
        digest = hmac.new(self._key, bsn.encode("utf-8"), hashlib.sha256).hexdigest()
        return PSEUDONIEM_PREFIX + digest[:PSEUDONIEM_HEX_LENGTE]
