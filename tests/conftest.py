"""Fixtures shared by the provider and example tests: one emulator and one real provider process a session."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import DynamicProviderProcess, MiniEngine, secret

_counter = itertools.count()


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
