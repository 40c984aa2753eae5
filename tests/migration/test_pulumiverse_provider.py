"""pulumiverse's ``Provider`` arguments and ``config`` variables exist here under the same names (issue 19).

The facts are pulumiverse's schema's ``config.variables`` and ``provider.inputProperties`` (the same three
properties in both), read from ``provider/cmd/pulumi-resource-configcat/schema.json`` at the commit
``pulumiverse_schema.json`` names; taken from that fixture's ``config`` section when it has one.
"""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path
from typing import Any

import pulumi.runtime
import pytest

import pulumi_configcat as configcat

FIXTURE: dict[str, Any] = json.loads(Path(__file__).with_name("pulumiverse_schema.json").read_text())
# schema name -> its environment variable, as pulumiverse's schema.json states them.
RECORDED = {
    "basePath": "CONFIGCAT_BASE_PATH",
    "basicAuthPassword": "CONFIGCAT_BASIC_AUTH_PASSWORD",
    "basicAuthUsername": "CONFIGCAT_BASIC_AUTH_USERNAME",
}
VARIABLES: dict[str, str] = {
    name: spec["defaultInfo"]["environment"][0]
    for name, spec in (FIXTURE.get("config") or {}).get("variables", {}).items()
} or RECORDED


def _python_name(schema_name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", schema_name).lower()


@pytest.mark.parametrize("schema_name", sorted(VARIABLES))
def test_config_variable_reads_the_stack_key_then_the_environment(
    schema_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_name = VARIABLES[schema_name]
    try:
        pulumi.runtime.set_all_config({f"configcat:{schema_name}": "from-config"})
        monkeypatch.setenv(env_name, "from-env")
        assert getattr(configcat.config, _python_name(schema_name)) == "from-config"
        pulumi.runtime.set_all_config({})
        assert getattr(configcat.config, _python_name(schema_name)) == "from-env"
    finally:
        pulumi.runtime.set_all_config({})


@pytest.mark.parametrize("schema_name", sorted(VARIABLES))
def test_provider_takes_the_argument_by_keyword(schema_name: str) -> None:
    parameter = inspect.signature(configcat.Provider.__init__).parameters[_python_name(schema_name)]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY
    assert parameter.default is None  # not required: the environment variable stands in, as in pulumiverse


def test_provider_options_come_second_as_in_pulumiverse() -> None:
    assert list(inspect.signature(configcat.Provider.__init__).parameters)[:3] == [
        "self",
        "resource_name",
        "opts",
    ]
