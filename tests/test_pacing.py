"""Rate-limit pacing: the budget the API announces is spread over the time left, not run into 429s.

Unit tests drive a :class:`RatePacer` with fake clocks; the client tests answer with requests-mock; the last
ones send a burst through the emulator's limiter, paced and unpaced, and count the 429s (issue 10).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
import requests
import requests_mock

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat._constants import (
    RATE_LIMIT_LOW_REMAINING,
    RATE_LIMIT_MAX_WAIT,
    RATE_LIMIT_RESET_MARGIN,
)
from pulumi_configcat._pacing import REMAINING_HEADER, RESET_HEADER, RatePacer
from pulumi_configcat._settings import ClientSettings
from pulumi_configcat.testing import ConfigCatEmulator, _server

NOW = datetime(2026, 8, 20, 10, 15, 30, tzinfo=timezone.utc)


class FakeTime:
    """A monotonic clock and a wall clock that move together, only when told to."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def monotonic(self) -> float:
        return self.seconds

    def wall(self) -> datetime:
        return NOW + timedelta(seconds=self.seconds)

    def sleep(self, seconds: float) -> None:
        self.seconds += seconds


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime()


def _pacer(fake: FakeTime, **kwargs: int) -> RatePacer:
    return RatePacer(clock=fake.monotonic, wall_clock=fake.wall, **kwargs)


def _iso(moment: datetime) -> str:
    # As ConfigCat (ASP.NET) writes it: 7 fraction digits and a Z.
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f") + "0Z"


def _headers(fake: FakeTime, remaining: int, reset_in: float) -> dict[str, str]:
    return {REMAINING_HEADER: str(remaining), RESET_HEADER: _iso(fake.wall() + timedelta(seconds=reset_in))}


def test_no_headers_no_waiting(fake: FakeTime) -> None:
    pacer = _pacer(fake)
    pacer.after_response({})
    assert [pacer.before_request() for _ in range(100)] == [0.0] * 100


def test_plenty_left_goes_at_once(fake: FakeTime) -> None:
    pacer = _pacer(fake)
    pacer.after_response(_headers(fake, 500, 10))
    assert [pacer.before_request() for _ in range(500 - RATE_LIMIT_LOW_REMAINING)] == [0.0] * (
        500 - RATE_LIMIT_LOW_REMAINING
    )


def test_a_low_budget_is_spread_evenly_over_the_time_left(fake: FakeTime) -> None:
    pacer = _pacer(fake)
    pacer.after_response(_headers(fake, 4, 8))
    assert [pacer.before_request() for _ in range(4)] == pytest.approx([0.0, 2.0, 4.0, 6.0])
    # Nothing left: wait for the window to turn.
    assert pacer.before_request() == pytest.approx(8.0 + RATE_LIMIT_RESET_MARGIN)


def test_the_spread_starts_once_the_budget_runs_low(fake: FakeTime) -> None:
    pacer = _pacer(fake, low_remaining=2)
    pacer.after_response(_headers(fake, 4, 6))
    assert [pacer.before_request() for _ in range(4)] == pytest.approx([0.0, 0.0, 0.0, 3.0])


def test_a_turned_window_has_no_wait(fake: FakeTime) -> None:
    pacer = _pacer(fake)
    pacer.after_response(_headers(fake, 0, 5))
    assert pacer.before_request() == pytest.approx(5.0 + RATE_LIMIT_RESET_MARGIN)
    fake.sleep(5.0 + RATE_LIMIT_RESET_MARGIN)
    assert pacer.before_request() == 0.0
    assert pacer.before_request() == 0.0


def test_answers_of_one_window_keep_the_lowest_count_and_stale_windows_are_ignored(fake: FakeTime) -> None:
    pacer = _pacer(fake)
    current = _headers(fake, 3, 6)
    pacer.after_response(current)
    # Sent before the others were counted: it says more is left than is.
    pacer.after_response({**current, REMAINING_HEADER: "50"})
    # From the window before this one.
    pacer.after_response(_headers(fake, 500, -1))
    assert [pacer.before_request() for _ in range(3)] == pytest.approx([0.0, 2.0, 4.0])


def test_requests_sent_before_the_budget_was_known_count_in_it(fake: FakeTime) -> None:
    pacer = _pacer(fake)
    assert [pacer.before_request() for _ in range(3)] == [0.0, 0.0, 0.0]
    # The first answer: 4 left, but the other two requests out will take two of them.
    pacer.after_response(_headers(fake, 4, 6))
    assert [pacer.before_request() for _ in range(2)] == pytest.approx([0.0, 3.0])
    assert pacer.before_request() == pytest.approx(6.0 + RATE_LIMIT_RESET_MARGIN)


def test_a_429_holds_every_thread_back_for_retry_after(fake: FakeTime) -> None:
    pacer = _pacer(fake)
    pacer.after_response({}, retry_after=3.0)
    assert pacer.before_request() == pytest.approx(3.0)
    fake.sleep(1.0)
    assert pacer.before_request() == pytest.approx(2.0)
    fake.sleep(2.0)
    assert pacer.before_request() == 0.0


@pytest.mark.parametrize(
    ("reset", "expected"),
    [
        (_iso(NOW + timedelta(seconds=8)), 8.0),
        ((NOW + timedelta(seconds=8)).isoformat(), 8.0),
        (str(int((NOW + timedelta(seconds=8)).timestamp())), 8.0),
        ("8", 8.0),
        ("soon", 0.0),
        ("", 0.0),
        ("-5", 0.0),
        ("nan", 0.0),
    ],
)
def test_reset_formats(fake: FakeTime, reset: str, expected: float) -> None:
    pacer = _pacer(fake)
    pacer.after_response({REMAINING_HEADER: "0", RESET_HEADER: reset})
    wait = pacer.before_request()
    assert wait == pytest.approx(expected + RATE_LIMIT_RESET_MARGIN if expected else 0.0)


def test_a_reset_far_away_or_a_garbled_count_cannot_stall_a_run(fake: FakeTime) -> None:
    pacer = _pacer(fake)
    pacer.after_response(_headers(fake, 0, 86_400))
    assert pacer.before_request() <= RATE_LIMIT_MAX_WAIT + RATE_LIMIT_RESET_MARGIN
    other = _pacer(fake)
    other.after_response({REMAINING_HEADER: "lots", RESET_HEADER: _iso(fake.wall())})
    assert other.before_request() == 0.0


def test_the_servers_date_is_used_when_the_clocks_disagree(fake: FakeTime) -> None:
    pacer = _pacer(fake)
    server_now = NOW - timedelta(hours=1)  # the server's clock is an hour behind ours
    pacer.after_response(
        {
            REMAINING_HEADER: "0",
            RESET_HEADER: _iso(server_now + timedelta(seconds=4)),
            "Date": format_datetime(server_now, usegmt=True),
        }
    )
    assert pacer.before_request() == pytest.approx(4.0 + RATE_LIMIT_RESET_MARGIN)


def test_threads_share_one_budget_and_get_distinct_slots(fake: FakeTime) -> None:
    pacer = _pacer(fake)
    pacer.after_response(_headers(fake, 8, 8))
    waits: list[float] = []
    lock = threading.Lock()

    def take() -> None:
        wait = pacer.before_request()
        with lock:
            waits.append(wait)

    with ThreadPoolExecutor(4) as pool:
        for _ in range(8):
            pool.submit(take)
    assert sorted(waits) == pytest.approx([float(i) for i in range(8)])


# --- In the client ------------------------------------------------------------------------------------------


def test_the_client_waits_its_slot_before_sending(fake: FakeTime) -> None:
    session = requests.Session()
    adapter = requests_mock.Adapter()
    session.mount("https://", adapter)
    sent_at: list[float] = []

    def answer(
        request: requests_mock.request._RequestObjectProxy, context: requests_mock.response._Context
    ) -> str:
        sent_at.append(fake.seconds)
        remaining = 3 - len(sent_at)
        context.headers.update(_headers(fake, max(remaining, 0), 6 - fake.seconds))
        return '{"ok": true}'

    adapter.register_uri("GET", "https://api.test/v1/me", text=answer)
    client = ConfigCatClient(
        ClientSettings(username="u", password="p", base_url="https://api.test"),
        session=session,
        sleep=fake.sleep,
        pacer=_pacer(fake),
    )
    for _ in range(4):
        client.get("/v1/me")
    # 2 left after the first answer, 6 s to the reset: one at once, one at +3 s, then the window's turn.
    assert sent_at == pytest.approx([0.0, 0.0, 3.0, 6.0 + RATE_LIMIT_RESET_MARGIN])


# --- Against the emulator's limiter -------------------------------------------------------------------------

LIMIT = 8
PERIOD = 1.0
BURST = 24
WORKERS = 4


@pytest.fixture
def limited() -> Iterator[ConfigCatEmulator]:
    with ConfigCatEmulator(rate_limit=LIMIT, rate_limit_period=PERIOD) as emulator:
        yield emulator


class VirtualTime:
    """One clock for the client threads and the emulator's limiter that moves only while every thread sleeps.

    A thread that sleeps is parked until the clock reaches its wake time; the clock jumps to the earliest wake
    time once no worker is doing anything else (sending, waiting for an answer). So the time each request is
    sent at, and which window of the limiter counts it, follow from the pacing alone, however slow the machine
    is: no real time is read and nothing really waits.
    """

    def __init__(self, workers: int) -> None:
        self.seconds = 0.0
        self._changed = threading.Condition()
        self._active = workers
        self._parked: dict[int, float] = {}  # ticket -> wake time
        self._released: set[int] = set()
        self._tickets = 0

    def monotonic(self) -> float:
        with self._changed:
            return self.seconds

    def wall(self) -> datetime:
        return NOW + timedelta(seconds=self.monotonic())

    def http_date(self) -> str:
        return format_datetime(self.wall(), usegmt=True)

    def sleep(self, seconds: float) -> None:
        with self._changed:
            self._tickets += 1
            ticket = self._tickets
            self._parked[ticket] = self.seconds + seconds
            self._active -= 1
            self._advance()
            # Not a timing bound: only a deadlock (a bug in this class) would wait this long.
            if not self._changed.wait_for(lambda: ticket in self._released, timeout=60):
                raise AssertionError("virtual time stalled")
            self._released.discard(ticket)

    def finished(self) -> None:
        with self._changed:
            self._active -= 1
            self._advance()

    def _advance(self) -> None:
        if self._active or not self._parked:
            return
        self.seconds = max(self.seconds, min(self._parked.values()))
        for ticket, wake in list(self._parked.items()):
            if wake <= self.seconds:
                del self._parked[ticket]
                self._released.add(ticket)
                self._active += 1
        self._changed.notify_all()


def _burst(emulator: ConfigCatEmulator, monkeypatch: pytest.MonkeyPatch, *, paced: bool) -> list[int]:
    time = VirtualTime(WORKERS)
    monkeypatch.setattr(_server, "utc_now", time.wall)
    monkeypatch.setattr(_server._Handler, "date_time_string", lambda self, timestamp=None: time.http_date())
    emulator.requests.clear()
    emulator._limiter = _server._RateLimiter(LIMIT, PERIOD)  # its window starts at virtual time 0
    if paced:
        pacer = RatePacer(clock=time.monotonic, wall_clock=time.wall)
    else:  # pacing never starts: only the 429s and their Retry-After get the burst through
        pacer = RatePacer(clock=time.monotonic, wall_clock=time.wall, low_remaining=-(10**9))
    client = ConfigCatClient(
        ClientSettings(emulator.username, emulator.password, emulator.base_url),
        sleep=time.sleep,
        jitter=lambda: 0.0,
        pacer=pacer,
    )
    left = list(range(BURST))
    answers: list[object] = []
    lock = threading.Lock()

    def work() -> None:
        try:
            while True:
                with lock:
                    if not left:
                        return
                    left.pop()
                answer = client.get("/v1/me")
                with lock:
                    answers.append(answer)
        finally:
            time.finished()

    try:
        threads = [threading.Thread(target=work) for _ in range(WORKERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        client.close()
    assert len(answers) == BURST
    return [request.status for request in emulator.requests]


def test_a_paced_burst_meets_no_429_where_an_unpaced_one_meets_some(
    limited: ConfigCatEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1")
    unpaced = _burst(limited, monkeypatch, paced=False)
    paced = _burst(limited, monkeypatch, paced=True)
    # 24 requests through windows of 8: the unpaced burst overruns the first two windows at least once each.
    assert unpaced.count(429) >= 2, unpaced
    assert unpaced.count(200) == BURST
    assert paced == [200] * BURST
