"""What the member resources share: e-mail lists that never reach a message, and where a group belongs.

E-mail addresses are personal data. They are kept out of every message this package writes: ``check``
names the position of a refused address (``emails[2]``) but never quotes it, and an API error that quotes
one has it blanked out (:func:`quiet_emails`) before it reaches the engine, the log or the CLI.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pulumi

from pulumi_configcat._exceptions import APIError, APIStatusError
from pulumi_configcat.resources._props import InvalidValueError, Kind, is_unknown
from pulumi_configcat.resources.permission_groups import PermissionGroup

__all__ = ["BLANKED", "GROUP_PRODUCTS_KEY", "EmailList", "blank_emails", "group_product", "quiet_emails"]

# Where a resource class puts the product each of its permission groups belongs to, when the program gives
# the group as the id of a PermissionGroup it declares; ``check`` reads it and drops it (it is no input).
GROUP_PRODUCTS_KEY = "__permission_group_products"

# One '@' with something before it and a dotted domain after it, no spaces or control characters; the
# longest address SMTP carries is 254 characters.
_EMAIL = re.compile(r"[^@\s\x00-\x1f\x7f]+@[^@\s\x00-\x1f\x7f.]+(?:\.[^@\s\x00-\x1f\x7f.]+)+")
_NOT_SHOWN = "(the value is not shown: e-mail addresses are kept out of logs and messages)"
BLANKED = "<e-mail address>"


@dataclass(frozen=True)
class EmailList(Kind):
    """A non-empty list of e-mail addresses, compared as a set without case; values never quoted."""

    def parse(self, value: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise InvalidValueError(f"must be {self.describe()}, got {type(value).__name__} {_NOT_SHOWN}")
        if not value:
            raise InvalidValueError(f"must be {self.describe()}, got an empty list")
        parsed: list[Any] = []
        first: dict[str, int] = {}
        details = []
        for index, item in enumerate(value):
            if is_unknown(item):
                parsed.append(item)
                continue
            if not isinstance(item, str) or len(item) > 254 or not _EMAIL.fullmatch(item):
                details.append(
                    (f"[{index}]", f"must be an e-mail address such as name@example.com {_NOT_SHOWN}")
                )
                continue
            address = item.lower()
            if address in first:
                details.append(
                    (f"[{index}]", f"repeats [{first[address]}] (addresses are compared without case)")
                )
                continue
            first[address] = index
            parsed.append(address)
        if details:
            raise InvalidValueError("; ".join(f"{path} {reason}" for path, reason in details), details)
        return parsed

    def describe(self) -> str:
        return "a non-empty list of e-mail addresses such as name@example.com, each listed once"

    def comparable(self, value: Any) -> Any:
        if not isinstance(value, list | tuple):
            return value
        return sorted({item.lower() if isinstance(item, str) else repr(item) for item in value})


def blank_emails(text: str, emails: Iterable[str]) -> str:
    """``text`` with each of ``emails`` (without case) and anything else shaped like an address blanked."""
    for email in sorted(set(emails), key=len, reverse=True):
        text = re.sub(re.escape(email), BLANKED, text, flags=re.IGNORECASE)
    return _EMAIL.sub(BLANKED, text)


@contextmanager
def quiet_emails(emails: Iterable[str] = ()) -> Iterator[None]:
    """Blanks e-mail addresses out of an API error raised inside: its message and the body it keeps."""
    try:
        yield
    except APIError as exc:
        exc.args = (blank_emails(str(exc.args[0]) if exc.args else "", emails), *exc.args[1:])
        if isinstance(exc, APIStatusError):
            exc.body = blank_emails(exc.body, emails)
        raise


def group_product(group_id: Any) -> pulumi.Output[str | None] | None:
    """The product of the PermissionGroup whose id ``group_id`` is, when the program declares that group.

    Pulumi hands a provider values, not where they came from; the program knows. An Output that depends on
    exactly one :class:`PermissionGroup` gives that group's ``product_id`` (unknown at preview while the
    group is new); anything else (a literal id, a lookup's) gives None, and the API has the last word.
    """
    if not isinstance(group_id, pulumi.Output):
        return None

    async def product() -> str | None:
        groups = [r for r in await group_id.resources() if isinstance(r, PermissionGroup)]
        if len(groups) != 1:
            return None
        found = await groups[0].product_id.future()
        return found.lower() if isinstance(found, str) else None

    return pulumi.Output.from_input(product())
