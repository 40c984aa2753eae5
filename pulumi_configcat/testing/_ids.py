"""Identifier, key and timestamp factories for the emulator."""

from __future__ import annotations

import base64
import random
from datetime import datetime, timezone

# .NET DateTime ticks (100 ns) between 0001-01-01 and the Unix epoch.
_EPOCH_TICKS = 621355968000000000

#: Where each integer id sequence starts; realistic magnitudes, no meaning beyond that.
INT_ID_STARTS = {
    "setting": 240000,
    "tag": 51000,
    "webhook": 3100,
    "permissionGroup": 61000,
    "settingTag": 900000,
}


def utc_now() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    """Format a UTC time as ISO-8601 with a ``Z`` suffix and 7 fraction digits, as .NET does."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f") + "0Z"


class IdFactory:
    """Produce ids in ConfigCat's formats.

    GUIDs are time-ordered like ConfigCat's (the first 12 hex digits are .NET ticks); everything
    random is drawn from a generator seeded by the emulator seed, so runs are repeatable apart from
    the clock.
    """

    def __init__(self, seed: int) -> None:
        # Emulator keys are test fixtures, not secrets, so a seeded PRNG is the right tool.
        self._rng = random.Random(seed)  # noqa: S311
        self._last_ticks = 0
        self._next = dict(INT_ID_STARTS)

    def uuid(self) -> str:
        """Return a new time-ordered GUID string."""
        ticks = _EPOCH_TICKS + int(utc_now().timestamp() * 10_000_000)
        ticks = max(ticks, self._last_ticks + (1 << 16))
        self._last_ticks = ticks
        head = f"{ticks >> 16:012x}"
        tail = self._rng.getrandbits(60)
        variant = 0x8 | self._rng.getrandbits(2)
        return (
            f"{head[:8]}-{head[8:]}-4{tail >> 48:03x}-{variant:x}{(tail >> 36) & 0xFFF:03x}-"
            f"{self._rng.getrandbits(48):012x}"
        )

    def integer(self, kind: str) -> int:
        """Return the next id of an integer id sequence (``setting``, ``tag``, ...)."""
        value = self._next[kind]
        self._next[kind] = value + 1
        return value

    def sdk_key_part(self) -> str:
        """Return one 22-character part of an SDK key: 16 random bytes in unpadded base64url.

        That is how ConfigCat's own test server (go-sdk ``configcattest.RandomSDKKey``) makes them.
        """
        return base64.urlsafe_b64encode(self._rng.randbytes(16)).decode().rstrip("=")

    def signing_key(self) -> str:
        """Return a webhook signing key: ``configcat_whsk_`` and 44 base64 characters."""
        return "configcat_whsk_" + base64.b64encode(self._rng.randbytes(33)).decode()

    def secret(self, length: int = 24) -> str:
        """Return a random URL-safe string (used for generated passwords)."""
        return base64.urlsafe_b64encode(self._rng.randbytes(length)).decode().rstrip("=")[:length]
