"""ConfigCat's own SDK test data (``sdkdata/``, MIT) and how to check an SDK client against it.

``content-by-key.json`` holds real CDN config files by SDK key; ``matrices/*.csv`` the results the
SDKs must produce for a table of users. ``SOURCE.md`` pairs each matrix with its SDK keys.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import configcatclient
from configcatclient.configcatclient import ConfigCatClient
from configcatclient.configcatoptions import ConfigCatOptions, Hooks
from configcatclient.pollingmode import PollingMode
from configcatclient.user import User

DATA = Path(__file__).parent / "sdkdata"
VARIATION_MATRIX = "testmatrix_variationId.csv"
_PAIR_RE = re.compile(r"^\| (testmatrix\S*\.csv) \| (\S+) \| (\S+) \|$")
_NULL = ("", "##null##")


@dataclass(frozen=True)
class Row:
    """One user of a matrix and what each flag must evaluate to for it."""

    cells: tuple[str, ...]
    expected: tuple[str, ...]


@dataclass(frozen=True)
class Matrix:
    """An expected-results matrix: ``Identifier;Email;Country;<custom>;<flag keys...>``."""

    name: str
    custom_attribute: str
    flags: tuple[str, ...]
    rows: tuple[Row, ...]

    @property
    def checks(self) -> int:
        """How many (user, flag) results the matrix holds."""
        return len(self.rows) * len(self.flags)

    def user(self, row: Row) -> User | None:
        """The user a row describes, as python-sdk's own matrix test builds it (None for no user)."""
        identifier, email, country, custom = row.cells
        if identifier == "##null##":  # an empty identifier is still a user
            return None
        return User(
            identifier,
            email if email not in _NULL else None,
            country if country not in _NULL else None,
            {self.custom_attribute: custom} if custom not in _NULL else None,
        )


@cache
def snapshots() -> dict[str, dict[str, Any]]:
    """The CDN config files by SDK key."""
    loaded: dict[str, dict[str, Any]] = json.loads((DATA / "content-by-key.json").read_text("utf-8"))
    return loaded


@cache
def pairs() -> dict[str, str]:
    """SDK key → matrix file name, from the table in ``SOURCE.md``."""
    out = {}
    for line in (DATA / "SOURCE.md").read_text("utf-8").splitlines():
        found = _PAIR_RE.match(line.strip())
        if found:
            for key in found.group(2, 3):
                if key != "—":
                    out[key] = found.group(1)
    return out


@cache
def matrix(name: str) -> Matrix:
    """Parse a matrix file."""
    lines = (DATA / "matrices" / name).read_text("utf-8").splitlines()
    header = lines[0].split(";")
    flags = tuple(header[4:])
    rows = []
    for line in lines[1:]:
        if not line.strip():
            continue
        cells = line.split(";")
        rows.append(Row(tuple(cells[:4]), tuple(cells[4 : 4 + len(flags)])))
    return Matrix(name, header[3], flags, tuple(rows))


def evaluate(client: ConfigCatClient, m: Matrix, flags: set[str] | None = None) -> tuple[int, list[str]]:
    """Evaluate every (user, flag) of a matrix with an SDK client.

    Args:
        client: The SDK client, its config fetched.
        m: The matrix.
        flags: Only these columns (all when None).

    Returns:
        The number of checks made and a description of each mismatch.
    """
    checks, mismatches = 0, []
    for row in m.rows:
        user = m.user(row)
        for key, expected in zip(m.flags, row.expected, strict=True):
            if flags is not None and key not in flags:
                continue
            if m.name == VARIATION_MATRIX:
                got = client.get_value_details(key, None, user).variation_id
            else:
                got = client.get_value(key, None, user)
            checks += 1
            if str(got) != expected:
                mismatches.append(f"{row.cells} {key}: expected {expected}, got {got}")
    return checks, mismatches


@contextlib.contextmanager
def sdk_client(base_url: str, sdk_key: str) -> Iterator[tuple[ConfigCatClient, list[str]]]:
    """A manual-poll SDK client on ``base_url`` that has fetched once; yields it and its error log."""
    errors: list[str] = []
    options = ConfigCatOptions(
        base_url=base_url,
        polling_mode=PollingMode.manual_poll(),
        hooks=Hooks(on_error=errors.append),
    )
    client = configcatclient.get(sdk_key, options)
    try:
        client.force_refresh()
        yield client, errors
    finally:
        client.close()
