"""A local emulator of the ConfigCat Public Management API, for testing stacks without an account.

Example:
    >>> from pulumi_configcat.testing import ConfigCatEmulator
    >>> with ConfigCatEmulator() as emu:  # doctest: +SKIP
    ...     print(emu.base_url, emu.username, emu.password)

See ``README.md`` in this directory for what it emulates and what it does not.
"""

from ._evaluator import flag_evaluator
from ._faults import Fault
from ._server import ConfigCatEmulator, RecordedRequest

__all__ = ["ConfigCatEmulator", "Fault", "RecordedRequest", "flag_evaluator"]
