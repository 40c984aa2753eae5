"""Injected faults: answer with a status, add latency, or drop the connection."""

from __future__ import annotations

import hashlib
import random
import re
import threading
from dataclasses import dataclass, field

FAULT_KINDS = ("status", "latency", "drop")


@dataclass
class Fault:
    """One injected fault; see :meth:`ConfigCatEmulator.inject_fault`.

    Attributes:
        kind: ``"status"``, ``"latency"`` or ``"drop"``.
        method: The exact HTTP method it applies to, or None for any.
        path: A regular expression searched in the request path, or None for any.
        times: Fire for the next N matching requests only, or None for no limit.
        rate: Probability (0..1) of firing per matching request, or None for always.
        status: The status answered by a ``"status"`` fault.
        retry_after: The ``Retry-After`` header value of a ``"status"`` fault.
        delay: Seconds slept by a ``"latency"`` fault.
        after: For ``"status"`` and ``"drop"``: fire after the request was carried out (its changes kept),
            as when a gateway times out or a connection breaks on the way back, so the client cannot tell
            whether its write happened.
        hits: How many times it fired.
    """

    kind: str
    method: str | None = None
    path: str | None = None
    times: int | None = None
    rate: float | None = None
    status: int = 503
    retry_after: str | None = None
    delay: float = 0.0
    after: bool = False
    hits: int = 0
    _pattern: re.Pattern[str] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; expected one of {FAULT_KINDS}")
        if self.rate is not None and not 0.0 <= self.rate <= 1.0:
            raise ValueError("rate must be between 0 and 1")
        if self.times is not None and self.times < 0:
            raise ValueError("times must not be negative")
        if self.method is not None:
            self.method = self.method.upper()
        self._pattern = re.compile(self.path) if self.path is not None else None
        if self.after and self.kind == "latency":
            raise ValueError("after applies to status and drop faults, not latency")
        if self.kind == "status" and self.status == 429 and self.retry_after is None:
            self.retry_after = "1"

    def matches(self, method: str, path: str) -> bool:
        """Whether the fault applies to this request (ignoring ``times`` and ``rate``)."""
        if self.method is not None and self.method != method.upper():
            return False
        return self._pattern is None or self._pattern.search(path) is not None


class FaultTable:
    """The emulator's active faults; rate draws come from one ``random.Random(seed)``.

    ``max_in_a_row`` bounds how many status or drop faults in a row one request meets: a request is the
    same when its method, path and body are, as a client's retry is. Beyond the bound it passes, the way a
    server that answered 429 with a ``Retry-After`` lets the retry through, and a transient 5xx passes. It
    keeps runs with high fault rates from failing by chance on one unlucky request.
    """

    def __init__(self, seed: int) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        # Fault draws must repeat from run to run; this is a test fixture, not cryptography.
        self._rng = random.Random(seed)  # noqa: S311
        self.max_in_a_row: int | None = None
        self._streaks: dict[tuple[str, str, str], int] = {}

    def add(self, fault: Fault) -> Fault:
        """Register a fault and return it."""
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        """Remove every fault."""
        with self._lock:
            self._faults.clear()
            self._streaks.clear()

    def fire(self, method: str, path: str, body: bytes = b"", *, after: bool = False) -> list[Fault]:
        """Return the faults that fire for this request, counting their hits.

        Every firing latency fault is returned, followed by at most one status or drop fault
        (the first registered one that fires). ``after`` picks the faults that fire once the request was
        carried out (latency faults fire before only).
        """
        fired: list[Fault] = []
        request = (method.upper(), path, hashlib.sha256(body).hexdigest())
        with self._lock:
            streak = self._streaks.get(request, 0)
            spared = self.max_in_a_row is not None and streak >= self.max_in_a_row
            for fault in self._faults:
                if fault.after != after or (after and fault.kind == "latency"):
                    continue
                if fault.kind != "latency" and (spared or any(f.kind != "latency" for f in fired)):
                    continue
                if not fault.matches(method, path):
                    continue
                if fault.times is not None and fault.hits >= fault.times:
                    continue
                if fault.rate is not None and self._rng.random() >= fault.rate:
                    continue
                fault.hits += 1
                fired.append(fault)
            if any(f.kind != "latency" for f in fired):
                self._streaks[request] = streak + 1
            elif not after:
                self._streaks.pop(request, None)
        return fired
