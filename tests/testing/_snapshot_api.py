"""Rebuild a CDN config file's flags and segments through the emulator's Management API, over HTTP.

The config file holds sensitive comparison values only as hashes. Each hashed item is recovered by
hashing candidates with the file's salt and context (setting key or segment name): first every
cleartext comparison value of the same file (the "Cleartext" twins ConfigCat's test configs carry),
then the attribute values of the matrix's users (also their JSON-array items, and their prefixes and
suffixes of the right byte length for starts/ends-with). An item that neither recovers matched no
user of the matrix, so a placeholder that matches no user either keeps every result of that matrix;
such flags are counted apart ("placeholder"), never as exact.
"""

from __future__ import annotations

import contextlib
import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import requests

from pulumi_configcat.testing import ConfigCatEmulator
from pulumi_configcat.testing._configfile import USER_COMPARATORS, V1_COMPARATORS, sensitive_hash

from ._sdkdata import Matrix

TYPES = ("boolean", "string", "int", "double")
FIELDS = ("boolValue", "stringValue", "intValue", "doubleValue")
LETTERS = ("b", "s", "i", "d")
HASHED = frozenset({16, 17, 20, 21, 26, 27})
HASHED_AFFIX = frozenset({22, 23, 24, 25})
V1_LISTS = frozenset({0, 1, 4, 5, 16, 17})
_names = itertools.count()


@dataclass
class Recovery:
    """Cleartexts for the hashed items of one config file."""

    salt: str
    twins: set[str]
    users: set[str]
    from_twins: int = 0
    from_users: int = 0
    placeholders: int = 0
    #: Setting keys and segment names that needed a placeholder.
    approximate: set[str] = field(default_factory=set)

    def _candidates(self, pool: Iterable[str], size: int | None) -> Iterator[str]:
        for text in pool:
            if size is None:
                yield text
                continue
            raw = text.encode("utf-8")
            if len(raw) >= size:
                for part in (raw[:size], raw[-size:]):
                    with contextlib.suppress(UnicodeDecodeError):
                        yield part.decode("utf-8")

    def clear(self, item: str, code: int, context: str) -> str:
        """The cleartext of one comparison item (itself when the comparator does not hash)."""
        if code not in HASHED and code not in HASHED_AFFIX:
            return item
        size: int | None = None
        digest = item
        if code in HASHED_AFFIX:
            length, _, digest = item.partition("_")
            size = int(length)
        for pool, counter in ((self.twins, "from_twins"), (self.users, "from_users")):
            for candidate in self._candidates(pool, size):
                if sensitive_hash(candidate, self.salt, context) == digest:
                    setattr(self, counter, getattr(self, counter) + 1)
                    return candidate
        self.placeholders += 1
        self.approximate.add(context)
        return f"unrecovered-{digest[:16]}"


def recovery_for(snapshot: dict[str, Any], m: Matrix) -> Recovery:
    """Collect the candidate cleartexts of a config file and its matrix."""
    twins: set[str] = set()

    def collect(condition: dict[str, Any]) -> None:
        if condition["c"] in HASHED or condition["c"] in HASHED_AFFIX:
            return
        twins.update(condition.get("l", []))
        if isinstance(condition.get("s"), str):
            twins.add(condition["s"])

    for segment in snapshot.get("s", []):
        for condition in segment["r"]:
            collect(condition)
    for setting in snapshot["f"].values():
        for rule in setting.get("r", []):
            for condition in rule["c"]:
                if "u" in condition:
                    collect(condition["u"])
    users: set[str] = set()
    for row in m.rows:
        for cell in row.cells:
            if cell in ("", "##null##"):
                continue
            users.add(cell)
            with contextlib.suppress(ValueError):
                parsed = json.loads(cell)
                if isinstance(parsed, list):
                    users.update(x for x in parsed if isinstance(x, str))
    return Recovery(snapshot["p"]["s"], twins, users)


@dataclass
class Built:
    """What was created for one config file."""

    sdk_key: str
    config_id: str
    environment_id: str
    recovery: Recovery
    setting_ids: dict[str, int]
    segment_ids: list[str]


class Builder:
    """Create a config file's content through the Management API over HTTP."""

    def __init__(self, emu: ConfigCatEmulator) -> None:
        self.emu = emu
        self.session = requests.Session()
        self.session.auth = (emu.username, emu.password)

    def close(self) -> None:
        """Close the HTTP session."""
        self.session.close()

    def ok(self, method: str, path: str, body: Any = None) -> Any:
        """Send one call that must succeed."""
        response = self.session.request(method, self.emu.base_url + path, json=body, timeout=10)
        assert response.status_code in (200, 201), (method, path, response.status_code, response.text)
        return response.json()

    def build(self, snapshot: dict[str, Any], m: Matrix, *, v2: bool) -> Built:
        """Create product, environment, config, segments, settings and values; return the SDK key."""
        recovery = recovery_for(snapshot, m)
        org = self.emu.organization_id
        product = self.ok("POST", f"/v1/organizations/{org}/products", {"name": f"Snapshot {next(_names)}"})
        pid = product["productId"]
        env = self.ok("POST", f"/v1/products/{pid}/environments", {"name": "Production"})["environmentId"]
        body = {"name": "Main", "evaluationVersion": "v2" if v2 else "v1"}
        config = self.ok("POST", f"/v1/products/{pid}/configs", body)["configId"]
        segment_ids = []
        for segment in snapshot.get("s", []):
            [condition] = segment["r"]  # the Management API's segments hold exactly one condition
            created = self.ok(
                "POST",
                f"/v1/products/{pid}/segments",
                {
                    "name": segment["n"],
                    "comparisonAttribute": condition["a"],
                    "comparator": V1_COMPARATORS[condition["c"]],
                    "comparisonValue": _v1_text(condition, recovery, segment["n"]),
                },
            )
            segment_ids.append(created["segmentId"])
        ids = {}
        for key, setting in snapshot["f"].items():
            created = self.ok(
                "POST",
                f"/v1/configs/{config}/settings",
                {"key": key, "name": key, "settingType": TYPES[setting["t"]]},
            )
            ids[key] = created["settingId"]
        types = {key: setting["t"] for key, setting in snapshot["f"].items()}
        for key, setting in snapshot["f"].items():
            if v2:
                formula = _v2_formula(
                    key, setting, recovery=recovery, ids=ids, segment_ids=segment_ids, types=types
                )
                self.ok("PUT", f"/v2/environments/{env}/settings/{ids[key]}/value", formula)
            else:
                value = _v1_value(key, setting, recovery, segment_ids)
                self.ok("PUT", f"/v1/environments/{env}/settings/{ids[key]}/value", value)
        sdk_key = self.ok("GET", f"/v1/configs/{config}/environments/{env}")["primary"]
        return Built(sdk_key, config, env, recovery, ids, segment_ids)


def _native(t: int, value: dict[str, Any]) -> Any:
    raw = value[LETTERS[t]]
    return float(raw) if t == 3 else raw


def _v2_value(t: int, value: dict[str, Any]) -> dict[str, Any]:
    return {FIELDS[t]: _native(t, value)}


def _number_text(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def _v1_text(condition: dict[str, Any], recovery: Recovery, context: str) -> str:
    """A condition as the v1 comparison string (comma-separated list, one value, or a number)."""
    code = condition["c"]
    if "d" in condition:
        return _number_text(condition["d"])
    if "s" in condition:
        return str(condition["s"])
    items = [recovery.clear(item, code, context) for item in condition["l"]]
    if code in V1_LISTS:
        assert all("," not in item for item in items), f"{context}: an item holds a comma"
        return ",".join(items)
    [only] = items  # v1 contains/doesNotContain hold one substring
    return only


def _v1_value(
    key: str, setting: dict[str, Any], recovery: Recovery, segment_ids: list[str]
) -> dict[str, Any]:
    t = setting["t"]
    rules = []
    for rule in setting.get("r", []):
        [condition] = rule["c"]  # v1 rules hold exactly one condition
        out: dict[str, Any] = {"value": _native(t, rule["s"]["v"])}
        if "s" in condition:
            out |= {
                "segmentId": segment_ids[condition["s"]["s"]],
                "segmentComparator": "isIn" if condition["s"]["c"] == 0 else "isNotIn",
            }
        else:
            user = condition["u"]
            out |= {
                "comparisonAttribute": user["a"],
                "comparator": V1_COMPARATORS[user["c"]],
                "comparisonValue": _v1_text(user, recovery, key),
            }
        rules.append(out)
    items = [{"percentage": o["p"], "value": _native(t, o["v"])} for o in setting.get("p", [])]
    return {"value": _native(t, setting["v"]), "rolloutRules": rules, "rolloutPercentageItems": items}


def _v2_formula(
    key: str,
    setting: dict[str, Any],
    *,
    recovery: Recovery,
    ids: dict[str, int],
    segment_ids: list[str],
    types: dict[str, int],
) -> dict[str, Any]:
    t = setting["t"]

    def condition(c: dict[str, Any]) -> dict[str, Any]:
        if "s" in c:
            comparator = "isIn" if c["s"]["c"] == 0 else "isNotIn"
            return {"segmentCondition": {"segmentId": segment_ids[c["s"]["s"]], "comparator": comparator}}
        if "p" in c:
            prerequisite = c["p"]
            return {
                "prerequisiteFlagCondition": {
                    "prerequisiteSettingId": ids[prerequisite["f"]],
                    "comparator": "equals" if prerequisite["c"] == 0 else "doesNotEqual",
                    "prerequisiteComparisonValue": _v2_value(types[prerequisite["f"]], prerequisite["v"]),
                }
            }
        user = c["u"]
        code = user["c"]
        if "d" in user:
            value: dict[str, Any] = {"doubleValue": user["d"]}
        elif "s" in user:
            value = {"stringValue": recovery.clear(user["s"], code, key)}
        else:
            value = {"listValue": [{"value": recovery.clear(item, code, key)} for item in user["l"]]}
        return {
            "userCondition": {
                "comparisonAttribute": user["a"],
                "comparator": USER_COMPARATORS[code],
                "comparisonValue": value,
            }
        }

    def options(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"percentage": o["p"], "value": _v2_value(t, o["v"])} for o in items]

    rules: list[dict[str, Any]] = []
    for rule in setting.get("r", []):
        conditions = [condition(c) for c in rule["c"]]
        if "p" in rule:
            rules.append({"conditions": conditions, "percentageOptions": options(rule["p"])})
        else:
            rules.append({"conditions": conditions, "value": _v2_value(t, rule["s"]["v"])})
    if setting.get("p"):
        # The API models a flag's own % options as a trailing rule without conditions.
        rules.append({"conditions": [], "percentageOptions": options(setting["p"])})
    return {
        "defaultValue": _v2_value(t, setting["v"]),
        "targetingRules": rules,
        "percentageEvaluationAttribute": setting.get("a"),
    }


def depends_on(snapshot: dict[str, Any], key: str) -> tuple[set[str], set[str]]:
    """The flags (itself and its prerequisites, transitively) and segment names a flag's result uses."""
    flags, segments, todo = set(), set(), [key]
    names = [s["n"] for s in snapshot.get("s", [])]
    while todo:
        current = todo.pop()
        if current in flags or current not in snapshot["f"]:
            continue
        flags.add(current)
        for rule in snapshot["f"][current].get("r", []):
            for c in rule["c"]:
                if "p" in c:
                    todo.append(c["p"]["f"])
                if "s" in c:
                    segments.add(names[c["s"]["s"]])
    return flags, segments
