"""Every Python example the documentation site shows runs, most of them deployed to the emulator.

What the site shows, and how each kind of example is run:

* **A generated reference page's example** (``docs/hooks.py`` builds one page per resource and lookup from
  the code): a resource's example is deployed as ``pulumi up`` would, re-run to show it changes nothing, and
  destroyed, in an account that holds the resources it names (:data:`SETUP`: ``product``, ``production``,
  ``config``, ..., read with ``.get()`` by the example's program);
  a lookup's examples run in a program against an account that holds what they look for (:data:`WORLD`).
* **A hand-written page's Python blocks** (``docs/**/*.md`` and ``README.md``, with the files they include
  through ``--8<--``): by the HTML comment just before the block, which the site does not show,

  - none: the blocks of a page are one program, in order, with :data:`SETUP`'s names (and a second
    account's, for a ``configcat.Provider``: see :func:`staging`): deployed, re-run, destroyed;
  - ``<!-- test: script -->``: a complete Python script, run as it is;
  - ``<!-- test: pytest -->``: a test module; its ``test_*`` functions are called with the fixtures they name
    (``emu``, ``config_id``, ``environment_id``, ``staging_id``: an emulator holding a ``newCheckout`` flag
    that is on for ``beta@acme.com`` in ``staging``);
  - ``<!-- test: pulumiverse -->``: a ``pulumiverse_configcat`` program (what a stack ran before moving to
    this package): deployed, re-run and destroyed with ``import pulumi_configcat as configcat`` in place of
    its import;
  - ``<!-- test: from-terraform -->``: an excerpt of the program ``from-terraform`` writes for
    ``tests/migration/terraform.tfstate``: each part between its ``...`` lines is in what it writes;
  - a block that is an included ``examples/<name>/__main__.py``: run by ``tests/test_examples.py``, which
    this checks.

A placeholder a reader replaces (``"<organization uuid>"``, ``"<product id>"``) is replaced here by what it
stands for in the emulator (:data:`PLACEHOLDERS`). Shell blocks are not run here: ``./scripts/demo`` and
``./scripts/test`` run themselves (``tests/cli/test_demo.py``, CI), ``export`` has ``tests/export``.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import textwrap
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pulumi
import pytest

import pulumi_configcat as configcat
from pulumi_configcat._client import reset_clients
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import DynamicProviderProcess, MiniEngine, RunResult, secret

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PROJECT = "docs"
PULUMIVERSE_IMPORT = "import pulumiverse_configcat as configcat"
# The Terraform state the from-terraform guide's program is written from.
FROM_TERRAFORM_STATE = ROOT / "tests" / "migration" / "terraform.tfstate"


def _load_hooks() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("docs_hooks", DOCS / "hooks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


HOOKS = _load_hooks()
RESOURCE_PAGES, LOOKUP_PAGES = HOOKS.reference_pages()

# The resources the reference examples name without declaring them, deployed before the example, as a program
# finds what exists (or what it declared earlier). Their names keep clear of what the examples make (an
# example's "production" environment, "beta" tag, "newCheckout" flag, ...).
SETUP = """\
import pulumi
import pulumi_configcat as configcat

org_id = configcat.get_organizations().organizations[0].organization_id
product = configcat.Product("setup-product", organization_id=org_id, name="Setup product")
production = configcat.Environment("setup-production", product_id=product.id, name="Setup production")
development = configcat.Environment("setup-development", product_id=product.id, name="Setup development")
main = configcat.Config("setup-main", product_id=product.id, name="Setup main")
legacy = configcat.Configuration("setup-legacy", product_id=product.id, name="Setup legacy")
beta = configcat.Tag("setup-beta", product_id=product.id, name="setup-beta")
staff = configcat.Segment(
    "setup-staff",
    product_id=product.id,
    name="Setup staff",
    comparison_attribute="Email",
    comparator="contains",
    comparison_value="@acme.com",
)
checkout = configcat.Setting("setup-checkout", config_id=main.id, key="setupCheckout")
payments = configcat.Setting("setup-payments", config_id=main.id, key="payments")
configcat.Setting("setup-dark-mode", config_id=main.id, key="darkMode")
configcat.Setting("setup-welcome", config_id=main.id, key="welcomeText", setting_type="string")
legacy_checkout = configcat.Setting("setup-legacy-checkout", config_id=legacy.id, key="legacyCheckout")
configcat.Setting("setup-max-items", config_id=legacy.id, key="maxItems", setting_type="int")
configcat.Setting("setup-beta-banner", config_id=legacy.id, key="betaBanner")
joined = configcat.PermissionGroup("setup-joined", product_id=product.id, name="Setup joined")
configcat.ProxyProfile("setup-edge", organization_id=org_id, name="edge")
pulumi.export("ids", {name: resource.id for name, resource in {
    "product": product, "production": production, "development": development, "main": main,
    "legacy": legacy, "beta": beta, "staff": staff, "checkout": checkout, "payments": payments,
    "legacy_checkout": legacy_checkout, "joined": joined,
}.items()})
"""

# How each name SETUP made is found by the example's program: the resource class to read it with.
SETUP_CLASSES: dict[str, type[Any]] = {
    "product": configcat.Product,
    "production": configcat.Environment,
    "development": configcat.Environment,
    "main": configcat.Config,
    "legacy": configcat.Configuration,
    "beta": configcat.Tag,
    "staff": configcat.Segment,
    "checkout": configcat.Setting,
    "payments": configcat.Setting,
    "legacy_checkout": configcat.Setting,
}

# Who has joined the organization (accepted an invitation) when an example runs: the examples that manage
# a member find them by name.
SETUP_MEMBER = ("grace@example.com", "Grace Hopper")
WORLD_MEMBER = ("ada@example.com", "Ada Lovelace")


# What the lookup examples look for, by the names they use.
WORLD = """\
import pulumi
import pulumi_configcat as configcat

org_id = configcat.get_organizations().organizations[0].organization_id
shop = configcat.Product("world-shop", organization_id=org_id, name="Shop")
main = configcat.Config("world-main", product_id=shop.id, name="Main")
legacy = configcat.Configuration("world-legacy", product_id=shop.id, name="Legacy")
production = configcat.Environment("world-production", product_id=shop.id, name="Production")
configcat.Setting("world-awesome", config_id=main.id, key="isAwesomeFeatureEnabled")
configcat.Setting("world-checkout", config_id=main.id, key="newCheckout")
configcat.Setting("world-max-items", config_id=legacy.id, key="maxItems", setting_type="int")
configcat.Segment(
    "world-beta-users",
    product_id=shop.id,
    name="Beta users",
    comparison_attribute="Email",
    comparator="contains",
    comparison_value="@acme.com",
)
configcat.Tag("world-beta", product_id=shop.id, name="beta")
configcat.PermissionGroup("world-devs", product_id=shop.id, name="Devs")
configcat.PermissionGroup("world-admins", product_id=shop.id, name="Administrators")
readers = configcat.PermissionGroup("world-readers", product_id=shop.id, name="Readers")
configcat.ProxyProfile("world-edge", organization_id=org_id, name="edge")
hook = configcat.Webhook(
    "world-hook", config_id=main.id, environment_id=production.id, url="https://ci.acme.com/hooks/configcat"
)
pulumi.export("ids", {"product": shop.id, "main": main.id, "legacy": legacy.id, "production": production.id,
                      "hook": hook.id, "readers": readers.id, "org_id": org_id})
"""

# The emulator's organization is "Emulated Organization"; the examples' is Acme.
LOOKUP_REWRITES = {'"^Acme"': '"^Emulated"'}

# For the targeting test pattern: the flag and rule its assertions expect.
TARGETED = """\
import pulumi
import pulumi_configcat as configcat

org_id = configcat.get_organizations().organizations[0].organization_id
product = configcat.Product("shop", organization_id=org_id)
staging = configcat.Environment("staging", product_id=product.id)
main = configcat.Config("main", product_id=product.id)
checkout = configcat.Setting("newCheckout", config_id=main.id, key="newCheckout")
configcat.SettingValueV2(
    "newCheckout-staging",
    environment_id=staging.id,
    setting_id=checkout.id,
    init_only=False,
    value=False,
    targeting_rules=[
        {
            "conditions": [
                {
                    "user_condition": {
                        "comparison_attribute": "Identifier",
                        "comparator": "isOneOf",
                        "comparison_value": ["beta@acme.com"],
                    }
                }
            ],
            "value": True,
        }
    ],
)
pulumi.export("config_id", main.id)
pulumi.export("staging_id", staging.id)
"""


# ------------------------------------------------------------------------------------- the pages' blocks


@dataclass(frozen=True)
class Block:
    """A fenced Python block of a hand-written page.

    Attributes:
        page: The page, relative to ``docs/``.
        kind: ``"program"``, ``"script"``, ``"pytest"``, ``"pulumiverse"``, ``"from-terraform"`` or
            ``"example"`` (an included example program).
        source: The code.
        included: The file the block was included from, if it was.
    """

    page: str
    kind: str
    source: str
    included: str | None = None


_SNIPPET = re.compile(r'^--8<-- "([^":]+)(?::(\d+):(\d+))?"\s*$')


def _expanded(text: str) -> list[tuple[str, str | None]]:
    """The page's lines with ``--8<--`` includes expanded, each with the file it came from."""
    lines: list[tuple[str, str | None]] = []
    for line in text.splitlines():
        found = _SNIPPET.match(line.strip())
        if found is None:
            lines.append((line, None))
            continue
        included = (ROOT / found.group(1)).read_text(encoding="utf-8").splitlines()
        if found.group(2):
            included = included[int(found.group(2)) - 1 : int(found.group(3))]
        lines.extend((item, found.group(1)) for item in included)
    return lines


def page_blocks(page: Path) -> list[Block]:
    """The Python blocks of one hand-written page, in order."""
    lines = _expanded(page.read_text(encoding="utf-8"))
    blocks: list[Block] = []
    index = 0
    marker = ""
    while index < len(lines):
        line, _ = lines[index]
        stripped = line.strip()
        if stripped.startswith("<!-- test:"):
            marker = stripped.removeprefix("<!-- test:").removesuffix("-->").strip()
        elif stripped.startswith("```"):
            language = stripped.removeprefix("```").strip()
            end = next(i for i in range(index + 1, len(lines)) if lines[i][0].strip() == "```")
            body = lines[index + 1 : end]
            if language == "python":
                # A block inside a list item is indented on the page, not in the code.
                source = textwrap.dedent("\n".join(text for text, _ in body)) + "\n"
                origins = {origin for _, origin in body if origin is not None}
                included = origins.pop() if origins else None
                kind = marker or "program"
                if included is not None and included.startswith("examples/"):
                    kind = "example"
                where = page.relative_to(DOCS if page.is_relative_to(DOCS) else ROOT)
                blocks.append(Block(str(where), kind, source, included))
            index = end
            marker = ""
        elif stripped:
            marker = "" if not stripped.startswith("<!--") else marker
        index += 1
    return blocks


# The README's first program is the site's too.
HAND_WRITTEN = [*sorted(DOCS.rglob("*.md")), ROOT / "README.md"]
BLOCKS = [block for page in HAND_WRITTEN for block in page_blocks(page)]
PROGRAM_PAGES = sorted({block.page for block in BLOCKS if block.kind == "program"})


def test_every_block_is_of_a_known_kind() -> None:
    assert BLOCKS, "no Python block found under docs/"
    assert {block.kind for block in BLOCKS} <= {
        "program",
        "script",
        "pytest",
        "example",
        "pulumiverse",
        "from-terraform",
    }


def test_every_generated_page_has_an_example() -> None:
    for page in [*RESOURCE_PAGES[1:], *LOOKUP_PAGES[1:]]:
        assert page.examples, page.path


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.kind == "example"], ids=lambda b: b.page)
def test_an_included_example_program_is_one_test_examples_runs(block: Block) -> None:
    from tests.test_examples import EXAMPLE_CASES  # noqa: PLC0415 - that module is a test module too

    assert block.included is not None
    directory = Path(block.included).parent
    assert directory.parent.name == "examples"
    assert directory.name in {example.name for example in EXAMPLE_CASES}
    assert (ROOT / block.included).read_text(encoding="utf-8") == block.source


# ------------------------------------------------------------------------------------------ the machinery


@pytest.fixture(scope="module")
def account() -> Iterator[tuple[ConfigCatEmulator, DynamicProviderProcess]]:
    """One emulator and one provider process for the module's programs, each in a stack of its own."""
    reset_clients()
    try:
        with ConfigCatEmulator() as emulator, DynamicProviderProcess(project=PROJECT) as provider:
            provider.configure(
                {
                    "configcat:basicAuthUsername": emulator.username,
                    "configcat:basicAuthPassword": secret(emulator.password),
                    "configcat:basePath": emulator.base_url,
                }
            )
            yield emulator, provider
    finally:
        reset_clients()


def _program(
    emulator: ConfigCatEmulator,
    sources: list[tuple[str, str]],
    names: dict[str, Any] | None = None,
    config: dict[str, str] | None = None,
) -> Callable[[], None]:
    """A program that runs ``sources`` (name, code) in turn in one namespace, with the stack's config (and
    ``config``, the project's own keys, secret when their name says password)."""

    def program() -> None:
        own = {f"{PROJECT}:{key}": value for key, value in (config or {}).items()}
        pulumi.runtime.set_all_config(
            {
                "configcat:basicAuthUsername": emulator.username,
                "configcat:basicAuthPassword": emulator.password,
                "configcat:basePath": emulator.base_url,
                f"{PROJECT}:datadogApiKey": "docs-datadog-key",
                **own,
            },
            [
                "configcat:basicAuthPassword",
                f"{PROJECT}:datadogApiKey",
                *(key for key in own if "password" in key.lower()),
            ],
        )
        namespace: dict[str, Any] = {"__name__": "__main__", "pulumi": pulumi, "configcat": configcat}
        for name, value in (names or {}).items():
            namespace[name] = value() if callable(value) else value
        for where, source in sources:
            exec(compile(source, where, "exec"), namespace)  # noqa: S102 - the documentation's own examples

    return program


def _run(engine: MiniEngine, program: Callable[[], None]) -> RunResult:
    try:
        result = engine.run(program)
    finally:
        pulumi.runtime.set_all_config({}, [])
    assert result.errors == [], result.errors
    return result


def _deploy_rerun_destroy(  # noqa: PLR0917 - the account, the stack, what runs in it
    emulator: ConfigCatEmulator,
    provider: DynamicProviderProcess,
    stack: str,
    sources: list[tuple[str, str]],
    names: dict[str, Any] | None = None,
    before: dict[str, Any] | None = None,
    config: dict[str, str] | None = None,
) -> RunResult:
    """``up``, an ``up`` that must change nothing, and a destroy that leaves the products as they were
    (``before``, when the program adopts what was made for it)."""
    before = emulator.state()["products"] if before is None else before
    engine = MiniEngine(provider, stack=stack, project=PROJECT)
    program = _program(emulator, sources, names, config)
    try:
        created = _run(engine, program)
        assert {step.op for step in created.steps} <= {"create", "read"}
        again = _run(engine, program)
        assert {step.op for step in again.steps} <= {"same", "read"}, [
            (step.name, step.op) for step in again.steps if step.op not in {"same", "read"}
        ]
    finally:
        engine.destroy()
    assert emulator.state()["products"] == before
    return created


def _stack(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "-", name)


def _join(emulator: ConfigCatEmulator, product_id: str, group_id: str, member: tuple[str, str]) -> None:
    """``member`` (address, full name) invited into a permission group, and accepting as the person would."""
    email, full_name = member
    invite = {"emails": [email], "permissionGroupId": int(group_id)}
    status, _ = emulator.call("POST", f"/v1/products/{product_id}/members/invite", invite)
    assert status == 200
    emulator.accept_invitation(email=email, full_name=full_name)


# ------------------------------------------------------------------------------------ reference examples


@pytest.fixture
def setup(account: tuple[ConfigCatEmulator, DynamicProviderProcess]) -> Iterator[dict[str, Any]]:
    """What the examples name, deployed afresh for each (what one leaves, such as product preferences,
    which a destroy cannot delete, must not reach the next): each name as the example's program reads it."""
    emulator, provider = account
    engine = MiniEngine(provider, stack="setup", project=PROJECT)
    try:
        ids = _run(engine, _program(emulator, [("<setup>", SETUP)])).exports["ids"]
        _join(emulator, ids["product"], ids["joined"], SETUP_MEMBER)

        def reader(name: str) -> Callable[[], Any]:
            return lambda: SETUP_CLASSES[name].get(name, ids[name])

        names: dict[str, Any] = {name: reader(name) for name in SETUP_CLASSES}
        names["config"] = reader("main")
        names["org_id"] = emulator.organization_id
        names["ci_token"] = lambda: pulumi.Output.secret("Bearer docs-token")
        yield names
    finally:
        engine.destroy()


@pytest.mark.parametrize("page", RESOURCE_PAGES[1:], ids=lambda page: page.title)
def test_a_resource_example_deploys_converges_and_destroys(
    account: tuple[ConfigCatEmulator, DynamicProviderProcess], setup: dict[str, Any], page: Any
) -> None:
    emulator, provider = account
    (example,) = page.examples
    _deploy_rerun_destroy(emulator, provider, _stack(page.title), [(page.path, example)], setup)


@pytest.fixture(scope="module")
def world(account: tuple[ConfigCatEmulator, DynamicProviderProcess]) -> Iterator[dict[str, str]]:
    """The account the lookup examples look into; its ids by name."""
    emulator, provider = account
    engine = MiniEngine(provider, stack="world", project=PROJECT)
    try:
        ids = _run(engine, _program(emulator, [("<world>", WORLD)])).exports["ids"]
        _join(emulator, ids["product"], ids["readers"], WORLD_MEMBER)
        yield ids
    finally:
        engine.destroy()


def _lookup_names(ids: dict[str, str], v1: bool) -> dict[str, Any]:
    config = "legacy" if v1 else "main"
    return {
        "org_id": ids["org_id"],
        "product_id": ids["product"],
        "config_id": ids[config],
        "environment_id": ids["production"],
        "env_id": ids["production"],
        "production_id": ids["production"],
        "webhook_id": ids["hook"],
        "product": lambda: configcat.Product.get("product", ids["product"]),
        "config": lambda: configcat.Config.get("config", ids[config]),
        "main": lambda: configcat.Config.get("main", ids["main"]),
        "legacy": lambda: configcat.Configuration.get("legacy", ids["legacy"]),
        "production": lambda: configcat.Environment.get("production", ids["production"]),
        "prod": lambda: configcat.Environment.get("prod", ids["production"]),
        "hook": lambda: configcat.Webhook.get("hook", ids["hook"]),
        # Another provider's resource, for the SDK key example: what it is handed is all that matters here.
        "k8s": types.SimpleNamespace(
            core=types.SimpleNamespace(v1=types.SimpleNamespace(Secret=lambda name, string_data: string_data))
        ),
    }


LOOKUP_EXAMPLES = [
    (page.title, index, example) for page in LOOKUP_PAGES[1:] for index, example in enumerate(page.examples)
]


@pytest.mark.parametrize(
    ("lookup", "index", "example"), LOOKUP_EXAMPLES, ids=[f"{name}-{i}" for name, i, _ in LOOKUP_EXAMPLES]
)
def test_a_lookup_example_finds_what_it_looks_for(
    account: tuple[ConfigCatEmulator, DynamicProviderProcess],
    world: dict[str, str],
    lookup: str,
    index: int,
    example: str,
) -> None:
    emulator, provider = account
    for written, meant in LOOKUP_REWRITES.items():
        example = example.replace(written, meant)
    v1 = re.search(r"get_config_values(_output)?\(", example) is not None
    _deploy_rerun_destroy(
        emulator, provider, _stack(f"{lookup}-{index}"), [(lookup, example)], _lookup_names(world, v1)
    )


# --------------------------------------------------------------------------------- hand-written examples


def _placeholders(emulator: ConfigCatEmulator, source: str) -> str:
    """``source`` with each placeholder a reader fills in replaced by what it stands for here."""
    source = source.replace('"<organization uuid>"', "org_id")
    if '"<product id>"' in source:
        status, made = emulator.call(
            "POST", f"/v1/organizations/{emulator.organization_id}/products", {"name": "Legacy"}
        )
        assert status == 201
        source = source.replace('"<product id>"', json.dumps(made["productId"]))
    return source


@pytest.fixture(scope="module")
def staging() -> Iterator[tuple[ConfigCatEmulator, dict[str, str], dict[str, str]]]:
    """A second account, the one a page's ``configcat.Provider`` manages (the providers guide): the ids it
    holds by the names the page gives them (``staging_product_id``, ...), and the stack configuration that
    names its credentials (``stagingUser``, ``stagingPassword``, ``stagingBasePath``)."""
    with ConfigCatEmulator() as other:
        org = other.organization_id
        _, product = other.call("POST", f"/v1/organizations/{org}/products", {"name": "Staging shop"})
        products = f"/v1/products/{product['productId']}"
        _, main = other.call("POST", f"{products}/configs", {"name": "Main"})
        _, environment = other.call("POST", f"{products}/environments", {"name": "Staging"})
        names = {
            "staging_org_id": org,
            "staging_product_id": product["productId"],
            "staging_config_id": main["configId"],
            "staging_env_id": environment["environmentId"],
        }
        credentials = {
            "stagingUser": other.username,
            "stagingPassword": other.password,
            "stagingBasePath": other.base_url,
        }
        yield other, names, credentials


@pytest.mark.parametrize("page", PROGRAM_PAGES)
def test_a_pages_program_deploys_converges_and_destroys(
    account: tuple[ConfigCatEmulator, DynamicProviderProcess],
    setup: dict[str, Any],
    staging: tuple[ConfigCatEmulator, dict[str, str], dict[str, str]],
    page: str,
) -> None:
    emulator, provider = account
    before = emulator.state()["products"]
    sources = [
        (f"{page} block {index}", _placeholders(emulator, block.source))
        for index, block in enumerate(b for b in BLOCKS if b.page == page and b.kind == "program")
    ]
    other, staging_names, staging_config = staging
    sent = len(other.requests)
    _deploy_rerun_destroy(
        emulator, provider, _stack(page), sources, {**setup, **staging_names}, before, staging_config
    )
    if any(name in source for name in staging_names for _, source in sources):
        # What the page hands the staging Provider reached the staging account.
        made = [r for r in other.requests[sent:] if r.method == "POST" and r.path.endswith("/products")]
        assert len(made) == 2, made  # web-shop-staging and the Team's product


PULUMIVERSE = [block for block in BLOCKS if block.kind == "pulumiverse"]


@pytest.mark.parametrize("block", PULUMIVERSE, ids=[f"{b.page}-{i}" for i, b in enumerate(PULUMIVERSE)])
def test_a_pulumiverse_program_runs_unchanged_under_this_package(
    account: tuple[ConfigCatEmulator, DynamicProviderProcess], setup: dict[str, Any], block: Block
) -> None:
    """A ``pulumiverse_configcat`` program a page shows (the state before a migration) deploys with this
    package in its place, as the pages say it does once the import is changed."""
    emulator, provider = account
    assert PULUMIVERSE_IMPORT in block.source, "a pulumiverse block must import pulumiverse_configcat"
    source = block.source.replace(PULUMIVERSE_IMPORT, "import pulumi_configcat as configcat")
    assert "pulumiverse" not in source
    _deploy_rerun_destroy(
        emulator, provider, _stack(f"pulumiverse-{block.page}"), [(block.page, source)], setup
    )


FROM_TERRAFORM = [block for block in BLOCKS if block.kind == "from-terraform"]


@pytest.mark.parametrize("block", FROM_TERRAFORM, ids=[f"{b.page}-{i}" for i, b in enumerate(FROM_TERRAFORM)])
def test_a_from_terraform_excerpt_is_what_the_command_writes(block: Block) -> None:
    """Each part of the excerpt, between its ``...`` lines, is in the program ``from-terraform`` writes for
    the state the page describes (``tests/migration/terraform.tfstate``), read from standard input."""
    from pulumi_configcat.export.terraform import read_terraform_state  # noqa: PLC0415

    written = read_terraform_state(
        FROM_TERRAFORM_STATE.read_text(encoding="utf-8"),
        command="pulumi-configcat from-terraform standard input",
        source="standard input",
    )
    parts = re.split(r"^(?:# )?\.\.\.\n", block.source, flags=re.MULTILINE)
    assert len(parts) > 1, "an excerpt marks what it leaves out with ..."
    for part in parts:
        assert part.strip("\n") in written, part


SCRIPTS = [block for block in BLOCKS if block.kind == "script"]


@pytest.mark.parametrize("block", SCRIPTS, ids=[f"{b.included or b.page}-{i}" for i, b in enumerate(SCRIPTS)])
def test_a_script_runs(block: Block) -> None:
    exec(compile(block.source, block.included or block.page, "exec"), {"__name__": "__main__"})  # noqa: S102


PYTESTS = [block for block in BLOCKS if block.kind == "pytest"]


@pytest.fixture(scope="module")
def targeted() -> Iterator[dict[str, Any]]:
    """An emulator holding a ``newCheckout`` flag on for ``beta@acme.com`` in ``staging``, as fixtures."""
    reset_clients()
    try:
        with ConfigCatEmulator() as emulator, DynamicProviderProcess(project=PROJECT) as provider:
            provider.configure(
                {
                    "configcat:basicAuthUsername": emulator.username,
                    "configcat:basicAuthPassword": secret(emulator.password),
                    "configcat:basePath": emulator.base_url,
                }
            )
            engine = MiniEngine(provider, stack="targeted", project=PROJECT)
            exports = _run(engine, _program(emulator, [("<targeted>", TARGETED)])).exports
            yield {
                "emu": emulator,
                "config_id": exports["config_id"],
                "environment_id": exports["staging_id"],
                "staging_id": exports["staging_id"],
            }
    finally:
        reset_clients()


@pytest.mark.parametrize("block", PYTESTS, ids=[f"{b.included or b.page}-{i}" for i, b in enumerate(PYTESTS)])
def test_a_test_pattern_passes(targeted: dict[str, Any], block: Block) -> None:
    namespace: dict[str, Any] = {"__name__": "docs_example"}
    exec(compile(block.source, block.included or block.page, "exec"), namespace)  # noqa: S102
    tests = [value for name, value in namespace.items() if name.startswith("test_") and callable(value)]
    assert tests, "a pytest block defines no test"
    for test in tests:
        wanted = test.__code__.co_varnames[: test.__code__.co_argcount]
        test(**{name: targeted[name] for name in wanted})


# ------------------------------------------------------------------------------------ the build's checks


def test_every_public_callable_has_a_docstring() -> None:
    assert HOOKS.undocumented() == []


def test_a_public_callable_without_a_docstring_fails_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    import pulumi_configcat.export  # noqa: PLC0415 - the module the check reads

    def helper() -> None:
        pass

    monkeypatch.setattr(pulumi_configcat.export, "helper", helper, raising=False)
    monkeypatch.setattr(pulumi_configcat.export, "__all__", [*pulumi_configcat.export.__all__, "helper"])
    assert HOOKS.undocumented() == ["pulumi_configcat.export.helper"]


def test_the_comparators_table_holds_every_comparator_the_api_takes() -> None:
    from typing import get_args  # noqa: PLC0415

    from pulumi_configcat.types import UserComparator  # noqa: PLC0415

    table = HOOKS.fill_generated("<!-- generated: comparators-v2 -->")
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == list(get_args(UserComparator))
    assert "| `isOneOf` | a list of strings" in table
    assert "| `numberLess` | a number |" in table
    assert "| `textEquals` | a string |" in table


def test_a_resource_page_lists_every_declared_input_and_output() -> None:
    from pulumi_configcat.resources._declare import _fields  # noqa: PLC0415

    for page in RESOURCE_PAGES[1:]:
        cls = page.subject
        for name in _fields(cls._provider_class.args):
            assert f"\n| `{name}` | " in page.markdown, (page.title, name)
        assert cls._provider_class.id_format.strip('"') in page.markdown


def test_every_reference_page_names_the_requests_it_sends() -> None:
    """The endpoints are read from the source; a page without any means the reading missed a pattern."""
    for page in [*RESOURCE_PAGES[1:], *LOOKUP_PAGES[1:]]:
        endpoints = re.findall(
            r"^- `(GET|POST|PUT|PATCH|DELETE) /v[12]/\S+`$", page.markdown, flags=re.MULTILINE
        )
        assert endpoints, page.title


def test_every_api_function_is_read_as_sending_a_request() -> None:
    """Each public ``api`` function's requests are found (the pages' lists are made of them)."""
    missed = [name for name, sent in HOOKS.api_endpoints().items() if not sent and "._" not in name]
    assert missed == []
