"""Pacing under the API's rate limit: spread requests over what is left of the window, not into 429s.

ConfigCat sends ``X-Rate-Limit-Remaining`` (requests left in the current window) and ``X-Rate-Limit-Reset``
(when the window turns: an ISO-8601 UTC time, see the behaviour reference §2) on rate-limited calls. While
plenty is left, requests go out at once. Once no more than ``RATE_LIMIT_LOW_REMAINING`` are left, each
request takes the next slot of an even spread of the remaining budget over the time left; with nothing left,
requests wait for the window to turn. A 429's ``Retry-After`` holds every thread back for that long, not
only the one that got it. 429 and its retry stay the backstop for what pacing cannot foresee (other clients on
the same account, a window shorter than announced).

One pacer serves one client, and so one set of credentials in the process (see ``get_client``); it is
thread-safe. It only computes waits: the client sleeps, with its injectable ``sleep``.
"""

from __future__ import annotations

import email.utils
import math
import re
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timezone

from pulumi_configcat._constants import (
    RATE_LIMIT_CLOCK_TOLERANCE,
    RATE_LIMIT_LOW_REMAINING,
    RATE_LIMIT_MAX_WAIT,
    RATE_LIMIT_RESET_MARGIN,
)

__all__ = ["REMAINING_HEADER", "RESET_HEADER", "RatePacer"]

REMAINING_HEADER = "X-Rate-Limit-Remaining"
RESET_HEADER = "X-Rate-Limit-Reset"
# A bare number above this is a Unix time, below it a number of seconds.
_EPOCH_THRESHOLD = 1e9
# ISO 8601 as the API writes X-Rate-Limit-Reset (.NET: seven fractional digits and "Z"), which
# datetime.fromisoformat reads only from Python 3.11 on.
_ISO_TIME = re.compile(r"(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:?\d\d)?", re.IGNORECASE)


class RatePacer:
    """Works out how long each request waits so that the rate limit is not hit.

    Args:
        clock: Monotonic seconds (tests advance a fake one as they "sleep").
        wall_clock: The current UTC time, to read ``X-Rate-Limit-Reset`` against.
        low_remaining: Pacing starts when this few requests, or fewer, are left in the window.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] | None = None,
        low_remaining: int = RATE_LIMIT_LOW_REMAINING,
    ) -> None:
        self._clock = clock
        self._wall_clock = wall_clock or (lambda: datetime.now(timezone.utc))
        self._low_remaining = low_remaining
        self._lock = threading.Lock()
        self._window: datetime | None = None  # the server's reset time: names the current window
        self._reset_at: float | None = None  # the same moment on our monotonic clock
        self._remaining = 0
        self._next_slot = 0.0
        self._paused_until = 0.0  # after a 429: nothing goes out before then
        self._in_flight = 0  # requests sent whose answers have not come yet

    def before_request(self) -> float:
        """Reserves one request of the budget; returns the seconds to wait before sending it.

        Every call must be followed by one :meth:`after_response` once the request is done (with no
        headers when no answer came).
        """
        with self._lock:
            self._in_flight += 1
            now = self._clock()
            if now < self._paused_until:
                return self._paused_until - now
            if self._reset_at is None:
                return 0.0
            if now >= self._reset_at:
                # The window has turned; its budget is unknown until an answer says.
                self._window = self._reset_at = None
                return 0.0
            if self._remaining > self._low_remaining:
                self._remaining -= 1
                return 0.0
            if self._remaining <= 0:
                return min(self._reset_at - now + RATE_LIMIT_RESET_MARGIN, RATE_LIMIT_MAX_WAIT)
            # The budget left, spread evenly over the time from this request's slot to the reset.
            slot = max(now, self._next_slot)
            self._next_slot = slot + (self._reset_at - slot) / self._remaining
            self._remaining -= 1
            return min(slot - now, RATE_LIMIT_MAX_WAIT)

    def after_response(self, headers: Mapping[str, str], *, retry_after: float | None = None) -> None:
        """Takes in what an answer says of the budget.

        Args:
            headers: The answer's headers (``X-Rate-Limit-*``, ``Date``).
            retry_after: For a 429, the seconds its ``Retry-After`` asks for; nothing is sent before then.
        """
        remaining = _integer(headers.get(REMAINING_HEADER))
        reset = self._reset_time(headers.get(RESET_HEADER), headers.get("Date"))
        with self._lock:
            self._in_flight = max(0, self._in_flight - 1)
            now = self._clock()
            if remaining is not None and reset is not None:
                window, seconds_left = reset
                seconds_left = min(max(seconds_left, 0.0), RATE_LIMIT_MAX_WAIT)
                if self._window is None or self._reset_at is None or window > self._window:
                    # Requests still out were sent before the budget was known; they will count in it.
                    self._window, self._reset_at = window, now + seconds_left
                    self._remaining, self._next_slot = remaining - self._in_flight, now
                elif window == self._window:
                    # Requests in flight are counted here before the server counts them: keep the lower.
                    self._remaining = min(self._remaining, remaining)
                # An answer from a window that has turned since says nothing of this one.
            if retry_after is not None:
                # Every thread holds off for as long as the 429 asks, not only the one that got it.
                self._paused_until = max(self._paused_until, now + min(retry_after, RATE_LIMIT_MAX_WAIT))

    def _reset_time(self, reset: str | None, date: str | None) -> tuple[datetime, float] | None:
        """The window's reset time as the server names it, and the seconds left until then."""
        if not reset or not reset.strip():
            return None
        reset = reset.strip()
        server_now = self._server_now(date)
        try:
            number = float(reset)
        except ValueError:
            when = _iso_time(reset)
            if when is None:
                return None
            if when.tzinfo is None:
                when = when.replace(tzinfo=timezone.utc)
            return when, (when - server_now).total_seconds()
        if not math.isfinite(number) or number < 0:
            return None
        if number > _EPOCH_THRESHOLD:
            when = datetime.fromtimestamp(number, timezone.utc)
            return when, (when - server_now).total_seconds()
        # Seconds from now: the window is named by the moment it turns, to the second.
        when = datetime.fromtimestamp(round(server_now.timestamp() + number), timezone.utc)
        return when, number

    def _server_now(self, date: str | None) -> datetime:
        """The server's time: our clock, unless the answer's ``Date`` shows the two disagree."""
        local = self._wall_clock()
        if not date:
            return local
        try:
            server = email.utils.parsedate_to_datetime(date)
        except (TypeError, ValueError, IndexError):
            return local
        if server.tzinfo is None:
            server = server.replace(tzinfo=timezone.utc)
        # Date has whole seconds; within that (and a little) our clock is the finer one.
        skew = (local - server).total_seconds()
        return local if -RATE_LIMIT_CLOCK_TOLERANCE <= skew <= RATE_LIMIT_CLOCK_TOLERANCE else server


def _integer(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None


def _iso_time(text: str) -> datetime | None:
    """An ISO 8601 time with up to any number of fractional digits and ``Z`` or an offset; None if garbled."""
    match = _ISO_TIME.fullmatch(text)
    if match is None:
        return None
    day, clock, fraction, zone = match.groups()
    micro = f".{(fraction or '0')[:6]:0<6}"
    offset = "" if zone is None else "+00:00" if zone.upper() == "Z" else zone
    if offset and ":" not in offset:
        offset = f"{offset[:3]}:{offset[3:]}"
    try:
        return datetime.fromisoformat(f"{day}T{clock}{micro}{offset}")
    except ValueError:
        return None
