"""Fixtures shared by the provider and example tests: one emulator and one real provider process a session."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import DynamicProviderProcess, MiniEngine, secret

_counter = itertools.count()

# Property-based tests (tests/resources/test_fuzz.py) drive the real provider process: keep CI to a modest
# number of examples, with no deadline (a loaded machine makes RPC times vary), no example database on disk.
settings.register_profile(
    "ci", max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", parent=settings.get_profile("ci"), max_examples=300)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def emulator() -> Iterator[ConfigCatEmulator]:
    with ConfigCatEmulator() as emu:
        yield emu


@pytest.fixture(scope="session")
def provider_process(emulator: ConfigCatEmulator) -> Iterator[DynamicProviderProcess]:
    """The provider server the engine would start, configured through stack config as `pulumi up` does."""
    with DynamicProviderProcess(project="acme") as process:
        process.configure(
            {
                "configcat:basicAuthUsername": emulator.username,
                "configcat:basicAuthPassword": secret(emulator.password),
                "configcat:basePath": emulator.base_url,
                "aws:region": "eu-west-1",
            }
        )
        yield process


@pytest.fixture
def engine(provider_process: DynamicProviderProcess) -> MiniEngine:
    """A fresh stack state for each test."""
    return MiniEngine(provider_process)


@pytest.fixture
def unique() -> str:
    """A suffix that keeps names unique across the tests sharing one emulator (names are unique there)."""
    return f"t{next(_counter)}"
