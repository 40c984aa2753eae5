"""API requests per operation for every resource type, and the size of what each keeps in the state.

Run from the repository root::

    .venv/bin/python bench/bench_requests.py

For each resource class, one resource is taken through the steps of its life by ``tests.harness.MiniEngine``
over the real provider process, against a local ``ConfigCatEmulator``; the parents it hangs under are made
directly in the emulator first, so only the resource's own requests are counted. The steps:

* **check**: ``pulumi preview`` of the new resource (the engine sends Check only);
* **create**: ``pulumi up`` (Check + Create; check sends nothing, so these are the create's);
* **diff**: ``pulumi up`` again with nothing changed (Check + Diff);
* **update**: ``pulumi up`` with one input changed (Check + Diff + Update);
* **refresh**: ``pulumi refresh`` (Read);
* **delete**: ``pulumi destroy`` (Delete).

Each cell is the number of requests the emulator received, with their methods. The last two columns are the
``__provider`` blob each resource stores (base64 characters, as Pulumi stores it) and the JSON size of the
whole resource state (inputs and outputs, the blob included).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The harness lives in tests/, which is not installed; the repository root makes it importable.
REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import pulumi_configcat as configcat  # noqa: E402
from pulumi_configcat.testing import ConfigCatEmulator  # noqa: E402
from tests.harness import DynamicProviderProcess, MiniEngine, secret  # noqa: E402

PHASES = ("check", "create", "diff", "update", "refresh", "delete")


@dataclass(frozen=True)
class Parents:
    """Entities made directly in the emulator for the resources to hang under."""

    organization: str
    product: str
    config: str
    v1_config: str
    environment: str
    tag: str
    setting: str
    v1_setting: str
    group: str
    member: str


@dataclass(frozen=True)
class Subject:
    """A resource class, how to declare it (``revision`` 1 changes one input), and what the update changes."""

    name: str
    declare: Callable[[Parents, int], object]
    update_note: str


SUBJECTS = [
    Subject(
        "Product",
        lambda p, r: configcat.Product("bench-product", organization_id=p.organization, order=r),
        "order",
    ),
    Subject("Config", lambda p, r: configcat.Config("bench", product_id=p.product, order=r), "order"),
    Subject(
        "Environment",
        lambda p, r: configcat.Environment("bench", product_id=p.product, color=("#000000", "#ffffff")[r]),
        "color",
    ),
    Subject(
        "Tag",
        lambda p, r: configcat.Tag("bench", product_id=p.product, color=("whale", "salmon")[r]),
        "color",
    ),
    Subject(
        "Segment",
        lambda p, r: configcat.Segment(
            "bench",
            product_id=p.product,
            comparison_attribute="Email",
            comparator="contains",
            comparison_value=("@a.example", "@b.example")[r],
        ),
        "comparison_value",
    ),
    Subject(
        "PermissionGroup",
        lambda p, r: configcat.PermissionGroup(
            "bench", product_id=p.product, environment_accesses={p.environment: ("readOnly", "full")[r]}
        ),
        "environment_accesses",
    ),
    Subject(
        "ProductPreferences",
        lambda p, r: configcat.ProductPreferences(
            "bench", product_id=p.product, mandatory_setting_hint=bool(r)
        ),
        "mandatory_setting_hint",
    ),
    Subject(
        "Setting",
        lambda p, r: configcat.Setting("bench", config_id=p.config, key="benchFlag", hint=("one", "two")[r]),
        "hint",
    ),
    Subject(
        "SettingTag",
        lambda p, r: configcat.SettingTag("bench", setting_id=p.setting, tag_id=p.tag),
        "(none: any change replaces)",
    ),
    Subject(
        "SettingValueV2",
        lambda p, r: configcat.SettingValueV2(
            "bench",
            environment_id=p.environment,
            setting_id=p.setting,
            init_only=False,
            value=bool(r),
            targeting_rules=[
                {
                    "conditions": [
                        {
                            "user_condition": {
                                "comparison_attribute": "Email",
                                "comparator": "isOneOf",
                                "comparison_value": ["a@acme.com", "b@acme.com"],
                            }
                        }
                    ],
                    "value": True,
                },
                {
                    "percentage_options": [
                        {"percentage": 20, "value": True},
                        {"percentage": 80, "value": False},
                    ]
                },
            ],
        ),
        "value",
    ),
    Subject(
        "SettingValue",
        lambda p, r: configcat.SettingValue(
            "bench", environment_id=p.environment, setting_id=p.v1_setting, init_only=False, value=bool(r)
        ),
        "value",
    ),
    Subject(
        "Webhook",
        lambda p, r: configcat.Webhook(
            "bench",
            config_id=p.config,
            environment_id=p.environment,
            url=("https://hooks.example/one", "https://hooks.example/two")[r],
            secure_webhook_headers=[{"key": "X-Token", "value": "s3cret"}],
        ),
        "url",
    ),
    Subject(
        "Integration",
        lambda p, r: configcat.Integration(
            "bench",
            product_id=p.product,
            integration_type="dataDog",
            parameters={"apikey": ("key-one", "key-two")[r], "site": "Eu"},
        ),
        "parameters",
    ),
    Subject(
        "ProxyProfile",
        lambda p, r: configcat.ProxyProfile(
            "bench",
            organization_id=p.organization,
            description=("one", "two")[r],
            sdk_key_selection_rules=[{"environment_name_match_filter": "*"}],
        ),
        "description",
    ),
    Subject(
        "Invitations",
        lambda p, r: configcat.Invitations(
            "bench",
            product_id=p.product,
            permission_group_id=p.group,
            emails=(["a@acme.example"], ["a@acme.example", "b@acme.example"])[r],
        ),
        "emails (one more)",
    ),
    Subject(
        "OrganizationMember",
        lambda p, r: configcat.OrganizationMember(
            "bench",
            organization_id=p.organization,
            user_id=p.member,
            permission_group_ids=[p.group],
            is_billing_manager=bool(r),
        ),
        "is_billing_manager",
    ),
    Subject(
        "ConfigValuesV2",
        lambda p, r: configcat.ConfigValuesV2(
            "bench", config_id=p.config, environment_id=p.environment, values={"flag": bool(r)}
        ),
        "values",
    ),
    Subject(
        "ConfigValues",
        lambda p, r: configcat.ConfigValues(
            "bench", config_id=p.v1_config, environment_id=p.environment, values={"flag": bool(r)}
        ),
        "values",
    ),
]


def _post(emulator: ConfigCatEmulator, path: str, body: dict[str, Any]) -> dict[str, Any]:
    status, answer = emulator.call("POST", path, body)
    if status not in (200, 201, 204):
        raise RuntimeError(f"POST {path} answered {status}: {answer}")
    return dict(answer or {})


def make_parents(emulator: ConfigCatEmulator) -> Parents:
    """Makes a product with a V2 and a V1 config, an environment, a tag, a flag in each config, a permission
    group, and a member of it (invited, and the invitation accepted)."""
    org = emulator.organization_id
    product = _post(emulator, f"/v1/organizations/{org}/products", {"name": "parents"})["productId"]
    config = _post(emulator, f"/v1/products/{product}/configs", {"name": "v2", "evaluationVersion": "v2"})
    v1_config = _post(emulator, f"/v1/products/{product}/configs", {"name": "v1", "evaluationVersion": "v1"})
    environment = _post(emulator, f"/v1/products/{product}/environments", {"name": "production"})
    tag = _post(emulator, f"/v1/products/{product}/tags", {"name": "beta"})
    setting = _post(
        emulator,
        f"/v1/configs/{config['configId']}/settings",
        {"key": "flag", "name": "flag", "settingType": "boolean"},
    )
    v1_setting = _post(
        emulator,
        f"/v1/configs/{v1_config['configId']}/settings",
        {"key": "flag", "name": "flag", "settingType": "boolean"},
    )
    group = _post(emulator, f"/v1/products/{product}/permissions", {"name": "devs"})["permissionGroupId"]
    _post(
        emulator,
        f"/v1/products/{product}/members/invite",
        {"emails": ["member@acme.example"], "permissionGroupId": group},
    )
    member = emulator.accept_invitation(email="member@acme.example")
    return Parents(
        org,
        product,
        config["configId"],
        v1_config["configId"],
        environment["environmentId"],
        str(tag["tagId"]),
        str(setting["settingId"]),
        str(v1_setting["settingId"]),
        str(group),
        member,
    )


def measure(
    emulator: ConfigCatEmulator, engine: MiniEngine, parents: Parents, subject: Subject
) -> dict[str, Any]:
    """Takes one resource through its life; returns the requests of each phase and the state sizes."""
    counts: dict[str, Counter[str]] = {}

    def phase(name: str, action: Callable[[], Any], expected: str | None) -> None:
        emulator.requests.clear()
        outcome = action()
        errors = getattr(outcome, "errors", [])
        if errors:
            raise RuntimeError(f"{subject.name} {name}: {errors}")
        ops = {step.op for step in getattr(outcome, "steps", outcome)}
        if expected is not None and ops != {expected}:
            raise RuntimeError(f"{subject.name} {name}: expected {expected} steps, got {ops}")
        counts[name] = Counter(request.method for request in emulator.requests)

    phase("check", lambda: engine.run(lambda: subject.declare(parents, 0), preview=True), "create")
    phase("create", lambda: engine.run(lambda: subject.declare(parents, 0)), "create")
    (state,) = engine.state.values()
    blob = len(state.outputs["__provider"])
    whole = len(json.dumps({"inputs": state.inputs, "outputs": state.outputs}))
    phase("diff", lambda: engine.run(lambda: subject.declare(parents, 0)), "same")
    if subject.name != "SettingTag":
        phase("update", lambda: engine.run(lambda: subject.declare(parents, 1)), "update")
    phase("refresh", engine.refresh, "refresh")
    phase("delete", engine.destroy, "delete")
    return {"counts": counts, "blob": blob, "state": whole}


def cell(counter: Counter[str] | None) -> str:
    """``2 (GET, PUT)``-style text for one phase."""
    if counter is None:
        return "-"
    total = sum(counter.values())
    if not total:
        return "0"
    methods = ", ".join(f"{n} {m}" if n > 1 else m for m, n in sorted(counter.items()))
    return f"{total} ({methods})"


def main() -> None:
    """Measures every subject and prints a Markdown table."""
    print(f"Python {sys.version.split()[0]}")
    with ConfigCatEmulator() as emulator, DynamicProviderProcess(project="bench") as process:
        process.configure(
            {
                "configcat:basicAuthUsername": emulator.username,
                "configcat:basicAuthPassword": secret(emulator.password),
                "configcat:basePath": emulator.base_url,
            }
        )
        parents = make_parents(emulator)
        header = ["resource", *PHASES, "update changes", "blob chars", "state bytes"]
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for subject in SUBJECTS:
            result = measure(emulator, MiniEngine(process, project="bench"), parents, subject)
            cells = [cell(result["counts"].get(p)) for p in PHASES]
            print(
                f"| {subject.name} | " + " | ".join(cells) + f" | {subject.update_note} | {result['blob']} | "
                f"{result['state']:,} |"
            )


if __name__ == "__main__":
    main()
