"""Run the ConfigCat API emulator: ``python -m pulumi_configcat.testing [--port 8080] ...``."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from ._server import ConfigCatEmulator


def main(argv: list[str] | None = None) -> int:
    """Start the emulator, print how to use it, and serve until Ctrl-C or SIGTERM."""
    parser = argparse.ArgumentParser(prog="python -m pulumi_configcat.testing", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="TCP port, 0 for any free one (default 8080)")
    parser.add_argument("--username", help="Basic-auth user name (random by default)")
    parser.add_argument("--password", help="Basic-auth password (random by default)")
    parser.add_argument("--seed", type=int, default=0, help="seed for ids, keys and fault draws")
    parser.add_argument(
        "--latency-ms", type=float, default=0.0, help="delay every answer, as a network would (default 0)"
    )
    args = parser.parse_args(argv)
    if args.latency_ms < 0:
        parser.error("--latency-ms must not be negative")

    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    emu = ConfigCatEmulator(
        host=args.host, port=args.port, username=args.username, password=args.password, seed=args.seed
    ).start()
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
