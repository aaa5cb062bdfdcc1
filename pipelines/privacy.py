"""BSN handling, in one place: elfproef, the pseudonymisation key, keyed pseudonyms (HMAC-SHA256)
and the scrubber that replaces a BSN hidden in any stored text.

A raw BSN never reaches the database file. The key lives outside the repository
(`~/.config/signaalmonitor/pseudoniemsleutel`, owner-only) or comes from
$SIGNAALMONITOR_PSEUDO_KEY; the database records only a fingerprint of the key, so a load
with a different key is refused instead of silently splitting one client into two.

The scrubber is the one rule for free text (extra columns, notes, file names, quarantined
lines, a `client_id` that is really a BSN): every 9-digit number that passes the elfproef,
also written as `1234.56.782` or `123 456 782`, is replaced by its pseudonym. Over-scrubbing
an identifier that happens to pass the elfproef is the safe error: the pseudonym is the same
everywhere, so links between tables still hold.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
import re
import secrets
import stat
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from pipelines.settings import PSEUDO_KEY_ENV, pseudo_key_file

PSEUDONIEM_PREFIX = "P"
# 80 bits: collision-free in practice for tens of millions of clients, short enough to read.
PSEUDONIEM_HEX_LENGTE = 20
# A key must carry at least this much entropy (32 bytes), or the pseudonyms can be reversed
# by trying all 10^9 BSNs against a guessed key.
MIN_SLEUTEL_BITS = 256
# Below this many bits per character the key is repetitive ("aaaa…", "abab…").
_MIN_BITS_PER_TEKEN = 3.0

# Nine digits with at most one separator (space, dot, hyphen) between digits, not part of a
# longer number. Matches 123456782, 1234.56.782, 123 456 782 and 12-34-56-782. A pseudonym
# (P + 20 hex) is matched first and kept whole, so digits inside it are never "a BSN" and
# scrubbing twice changes nothing.
BSN_IN_TEKST = re.compile(
    r"(?P<pseudoniem>(?<![0-9A-Za-z])P[0-9a-f]{20}(?![0-9A-Za-z]))"
    r"|(?P<bsn>(?<![0-9])[0-9](?:[ .\-]?[0-9]){8}(?![0-9]))"
)
# The same candidates for DuckDB's RE2 (no look-around): used to find the few cells that need
# the Python scrubber, which then decides exactly.
BSN_KANDIDAAT_RE2 = r"(?:^|[^0-9])[0-9](?:[ .\-]?[0-9]){8}(?:$|[^0-9])"
BSN_VERWIJDERD = "[BSN verwijderd]"
# Where the database records the fingerprint of the key it was filled with (beheer.instellingen).
SLEUTEL_INSTELLING = "pseudoniem_sleutel_vingerafdruk"


class SleutelOngeschikt(Exception):
    """The pseudonymisation key is missing, too weak or readable by others (Dutch message)."""


def elfproef(bsn: str) -> bool:
    """Dutch BSN check: 9 digits, sum of 9..2 times the first eight minus the last ≡ 0 (mod 11)."""
    if len(bsn) != 9 or not bsn.isdigit() or bsn == "000000000":
        return False
    digits = [int(c) for c in bsn]
    total = sum((9 - i) * d for i, d in enumerate(digits[:8])) - digits[8]
    return total % 11 == 0


def alleen_cijfers(tekst: str) -> str:
    return "".join(c for c in tekst if c.isdigit())


def vervang_bsn(tekst: str | None, vervanging: Callable[[str], str]) -> str | None:
    """Replace every BSN in `tekst` by `vervanging(bsn)`; other numbers stay as they are."""
    if not tekst:
        return tekst

    def _een(m: re.Match[str]) -> str:
        if m.group("pseudoniem"):
            return m.group(0)
        cijfers = alleen_cijfers(m.group(0))
        return vervanging(cijfers) if elfproef(cijfers) else m.group(0)

    return BSN_IN_TEKST.sub(_een, tekst)


def verwijder_bsn(tekst: str | None) -> str | None:
    """For a process without the key (or text that needs no link): the BSN is simply removed."""
    return vervang_bsn(tekst, lambda _bsn: BSN_VERWIJDERD)


def geschatte_entropie_bits(sleutel: bytes) -> float:
    """Conservative estimate: length × bits per character of the smallest alphabet that fits,
    capped by the observed character distribution (a repetitive key scores low)."""
    if not sleutel:
        return 0.0
    tekst = sleutel.decode("latin-1")
    if all(c in "0123456789abcdefABCDEF" for c in tekst):
        per_teken = 4.0
    elif all(c.isascii() and (c.isalnum() or c in "+/=-_") for c in tekst):
        per_teken = 6.0
    else:
        per_teken = 6.5
    tellingen = Counter(tekst)
    shannon = -sum(n / len(tekst) * math.log2(n / len(tekst)) for n in tellingen.values())
    if shannon < _MIN_BITS_PER_TEKEN:
        per_teken = min(per_teken, shannon)
    return len(tekst) * per_teken


def controleer_sleutel(sleutel: bytes, herkomst: str) -> bytes:
    bits = geschatte_entropie_bits(sleutel)
    if bits < MIN_SLEUTEL_BITS:
        raise SleutelOngeschikt(
            f"De pseudonimiseringssleutel uit {herkomst} is te zwak (geschat {bits:.0f} bits, "
            f"minimaal {MIN_SLEUTEL_BITS}); met een zwakke sleutel zijn pseudoniemen terug te "
            "rekenen naar het BSN. Maak een sterke sleutel, bijvoorbeeld met: "
            "python3 -c 'import secrets; print(secrets.token_hex(32))'"
        )
    return sleutel


def _controleer_rechten(pad: Path) -> None:
    modus = pad.stat().st_mode
    if modus & (stat.S_IRWXG | stat.S_IRWXO):
        raise SleutelOngeschikt(
            f"Het sleutelbestand {pad} is leesbaar voor anderen dan de eigenaar "
            f"(rechten {stat.filemode(modus)}). Herstel dit met: chmod 600 '{pad}'"
        )


def load_key(*, maak_aan: bool = True) -> bytes:
    """The pseudonymisation key; created with owner-only permissions on first use.

    Refused (SleutelOngeschikt) when it is too weak or when the key file is readable by the
    group or others. With `maak_aan=False` (the dashboard) a missing key is refused too: a new
    key would split every client into two pseudonyms.
    """
    from_env = os.environ.get(PSEUDO_KEY_ENV)
    if from_env:
        return controleer_sleutel(from_env.strip().encode("utf-8"), f"${PSEUDO_KEY_ENV}")
    path = pseudo_key_file()
    if path.exists():
        if not path.is_file():
            raise SleutelOngeschikt(f"Het sleutelbestand {path} is geen gewoon bestand.")
        _controleer_rechten(path)
        return controleer_sleutel(path.read_bytes().strip(), str(path))
    if not maak_aan:
        raise SleutelOngeschikt(f"Er is geen pseudonimiseringssleutel ({path} ontbreekt).")
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

    def scrub(self, tekst: str | None) -> str | None:
        """`tekst` with every BSN in it replaced by its pseudonym."""
        return vervang_bsn(tekst, self.pseudoniem)

    def hmac_blokken(self) -> tuple[bytes, bytes]:
        """The key's inner and outer HMAC-SHA256 blocks (RFC 2104), so DuckDB computes the same
        pseudonym set-based: sha256(buiten || sha256(binnen || bsn)). Like the key itself they
        are only ever bound parameters: never written, logged or put in SQL text."""
        blok = self._key if len(self._key) <= 64 else hashlib.sha256(self._key).digest()
        blok = blok.ljust(64, b"\0")
        return bytes(b ^ 0x36 for b in blok), bytes(b ^ 0x5C for b in blok)
