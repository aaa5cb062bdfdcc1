"""Checks on a path before the program opens or replaces it."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import overload


@overload
def stat_gewoon_bestand(
    pad: Path,
    weiger: Callable[[str], Exception],
    *,
    ontbreekt: str,
    onleesbaar: Callable[[OSError], str],
    is_map: str,
    geen_gewoon_bestand: str,
) -> os.stat_result: ...


@overload
def stat_gewoon_bestand(
    pad: Path,
    weiger: Callable[[str], Exception],
    *,
    ontbreekt: None = None,
    onleesbaar: Callable[[OSError], str],
    is_map: str,
    geen_gewoon_bestand: str,
) -> os.stat_result | None: ...


def stat_gewoon_bestand(
    pad: Path,
    weiger: Callable[[str], Exception],
    *,
    ontbreekt: str | None = None,
    onleesbaar: Callable[[OSError], str],
    is_map: str,
    geen_gewoon_bestand: str,
) -> os.stat_result | None:
    """`pad`'s stat when it is a regular file; when it does not exist, None (or, given
    `ontbreekt`, that reason).

    Otherwise `weiger(reden)` is raised with the caller's Dutch reason, never a traceback: a
    directory, or a FIFO or device (opening one would block or never end), or a path that
    cannot be inspected at all.
    """
    try:
        toestand = pad.stat()
    except FileNotFoundError:
        if ontbreekt is None:
            return None
        raise weiger(ontbreekt) from None
    except OSError as fout:
        raise weiger(onleesbaar(fout)) from None
    if stat.S_ISDIR(toestand.st_mode):
        raise weiger(is_map)
    if not stat.S_ISREG(toestand.st_mode):
        raise weiger(geen_gewoon_bestand)
    return toestand
