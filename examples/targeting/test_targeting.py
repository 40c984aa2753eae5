"""Does a beta tester see the new search in production? Test the targeting before it ships.

A pattern to copy: it deploys this program to a local ConfigCat emulator with Pulumi's Automation API (a
local backend in a temporary folder, no account, no Pulumi Cloud), then asks ConfigCat's own SDK
(``configcat-client``) what each user gets, as the apps will.

Run it with the Pulumi CLI on ``PATH``::

    pip install pytest configcat-client  # besides pulumi-configcat
    pytest examples/targeting/test_targeting.py
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from configcatclient.user import User
from pulumi import automation as auto

from pulumi_configcat.testing import ConfigCatEmulator, flag_evaluator

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ConfigCatEmulator, str, str]]:
    """The program deployed to a fresh emulator: the emulator, the config id and the production id."""
    work = tmp_path_factory.mktemp("targeting")
    shutil.copy(HERE / "__main__.py", work / "__main__.py")
    # The program runs in this interpreter's environment, which has pulumi_configcat installed.
    (work / "Pulumi.yaml").write_text(
        f"name: configcat-targeting\nruntime:\n  name: python\n  options:\n    virtualenv: {sys.prefix}\n"
    )
    with ConfigCatEmulator() as emulator:
        env = {
            "PULUMI_BACKEND_URL": work.joinpath("state").as_uri(),
            "PULUMI_CONFIG_PASSPHRASE": "only-for-this-test",
            "PULUMI_SKIP_UPDATE_CHECK": "true",
            "CONFIGCAT_BASE_PATH": emulator.base_url,
            "CONFIGCAT_BASIC_AUTH_USERNAME": emulator.username,
            "CONFIGCAT_BASIC_AUTH_PASSWORD": emulator.password,
        }
        work.joinpath("state").mkdir()
        stack = auto.create_stack(
            "test",
            work_dir=str(work),
            opts=auto.LocalWorkspaceOptions(env_vars=env, pulumi_home=str(work / "home")),
        )
        stack.set_config("searchRollout", auto.ConfigValue("0"))  # nobody by percentage: only the rules
        outputs = stack.up().outputs
        yield emulator, outputs["config_id"].value, outputs["production_environment_id"].value
        stack.destroy()


# Who sees the new search in production, and why.
CASES = [
    # A beta tester on a new iOS app.
    (User("1", email="ana@example.com", custom={"Platform": "ios", "AppVersion": "2.1.0"}), True),
    # The same tester on the web: the prerequisite flag newApi is off there.
    (User("2", email="ana@example.com", custom={"Platform": "web", "AppVersion": "2.1.0"}), False),
    # An employee who did not opt out.
    (
        User(
            "3",
            email="zoe@example.com",
            custom={"Platform": "android", "AppVersion": "3.0.0", "OptOut": "false"},
        ),
        True,
    ),
    # The same employee without the OptOut attribute: a condition on a missing attribute does not hold.
    (User("4", email="zoe@example.com", custom={"Platform": "android", "AppVersion": "3.0.0"}), False),
    # An employee who opted out, and is no beta tester; the rollout is at 0%.
    (
        User(
            "5",
            email="zoe@example.com",
            custom={"Platform": "android", "AppVersion": "3.0.0", "OptOut": "true"},
        ),
        False,
    ),
    # Anyone else: the rollout is at 0%.
    (User("6", email="max@elsewhere.org", custom={"Platform": "ios", "AppVersion": "2.0.0"}), False),
]


@pytest.mark.parametrize(("user", "expected"), CASES, ids=[user.get_identifier() for user, _ in CASES])
def test_who_sees_the_new_search(
    production: tuple[ConfigCatEmulator, str, str], user: User, expected: bool
) -> None:
    emulator, config_id, environment_id = production
    with flag_evaluator(emulator, config_id, environment_id) as flags:
        assert flags.get_value("newSearch", False, user) is expected
