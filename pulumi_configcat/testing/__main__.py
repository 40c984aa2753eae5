"""Run the ConfigCat API emulator: ``python -m pulumi_configcat.testing [--port 8080] ...``."""

from __future__ import annotations

import argparse
import errno
import math
import signal
import socket
import sys
import threading
from types import FrameType

from ._server import ConfigCatEmulator

PROG = "python -m pulumi_configcat.testing"
#: The longest latency accepted: a day; far longer ones overflow the sleep that delays each answer.
MAX_LATENCY_MS = 86_400_000


def _latency_ms(text: str) -> float:
    """A latency every request can be answered under: finite, 0 or more, at most a day."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 <= value <= MAX_LATENCY_MS):
        raise argparse.ArgumentTypeError(
            f"must be a finite number of milliseconds from 0 to {MAX_LATENCY_MS} (a day), not {text!r}"
        )
    return value


def _credential(text: str) -> str:
    """A Basic-auth user name or password every client can send: printable ASCII."""
    if not (text.isascii() and text.isprintable()):
        raise argparse.ArgumentTypeError(
            f"must be printable ASCII (clients such as requests send credentials as Latin-1), not {text!r}"
        )
    return text


def _username(text: str) -> str:
    """A Basic-auth user name: a credential without ':', which separates it from the password."""
    if ":" in text:
        raise argparse.ArgumentTypeError(
            f"must not contain ':' (Basic auth puts one between the user name and the password), not {text!r}"
        )
    return _credential(text)


def _listen_error(host: str, port: int, exc: OSError | None) -> str:
    """One line saying why the server cannot listen, and what to do instead."""
    hint = "try --port 0 (any free port)"
    if exc is None:
        reason = "not a TCP port (0 to 65535)"
    else:
        reason = exc.strerror or str(exc)
        reason = reason[:1].lower() + reason[1:]
        if isinstance(exc, socket.gaierror) or exc.errno == errno.EADDRNOTAVAIL:
            hint = "try --host 127.0.0.1 (an address of this machine)"
    return f"{PROG}: error: cannot listen on {host}:{port}: {reason}; {hint}"


def main(argv: list[str] | None = None) -> int:
    """Start the emulator, print how to use it, and serve until Ctrl-C or SIGTERM."""
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="TCP port, 0 for any free one (default 8080)")
    parser.add_argument("--username", type=_username, help="Basic-auth user name (random by default)")
    parser.add_argument("--password", type=_credential, help="Basic-auth password (random by default)")
    parser.add_argument("--seed", type=int, default=0, help="seed for ids, keys and fault draws")
    parser.add_argument(
        "--latency-ms",
        type=_latency_ms,
        default=0.0,
        help="delay every answer, as a network would (default 0, at most a day)",
    )
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        print(_listen_error(args.host, args.port, None), file=sys.stderr)
        return 1

    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    emu = ConfigCatEmulator(
        host=args.host, port=args.port, username=args.username, password=args.password, seed=args.seed
    )
    try:
        emu.start()
    except OSError as exc:  # in use, not allowed, or a host that is not this machine's
        print(_listen_error(args.host, args.port, exc), file=sys.stderr)
        return 1
    if args.latency_ms:
        emu.inject_fault("latency", delay=args.latency_ms / 1000)
    try:
        late = f" (every answer {args.latency_ms:g} ms late)" if args.latency_ms else ""
        print(f"ConfigCat API emulator listening on {emu.base_url}{late}")
        print(f"  username:        {emu.username}")
        print(f"  password:        {emu.password}")
        print(f"  organization id: {emu.organization_id}")
        print("Point the provider at it:")
        print(f"  export CONFIGCAT_BASE_PATH={emu.base_url}")
        print(f"  export CONFIGCAT_BASIC_AUTH_USERNAME={emu.username}")
        print(f"  export CONFIGCAT_BASIC_AUTH_PASSWORD={emu.password}")
        print("Point ConfigCat SDKs at it (ConfigCatOptions(base_url=...)); they fetch")
        print(f"  {emu.base_url}/configuration-files/<SDK key>/config_v6.json")
        print("Press Ctrl-C to stop.", flush=True)
        while not stop.wait(0.5):
            pass
    finally:
        emu.stop()
    print("stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
