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
    args = parser.parse_args(argv)

    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    emu = ConfigCatEmulator(
        host=args.host, port=args.port, username=args.username, password=args.password, seed=args.seed
    ).start()
    try:
        print(f"ConfigCat API emulator listening on {emu.base_url}")
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
