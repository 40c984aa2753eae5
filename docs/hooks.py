"""MkDocs hook: the reference pages, generated from the code so that they cannot drift from it.

Every public resource class (a ``ConfigCatResource`` in ``pulumi_configcat.__all__``) and every lookup
(``get_x`` with its ``get_x_output`` twin) gets a page of its own, built from what the code declares once:

* the resource's ``...Args`` declaration (its ``In(...)`` markers: kind and its constraints, default,
  whether a change replaces, the doc line), the class's own defaults (``Configuration``), its output
  annotations, the provider's ``id_format``, ``secret_props`` and ``output_only``;
* the class's or function's docstring (what it manages, its first ``Example::``);
* the endpoints its code calls, read from the source (the ``api`` functions it uses, and their paths);
* the requests each operation makes, as measured by ``bench/bench_requests.py`` (``bench/RESULTS.md``).

A resource or lookup added to the package gets its page, and its place in the navigation, with no edit here.
The hook also fails the build (a warning, which ``mkdocs build --strict`` turns into an error) when a public
callable has no docstring, and fills the generated tables hand-written pages ask for with
``<!-- generated: NAME -->`` (the comparators, from the API's types).

``tests/test_docs.py`` loads this file to run every example the site shows.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import logging
import re
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

log = logging.getLogger("mkdocs.hooks.pulumi_configcat")

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pulumi_configcat"
RESULTS = ROOT / "bench" / "RESULTS.md"

# Where the generated pages go, and the nav sections (titles in mkdocs.yml) the hook fills.
RESOURCES_DIR = "reference/resources"
LOOKUPS_DIR = "reference/lookups"
RESOURCES_SECTION = "Resources"
LOOKUPS_SECTION = "Lookups"

# Modules whose public names must all carry a docstring (and whose classes' public methods too).
DOCUMENTED_MODULES = (
    "pulumi_configcat",
    "pulumi_configcat.inputs",
    "pulumi_configcat.lookups",
    "pulumi_configcat.export",
    "pulumi_configcat.testing",
)


@dataclass
class Page:
    """A generated page: where it goes, its title in the navigation, its Markdown and its examples.

    Attributes:
        path: The page's path under ``docs/``.
        title: Its title in the navigation.
        markdown: The page.
        examples: The Python examples the page shows, each a block of source (the tests run them).
        subject: The resource class or lookup function the page is about.
    """

    path: str
    title: str
    markdown: str
    examples: list[str] = field(default_factory=list)
    subject: Any = None


# ------------------------------------------------------------------------------------------------ docstrings


def example_blocks(doc: str) -> list[str]:
    """The indented blocks that follow ``Example::`` in a docstring, dedented."""
    return [
        textwrap.dedent(found.group(1)).strip("\n") + "\n"
        for found in re.finditer(r"Example::\n\n((?:[ \t]+.*\n|\n)+)", doc + "\n")
    ]


def rst_to_markdown(text: str) -> str:
    """A docstring's reStructuredText bits in Markdown: ````x```` to `` `x` ``, roles to their name."""
    text = re.sub(
        r":(?:class|func|meth|mod|attr|exc|data):`~?([^`]+)`", lambda m: f"`{_short(m.group(1))}`", text
    )
    return re.sub(r"(?<!`)``([^`]+)``(?!`)", r"`\1`", text)


def _short(name: str) -> str:
    return name.rsplit(".", 1)[-1] if name.startswith("pulumi_configcat.") else name


def description(doc: str) -> str:
    """A docstring up to its first ``Example::`` (and Args/Returns sections), in Markdown."""
    text = re.split(r"\n\s*Example::|\nArgs:|\nReturns:|\nRaises:|\nAttributes:", doc, maxsplit=1)[0]
    return rst_to_markdown(text.strip())


def _code(text: str) -> str:
    """Code for a table cell (a pipe inside a code span needs no escape there)."""
    return f"`{text}`"


def _cell(text: str) -> str:
    """Text for a table cell: one line, a ``|`` outside code escaped (Python-Markdown's tables leave a pipe
    inside a code span alone, and would show the backslash there)."""
    parts = rst_to_markdown(text).replace("\n", " ").split("`")
    return "`".join(part if index % 2 else part.replace("|", "\\|") for index, part in enumerate(parts))


# ------------------------------------------------------------------------------------------ the public API


def resource_classes() -> list[type]:
    """Every public resource class, by name."""
    package = importlib.import_module("pulumi_configcat")
    base = importlib.import_module("pulumi_configcat.resources._resource").ConfigCatResource
    return sorted(
        (
            value
            for name in package.__all__
            if inspect.isclass(value := getattr(package, name))
            and issubclass(value, base)
            and value is not base
        ),
        key=lambda cls: cls.__name__,
    )


def lookup_functions() -> list[Callable[..., Any]]:
    """Every lookup's plain form (``get_x``), by name; each has a ``get_x_output`` twin."""
    package = importlib.import_module("pulumi_configcat")
    return [
        getattr(package, name)
        for name in sorted(package.__all__)
        if name.startswith("get_") and not name.endswith("_output") and callable(getattr(package, name))
    ]


def slug(name: str) -> str:
    """``SettingValueV2`` as ``setting-value-v2``, ``get_sdk_keys`` as ``get-sdk-keys``."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Za-z])(?=V\d)", "-", name)
    return spaced.replace("_", "-").lower()


# ------------------------------------------------------------------------------- endpoints, from the source


def _filled(template: str, helper: ast.FunctionDef, call: ast.Call) -> str:
    """``template`` (a path with ``{param}`` for ``helper``'s parameters) as ``call`` fills it in: a constant
    argument in place, any other as ``{what the call passes}``."""
    for param, arg in zip((a.arg for a in helper.args.args), call.args, strict=False):
        given = arg.value if isinstance(arg, ast.Constant) else "{" + ast.unparse(arg) + "}"
        template = template.replace("{" + param + "}", str(given))
    return template


def _path_of(
    node: ast.expr, helpers: dict[str, ast.FunctionDef], local: dict[str, ast.expr] | None = None
) -> str | None:
    """The path a request is sent to, with ``{name}`` for what the call fills in; through a module's own
    path helper (``_path("v2", environment_id, setting_id)``) and a local variable (``path = f"..."``) too."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and local and node.id in local:
        return _path_of(local[node.id], helpers)
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            elif isinstance(value, ast.FormattedValue):
                parts.append("{" + ast.unparse(value.value) + "}")
        return "".join(parts)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in helpers:
        helper = helpers[node.func.id]
        returned = next((n.value for n in ast.walk(helper) if isinstance(n, ast.Return) and n.value), None)
        template = _path_of(returned, {}) if returned is not None else None
        return None if template is None else _filled(template, helper, node)
    return None


def _requests_of(function: ast.FunctionDef, helpers: dict[str, ast.FunctionDef]) -> list[tuple[str, str]]:
    """The requests an ``api`` function sends itself (``client.get(path, ...)``)."""
    local = {
        node.targets[0].id: node.value
        for node in ast.walk(function)
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
    }
    return [
        (call.func.attr.upper(), route)
        for call in ast.walk(function)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr in {"get", "post", "put", "patch", "delete"}
        and call.args
        and (route := _path_of(call.args[0], helpers, local)) is not None
    ]


def api_endpoints() -> dict[str, list[tuple[str, str]]]:
    """Each ``pulumi_configcat.api`` function (``"products.create_product"``) and the requests it sends,
    itself or through a function of its module (``_change_selection(client, id_, "select", pairs)``)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for path in sorted((PACKAGE / "api").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
        helpers = {name: node for name, node in functions.items() if name.startswith("_")}
        own = {name: _requests_of(node, helpers) for name, node in functions.items()}
        for name, node in functions.items():
            calls = list(own[name])
            for call in ast.walk(node):
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in own:
                    callee = functions[call.func.id]
                    calls += [(method, _filled(route, callee, call)) for method, route in own[callee.name]]
            found[f"{path.stem}.{name}"] = list(dict.fromkeys(calls))
    return found


def _module_tree(module_name: str) -> ast.Module:
    module = importlib.import_module(module_name)
    return ast.parse(Path(inspect.getfile(module)).read_text(encoding="utf-8"))


def _api_aliases(tree: ast.Module) -> dict[str, str]:
    """Names bound to ``pulumi_configcat.api`` modules or functions: ``{"api": "products", ...}``."""
    aliases: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "pulumi_configcat.api":
            for alias in node.names:
                aliases[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pulumi_configcat.api."):
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module.rsplit('.', 1)[1]}.{alias.name}"  # type: ignore[union-attr]
    return aliases


def _package_imports(tree: ast.Module) -> dict[str, tuple[str, str]]:
    """Names a module imports from the package's other (non-``api``) modules: ``{name: (module, name)}``."""
    imported: dict[str, tuple[str, str]] = {}
    for node in tree.body:
        if (
            isinstance(node, ast.ImportFrom)
            and (node.module or "").startswith("pulumi_configcat.")
            and not (node.module or "").startswith(("pulumi_configcat.api", "pulumi_configcat.types"))
        ):
            for alias in node.names:
                imported[alias.asname or alias.name] = (node.module, alias.name)  # type: ignore[assignment]
    return imported


def _definitions(tree: ast.Module) -> dict[str, ast.AST]:
    """A module's functions and classes by name, and each class's methods as ``Class.method``."""
    found: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            found[node.name] = node
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    found[f"{node.name}.{item.name}"] = item
    return found


def endpoints_used(
    module_name: str, start: str, _seen: set[tuple[str, str]] | None = None
) -> list[tuple[str, str]]:
    """The requests the code of ``start`` (a class, function or ``Class.method`` of ``module_name``) can send.

    Follows the module's own functions and classes that ``start`` names, transitively, and the functions
    it imports from the package's other modules (a shared helper such as ``prerequisite_types``); read from
    the source.
    """
    seen = set() if _seen is None else _seen
    tree = _module_tree(module_name)
    aliases = _api_aliases(tree)
    imported = _package_imports(tree)
    definitions = _definitions(tree)
    endpoints = api_endpoints()
    pending = [start]
    used: list[tuple[str, str]] = []

    def add(requests: list[tuple[str, str]]) -> None:
        used.extend(request for request in requests if request not in used)

    while pending:
        name = pending.pop()
        if (module_name, name) in seen or name not in definitions:
            continue
        seen.add((module_name, name))
        for node in ast.walk(definitions[name]):
            if isinstance(node, ast.Name) and node.id in definitions:
                pending.append(node.id)
            elif isinstance(node, ast.Name) and node.id in imported:
                module, function = imported[node.id]
                if inspect.isfunction(getattr(importlib.import_module(module), function, None)):
                    add(endpoints_used(module, function, seen))
            target = None
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
            ):
                target = f"{aliases[node.value.id]}.{node.attr}"
            elif isinstance(node, ast.Name) and "." in aliases.get(node.id, ""):
                target = aliases[node.id]
            add(endpoints.get(target or "", []))
    return sorted(used, key=lambda request: (request[1], request[0]))


def provider_endpoints(provider: type) -> list[tuple[str, str]]:
    """The requests a resource's provider can send.

    Read from the code of the provider class and of the package's classes it builds on (the value
    resources' ``SingleValueProvider``, ``BatchValuesProvider``, ``ValueProvider``), short of
    ``ConfigCatProvider`` (whose ``GET /v1/me`` the page states apart), and from the methods they call on an
    object the provider holds as a class attribute (``self.dialect.get(...)``: the ``get`` of the V1 or V2
    dialect's class).
    """
    base = importlib.import_module("pulumi_configcat.resources._base").ConfigCatProvider
    classes = [
        klass
        for klass in provider.__mro__
        if klass.__module__.startswith("pulumi_configcat.") and issubclass(klass, base) and klass is not base
    ]
    used: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for klass in classes:
        used += endpoints_used(klass.__module__, klass.__name__, seen)
        node = _definitions(_module_tree(klass.__module__))[klass.__name__]
        for call in ast.walk(node):
            if not (
                isinstance(call, ast.Attribute)
                and isinstance(call.value, ast.Attribute)
                and isinstance(call.value.value, ast.Name)
                and call.value.value.id == "self"
            ):
                continue
            held = getattr(provider, call.value.attr, None)
            if held is None or not type(held).__module__.startswith("pulumi_configcat."):
                continue
            owner = next((k for k in type(held).__mro__ if call.attr in vars(k)), None)
            if owner is not None:
                used += endpoints_used(owner.__module__, f"{owner.__name__}.{call.attr}", seen)
    return sorted(set(used), key=lambda request: (request[1], request[0]))


# ------------------------------------------------------------------------ requests per operation, measured


def measured_requests() -> dict[str, dict[str, str]]:
    """``bench/RESULTS.md``'s table of requests per operation, by resource class name."""
    rows: dict[str, dict[str, str]] = {}
    lines = RESULTS.read_text(encoding="utf-8").splitlines() if RESULTS.exists() else []
    header: list[str] = []
    for line in lines:
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[:2] == ["resource", "check"]:
            header = cells
        elif header and line.startswith("|") and len(cells) == len(header) and not set(cells[0]) <= {"-"}:
            rows[cells[0]] = dict(zip(header, cells, strict=True))
        elif header and not line.startswith("|"):
            header = []
    return rows


# ---------------------------------------------------------------------------------------- resource pages


def _annotations(cls: type) -> dict[str, str]:
    """The outputs a resource class declares (``name: pulumi.Output[...]``), its bases' first."""
    found: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        for name, annotation in vars(klass).get("__annotations__", {}).items():
            text = (
                annotation
                if isinstance(annotation, str)
                else getattr(annotation, "__name__", repr(annotation))
            )
            if "Output[" in text:
                found[name] = text
    return found


def _unwrap(written: str, wrapper: str) -> str:
    """``pulumi.Input[Sequence[pulumi.Input[str]]] | None`` as ``Sequence[str] | None``: the wrappers say
    nothing a reader needs (every argument takes Outputs too)."""
    while (found := re.search(rf"(?:pulumi\.)?{wrapper}\[", written)) is not None:
        depth, index = 1, found.end()
        while depth:
            depth += {"[": 1, "]": -1}.get(written[index], 0)
            index += 1
        written = written[: found.start()] + written[found.end() : index - 1] + written[index:]
    return written


def _default_text(required: bool, default: Any, resource_name: Any) -> str:
    if required:
        return "required"
    if default is resource_name:
        return "the resource's name"
    if default is None:
        return "unset"
    return f"`{default!r}`"


@dataclass(frozen=True)
class _Resource:
    """What a resource page is made of, gathered once."""

    cls: Any
    provider: Any
    fields: dict[str, Any]
    defaults: dict[str, Any]
    secret: frozenset[str]
    measured: dict[str, str] | None

    @property
    def id_format(self) -> str:
        return str(self.provider.id_format).strip('"')


def _gather(cls: Any, measured: dict[str, dict[str, str]]) -> _Resource:
    provider = cls._provider_class
    declare = importlib.import_module("pulumi_configcat.resources._declare")
    # A class under another name (Configuration) measures as the class it specializes.
    row = measured.get(cls.__name__) or measured.get(cls.__mro__[1].__name__)
    return _Resource(
        cls,
        provider,
        declare._fields(provider.args),
        dict(getattr(cls, "_defaults", {})),
        frozenset(provider.secret_props),
        row,
    )


def _example_section(examples: list[str]) -> list[str]:
    if not examples:
        return []
    return [
        "## Example",
        "",
        "```python",
        examples[0].rstrip("\n"),
        "```",
        "",
        "The names this example does not define (`product`, `production`, `config`, ...) are resources "
        "declared earlier in the same program, as in [the first program]"
        "(../../getting-started.md#a-first-program). The test suite deploys this example to the emulator.",
        "",
    ]


def _arguments_section(res: _Resource) -> list[str]:
    resource_name = importlib.import_module("pulumi_configcat.resources._declare").RESOURCE_NAME
    out = [
        "## Arguments",
        "",
        f"`{res.cls.__name__}(resource_name, *, ..., opts=None)` takes keyword-only arguments. Every input "
        "is also an output of the same name. `check` refuses a value it does not accept, naming the "
        "argument and what it accepts, before any request is sent.",
        "",
        "| Argument | Type | Default | Replaces | Description, and what `check` accepts |",
        "|---|---|---|---|---|",
    ]
    for arg, spec in res.fields.items():
        marker = spec.marker
        default = _default_text(spec.required, res.defaults.get(arg, marker.default), resource_name)
        out.append(
            f"| `{arg}` | {_code(_unwrap(spec.written, 'Input'))} | {default} "
            f"| {'**yes**' if marker.replaces else 'no'} "
            f"| {_cell(marker.doc)}{' Secret.' if arg in res.secret else ''} "
            f"*Accepts {_cell(marker.kind.describe())}.* |"
        )
    out += [
        "| `opts` | `pulumi.ResourceOptions` | unset | | Resource options; see [Import](#import). |",
        "",
    ]
    return out


def _outputs_section(res: _Resource) -> list[str]:
    out = [
        "## Outputs",
        "",
        "| Output | Type | Notes |",
        "|---|---|---|",
        "| `id` | `str` | the id, see [Import](#import) |",
    ]
    for output, written in _annotations(res.cls).items():
        notes = []
        if output not in res.fields:
            notes.append("output only, set by the provider")
        if output in res.secret:
            notes.append("**secret**: encrypted in the state, masked in the CLI")
        out.append(f"| `{output}` | {_code(_unwrap(written, 'Output'))} | {', '.join(notes)} |")
    return [*out, ""]


def _replacement_and_import_sections(res: _Resource) -> list[str]:
    replacing = " or ".join(f"`{arg}`" for arg, spec in res.fields.items() if spec.marker.replaces)
    replacement = (
        f"A change of {replacing} replaces the entity (a new one is made, the old one deleted); a change of "
        "anything else updates it in place."
        if replacing
        else "No argument replaces it: every change is an update in place."
    )
    return [
        "## Replacement",
        "",
        replacement,
        "",
        "## Import",
        "",
        f"The id is `{res.id_format}`. To take over an entity that already exists, declare it with "
        f'`opts=pulumi.ResourceOptions(import_="{res.id_format}")`: the first `up` adopts it and brings it '
        "to the declared inputs, as the [import guide](../../guides/import.md) says. "
        f"`{res.cls.__name__}.get(resource_name, id)` reads one without managing it.",
        "",
    ]


def _refresh_section(res: _Resource) -> list[str]:
    undeletable = bool(res.measured and res.measured.get("delete", "").startswith("0"))
    text = (
        "`pulumi refresh` reads the entity back and records its outputs and inputs, so a change made in the "
        "dashboard shows as drift and the next `pulumi up` puts the declared inputs back. "
        + (
            "When what it belongs to is deleted in the dashboard, it is dropped from the state."
            if undeletable
            else "An entity deleted in the dashboard is dropped from the state, and the next `up` makes it "
            "again."
        )
    )
    if "init_only" in res.fields:
        default = res.defaults.get("init_only", res.fields["init_only"].marker.default)
        text += (
            f" With `init_only=True` (here the default is `{default!r}`), the value belongs to the dashboard "
            "once written: dashboard changes are not drift, and program changes are not pushed."
        )
    if res.secret:
        listed = ", ".join(f"`{prop}`" for prop in sorted(res.secret))
        text += f" Secret inputs ({listed}): the description above says what refresh can see of them."
    if undeletable:
        text += " The API has no delete for it: destroying the resource forgets it and leaves it as it is."
    return ["## Refresh and the dashboard", "", text, ""]


def _requests_section(res: _Resource) -> list[str]:
    out = ["## API requests", ""]
    row = res.measured
    if row:
        out += [
            "Requests per operation, as measured by `bench/bench_requests.py` against the emulator "
            "([benchmarks](../../internals/benchmarks.md)); `check` and `diff` send none, and an unchanged "
            "resource sends none:",
            "",
            "| create | update | refresh | delete |",
            "|---|---|---|---|",
            f"| {row['create']} | {row['update']} | {row['refresh']} | {row['delete']} |",
            "",
        ]
    else:
        out += ["Not measured yet: `bench/bench_requests.py` has no row for it.", ""]
    provider = res.provider
    used = provider_endpoints(provider)
    if used:
        out += [
            "Endpoints its provider calls (read from the source of "
            f"`{provider.__module__}.{provider.__name__}` and the package's code it runs):",
            "",
        ]
        out += [f"- `{method} {route}`" for method, route in used]
        out += [
            "",
            "Before the first request that could answer 404, each provider process reads `GET /v1/me` once, "
            "so that a wrong base path fails instead of emptying the state.",
            "",
        ]
    return out


def resource_page(cls: Any, measured: dict[str, dict[str, str]]) -> Page:
    """The reference page of one resource class."""
    res = _gather(cls, measured)
    doc = inspect.getdoc(cls) or ""
    examples = example_blocks(doc)
    name = cls.__name__
    out = [
        f"# {name}",
        "",
        f"`pulumi_configcat.{name}` · resource type `pulumi-python:{cls._resource_type_name}`",
        "",
        description(doc),
        "",
        *_example_section(examples),
        *_arguments_section(res),
        *_outputs_section(res),
        *_replacement_and_import_sections(res),
        *_refresh_section(res),
        *_requests_section(res),
    ]
    return Page(f"{RESOURCES_DIR}/{slug(name)}.md", name, "\n".join(out), examples[:1], cls)


# ------------------------------------------------------------------------------------------ lookup pages


def lookup_page(function: Callable[..., Any]) -> Page:
    """The reference page of one lookup and its ``_output`` twin."""
    package = importlib.import_module("pulumi_configcat")
    name = function.__name__
    twin = getattr(package, f"{name}_output")
    doc = inspect.getdoc(function) or ""
    examples = example_blocks(doc) + example_blocks(inspect.getdoc(twin) or "")
    result = inspect.signature(function).return_annotation
    result_name = result if isinstance(result, str) else result.__name__
    used = endpoints_used(function.__module__, name)
    summary = description(doc).split("\n\n")[0]
    out = [
        f"# {name}",
        "",
        summary,
        "",
        f"`{name}(...)` takes plain values and returns the result at once; `{name}_output(...)` takes Inputs "
        "(such as other resources' ids) and returns an `Output` of the same result, which stays unknown, "
        "sending nothing, while its inputs are unknown at preview. Both run in the program's own process "
        "with the providers' credentials (see [Lookups](index.md)). The test suite runs the examples below "
        "against the emulator.",
        "",
    ]
    if used:
        out += ["## API requests", "", "Each call sends (read from the source):", ""]
        out += [f"- `{method} {route}`" for method, route in used]
        out.append("")
    out += [
        "## Reference",
        "",
        f"::: pulumi_configcat.lookups.{name}",
        "",
        f"::: pulumi_configcat.lookups.{name}_output",
        "",
        f"::: pulumi_configcat.lookups.{result_name}",
        "",
    ]
    lookups = importlib.import_module("pulumi_configcat.lookups")
    items = [
        item
        for item in lookups.__all__
        if item.startswith(result_name.removesuffix("Result"))
        and item != result_name
        and item.endswith("Result")
    ]
    for item in items:
        out += [f"::: pulumi_configcat.lookups.{item}", ""]
    return Page(f"{LOOKUPS_DIR}/{slug(name)}.md", name, "\n".join(out), examples, function)


# ------------------------------------------------------------------------------------------- index pages


def resources_index(pages: list[Page]) -> Page:
    """The list of resources, each with its id format and what replaces it."""
    out = [
        "# Resources",
        "",
        "One page per resource class, generated from its declaration. What every resource does alike "
        "(checks, diffs, refresh, `import_`, errors) is in the [reference overview](../index.md).",
        "",
        "| Class | Import id | Replaced when | What it manages |",
        "|---|---|---|---|",
    ]
    for page in pages:
        cls = page.subject
        provider = cls._provider_class
        fields = importlib.import_module("pulumi_configcat.resources._declare")._fields(provider.args)
        replacing = ", ".join(f"`{arg}`" for arg, spec in fields.items() if spec.marker.replaces) or "never"
        first = description(inspect.getdoc(cls) or "").split("\n\n")[0].replace("\n", " ")
        out.append(
            f"| [{page.title}]({page.path.rsplit('/', 1)[1]}) | `{provider.id_format.strip(chr(34))}` "
            f"| {replacing} "
            f"| {_cell(first)} |"
        )
    return Page(f"{RESOURCES_DIR}/index.md", "Overview", "\n".join(out) + "\n")


def lookups_index(pages: list[Page]) -> Page:
    """The list of lookups, with the package docstring's rules that all share."""
    lookups = importlib.import_module("pulumi_configcat.lookups")
    out = [
        "# Lookups",
        "",
        rst_to_markdown(inspect.getdoc(lookups) or ""),
        "",
        "| Lookup | What it returns |",
        "|---|---|",
    ]
    for page in pages:
        first = description(inspect.getdoc(page.subject) or "").split("\n\n")[0].replace("\n", " ")
        out.append(f"| [`{page.title}`]({page.path.rsplit('/', 1)[1]}) | {_cell(first)} |")
    return Page(f"{LOOKUPS_DIR}/index.md", "Overview", "\n".join(out) + "\n")


def reference_pages() -> tuple[list[Page], list[Page]]:
    """The resource pages and the lookup pages, each list with its index first."""
    measured = measured_requests()
    resources = [resource_page(cls, measured) for cls in resource_classes()]
    lookups = [lookup_page(function) for function in lookup_functions()]
    return [resources_index(resources), *resources], [lookups_index(lookups), *lookups]


# ----------------------------------------------------------------------------------- generated tables


def comparators_v2() -> str:
    """The table of Config V2 user comparators and the comparison value each takes."""
    types = importlib.import_module("pulumi_configcat.types")
    rules = importlib.import_module("pulumi_configcat.resources.flags._conditions")
    out = ["| Comparator | `comparison_value` |", "|---|---|"]
    for comparator in get_args(types.UserComparator):
        if comparator in rules.LIST_COMPARATORS:
            takes = "a list of strings"
        elif comparator in rules.NUMBER_COMPARATORS:
            takes = "a number" + (" (Unix seconds)" if comparator.startswith("dateTime") else "")
        else:
            takes = "a string"
        out.append(f"| `{comparator}` | {takes} |")
    return "\n".join(out)


def comparators_v1() -> str:
    """The Config V1 rollout-rule (and segment) comparators."""
    types = importlib.import_module("pulumi_configcat.types")
    return " ".join(f"`{comparator}`" for comparator in get_args(types.RolloutRuleComparator))


def comparators_other() -> str:
    """Segment and prerequisite comparators."""
    types = importlib.import_module("pulumi_configcat.types")
    segment = ", ".join(f"`{c}`" for c in get_args(types.SegmentComparator))
    prerequisite = ", ".join(f"`{c}`" for c in get_args(types.PrerequisiteComparator))
    return "\n".join(
        [
            "| Condition | Comparators |",
            "|---|---|",
            f"| `segment_condition` | {segment} |",
            f"| `prerequisite_flag_condition` | {prerequisite} |",
        ]
    )


def rule_limits() -> str:
    """The limits ``check`` holds targeting rules to."""
    rules = importlib.import_module("pulumi_configcat.resources.flags._checks")
    out = ["| Limit | Value |", "|---|---|"]
    out += [f"| `{name}` | {value:,} |" for name, value in rules.LIMITS.items()]
    return "\n".join(out)


GENERATED: dict[str, Callable[[], str]] = {
    "comparators-v2": comparators_v2,
    "comparators-v1": comparators_v1,
    "comparators-other": comparators_other,
    "rule-limits": rule_limits,
}


def fill_generated(markdown: str) -> str:
    """Replaces each ``<!-- generated: NAME -->`` with the table it names."""

    def table(found: re.Match[str]) -> str:
        name = found.group(1)
        if name not in GENERATED:
            log.warning("docs: no generated table named %r", name)
            return found.group(0)
        return GENERATED[name]()

    return re.sub(r"<!-- generated: ([a-z0-9-]+) -->", table, markdown)


# ------------------------------------------------------------------------------------ docstring check


def _public_callables() -> Iterator[tuple[str, Any]]:
    for module_name in DOCUMENTED_MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            value = getattr(module, name)
            if not callable(value):
                continue
            yield f"{module_name}.{name}", value
            if inspect.isclass(value):
                for member, attribute in vars(value).items():
                    if member.startswith("_") and member != "__init__":
                        continue
                    if inspect.isfunction(attribute) or isinstance(
                        attribute, classmethod | staticmethod | property
                    ):
                        yield f"{module_name}.{name}.{member}", attribute


def undocumented() -> list[str]:
    """Public callables (and their classes' public methods) without a docstring."""
    missing = []
    for name, value in _public_callables():
        target = value.__func__ if isinstance(value, classmethod | staticmethod) else value
        target = target.fget if isinstance(target, property) else target
        if name.endswith(".__init__"):
            # A constructor may be documented by its class (Google style), as the dataclasses are.
            continue
        if not (getattr(target, "__doc__", None) or "").strip():
            missing.append(name)
    return sorted(set(missing))


# ------------------------------------------------------------------------------------------------ hooks

_PAGES: list[Page] = []


def _section(nav: list[Any], title: str) -> list[Any] | None:
    for item in nav:
        if isinstance(item, dict):
            for key, value in item.items():
                if key == title and isinstance(value, list):
                    return value
                if isinstance(value, list) and (found := _section(value, title)) is not None:
                    return found
    return None


def on_config(config: Any) -> Any:
    """Generates the pages and puts them in the navigation's Resources and Lookups sections."""
    for name in undocumented():
        log.warning("docs: public callable without a docstring: %s", name)
    resources, lookups = reference_pages()
    _PAGES[:] = [*resources, *lookups]
    for title, pages in ((RESOURCES_SECTION, resources), (LOOKUPS_SECTION, lookups)):
        section = _section(config["nav"] or [], title)
        if section is None:
            log.warning("docs: mkdocs.yml's nav has no %r section for the generated pages", title)
            continue
        section[:] = [{page.title: page.path} for page in pages]
    return config


def on_files(files: Any, config: Any) -> Any:
    """Adds the generated pages to the site's files."""
    from mkdocs.structure.files import File  # noqa: PLC0415 - mkdocs is a docs dependency only

    for page in _PAGES:
        files.append(File.generated(config, page.path, content=page.markdown))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Fills the generated tables a hand-written page asks for."""
    del page, config, files
    return fill_generated(markdown)
