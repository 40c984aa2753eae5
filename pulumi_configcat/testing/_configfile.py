"""The config file ConfigCat's SDKs download (``config_v6.json``), rendered from the emulated state.

One file covers one config in one environment; the SDK key picks it. The layout, the comparator codes
and the hashing of sensitive comparison values follow ConfigCat's config_v6 format (the official
JSON schema lives in the ``configcat/config-json`` repository) as the official SDKs evaluate it.
Standard library only: the emulator must not need the SDK to serve it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._store import Store

Rec = dict[str, Any]

#: The SDK key shapes ``configcat-client`` accepts (``ConfigCatClient.__init__``); the proxy shape
#: only when a base URL is set, which is always the case against the emulator.
SDK_KEY_PATTERNS = (
    re.compile(r"^.{22}/.{22}$"),
    re.compile(r"^configcat-sdk-1/.{22}/.{22}$"),
    re.compile(r"^configcat-proxy/.+$"),
)
#: The CDN path the SDKs fetch; the key is pasted in as it is, slashes included.
CONFIG_FILE_PATH = re.compile(r"^/configuration-files/(?P<key>.+)/config_v6\.json$")

SETTING_TYPE_CODES = {"boolean": 0, "string": 1, "int": 2, "double": 3}
VALUE_LETTERS = {"boolean": "b", "string": "s", "int": "i", "double": "d"}
_V2_FIELDS = {"boolean": "boolValue", "string": "stringValue", "int": "intValue", "double": "doubleValue"}

#: The v2 ``UserComparator`` enum lists its names in code order: the index is the config_v6 code.
USER_COMPARATORS = (
    "isOneOf",
    "isNotOneOf",
    "containsAnyOf",
    "doesNotContainAnyOf",
    "semVerIsOneOf",
    "semVerIsNotOneOf",
    "semVerLess",
    "semVerLessOrEquals",
    "semVerGreater",
    "semVerGreaterOrEquals",
    "numberEquals",
    "numberDoesNotEqual",
    "numberLess",
    "numberLessOrEquals",
    "numberGreater",
    "numberGreaterOrEquals",
    "sensitiveIsOneOf",
    "sensitiveIsNotOneOf",
    "dateTimeBefore",
    "dateTimeAfter",
    "sensitiveTextEquals",
    "sensitiveTextDoesNotEqual",
    "sensitiveTextStartsWithAnyOf",
    "sensitiveTextNotStartsWithAnyOf",
    "sensitiveTextEndsWithAnyOf",
    "sensitiveTextNotEndsWithAnyOf",
    "sensitiveArrayContainsAnyOf",
    "sensitiveArrayDoesNotContainAnyOf",
    "textEquals",
    "textDoesNotEqual",
    "textStartsWithAnyOf",
    "textNotStartsWithAnyOf",
    "textEndsWithAnyOf",
    "textNotEndsWithAnyOf",
    "arrayContainsAnyOf",
    "arrayDoesNotContainAnyOf",
)
#: v1 ``RolloutRuleComparator`` (rules and segments): codes 0-17, 2 and 3 named differently.
V1_COMPARATORS = (
    *USER_COMPARATORS[:2],
    "contains",
    "doesNotContain",
    *USER_COMPARATORS[4:18],
)
STRING_CODES = frozenset({6, 7, 8, 9, 20, 21, 28, 29})
NUMBER_CODES = frozenset({10, 11, 12, 13, 14, 15, 18, 19})
_HASHED = frozenset({16, 17, 20, 21, 26, 27})
_HASHED_AFFIX = frozenset({22, 23, 24, 25})
#: v1 comparison strings that are comma-separated lists (the others are one value).
_V1_SPLIT = frozenset({0, 1, 4, 5, 16, 17})


#: A condition no user satisfies: the user's Identifier is one of no values.
_NEVER: Rec = {"u": {"a": "Identifier", "c": 0, "l": []}}


def sdk_key_accepted(key: str) -> bool:
    """Whether ``configcat-client`` accepts ``key`` when pointed at a custom base URL."""
    return any(p.match(key) for p in SDK_KEY_PATTERNS)


def sensitive_hash(value: str, salt: str, context: str) -> str:
    """Hash a sensitive comparison value as the SDKs do: sha256(value + salt + context), hex.

    Args:
        value: The cleartext comparison value.
        salt: The config's salt (``p.s``).
        context: The setting key, or the segment name for conditions inside a segment.
    """
    return hashlib.sha256((value + salt + context).encode("utf-8")).hexdigest()


def config_salt(config_id: str) -> str:
    """The salt of a config: 32 bytes in base64, like the CDN's, derived from the config id.

    Deriving it keeps it stable for the life of the config without storing it or drawing from the
    seeded id generator (which would shift every id generated after the first render).
    """
    return base64.b64encode(hashlib.sha256(f"config-salt/{config_id}".encode()).digest()).decode()


def variation_id(setting_id: int, setting_type: str, value: Any) -> str:
    """One id per (setting, value), 8 hex digits like the CDN's; the SDK treats them as opaque."""
    canonical = json.dumps(_native(setting_type, value))
    return hashlib.sha256(f"{setting_id}/{canonical}".encode()).hexdigest()[:8]


def etag_of(body: bytes) -> str:
    """A strong ETag for a served body: its SHA-1, quoted (what ConfigCat's Go test server uses)."""
    return '"' + hashlib.sha1(body, usedforsecurity=False).hexdigest() + '"'


def encode(document: Rec) -> tuple[bytes, str]:
    """Serialise a config file; return the body and its ETag."""
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return body, etag_of(body)


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` exactly (the SDK's first ``empty`` never does)."""
    if not if_none_match:
        return False
    return any(tag.strip() == etag for tag in if_none_match.split(","))


def predefined_variation_id(predefined_variation_id: str) -> str:
    """The config-file variation id of a predefined variation: 8 hex digits derived from its GUID.

    Not the GUID's own first digits: ConfigCat's GUIDs are time-ordered, so those repeat.
    """
    return hashlib.sha256(predefined_variation_id.encode()).hexdigest()[:8]


def _v2_native(setting: Rec, value: Rec) -> Any:
    """The plain value a v2 value model stands for (stored values have a variation's value filled in)."""
    field = _V2_FIELDS[setting["settingType"]]
    reference = value.get("predefinedVariationId")
    if value.get(field) is None and reference:
        wanted = str(uuid.UUID(reference))
        for variation in setting.get("predefinedVariations", []):
            if variation["predefinedVariationId"] == wanted:
                return variation["value"][field]
    return value[field]


def _native(setting_type: str, value: Any) -> Any:
    if setting_type == "double":
        number = float(value)
        # The CDN (.NET) writes an integral double without a fraction ("d": -1), and the SDK hands
        # that int to the caller as it is; emitting -1.0 would make get_value return -1.0 instead.
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if setting_type == "int":
        return int(value)
    return value


def parse_v1_number(text: str) -> float | None:
    """A v1 number comparison string as the CDN reads it (``,`` is a decimal mark); None if not one."""
    try:
        number = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    # JSON has no NaN or infinity, and "nan"/"inf" are not numbers anyone meant to compare with.
    return number if math.isfinite(number) else None


class _Renderer:
    """Render one config in one environment; holds the lookups every setting needs."""

    def __init__(self, store: Store, config: Rec, env_id: str, base_url: str) -> None:
        self.store = store
        self.config = config
        self.env_id = env_id
        self.base_url = base_url
        self.salt = config_salt(config["configId"])
        segments = [s for s in store.segments.values() if s["productId"] == config["productId"]]
        # Creation order, as the CDN seems to use; conditions refer to segments by index.
        self.segments = sorted(segments, key=lambda s: s["_seq"])
        self.segment_index = {s["segmentId"]: i for i, s in enumerate(self.segments)}

    def document(self) -> Rec:
        flags: Rec = {}
        for setting in self.store.config_settings(self.config["configId"]):
            stored = self.store.values[setting["settingId"]][self.env_id]
            if self.config["evaluationVersion"] == "v1":
                flags[setting["key"]] = self._v1_setting(setting, stored)
            else:
                flags[setting["key"]] = self._v2_setting(setting, stored)
        out: Rec = {"p": {"u": self.base_url, "r": 0, "s": self.salt}}
        if self.segments:
            # Segment conditions are bare user conditions, without the {"u": ...} wrapper of rules.
            out["s"] = [
                {"n": s["name"], "r": [self._v1_condition(s, context=s["name"])["u"]]} for s in self.segments
            ]
        out["f"] = flags
        return out

    # ------------------------------------------------------------------ values

    def _served(self, setting: Rec, value: Any) -> Rec:
        setting_type = setting["settingType"]
        # A value that is one of the setting's predefined variations is served under its id.
        for variation in setting.get("predefinedVariations", []):
            if variation["value"][_V2_FIELDS[setting_type]] == value:
                ident = predefined_variation_id(variation["predefinedVariationId"])
                break
        else:
            ident = variation_id(setting["settingId"], setting_type, value)
        return {"v": {VALUE_LETTERS[setting_type]: _native(setting_type, value)}, "i": ident}

    def _served_v2(self, setting: Rec, value: Rec) -> Rec:
        return self._served(setting, _v2_native(setting, value))

    def _segment_ref(self, segment_id: str | None, is_in: bool) -> Rec:
        index = self.segment_index.get(segment_id or "")
        if index is None:
            # A segment deleted while rules still use it (the emulator allows that): the rule never
            # matches. An index past the end would make the SDK drop the whole file, every flag.
            return _NEVER
        return {"s": {"s": index, "c": 0 if is_in else 1}}

    # ------------------------------------------------------------------ v1

    def _v1_setting(self, setting: Rec, stored: Rec) -> Rec:
        out: Rec = {"t": SETTING_TYPE_CODES[setting["settingType"]]}
        rules = []
        for rule in stored["rolloutRules"]:
            if rule.get("segmentId"):
                condition = self._segment_ref(rule["segmentId"], rule["segmentComparator"] == "isIn")
            else:
                condition = self._v1_condition(rule, context=setting["key"])
            rules.append({"c": [condition], "s": self._served(setting, rule["value"])})
        if rules:
            out["r"] = rules
        items = stored["rolloutPercentageItems"]
        if items:
            out["p"] = [{"p": i["percentage"]} | self._served(setting, i["value"]) for i in items]
        return out | self._served(setting, stored["value"])

    def _v1_condition(self, rule: Rec, *, context: str) -> Rec:
        """A v1 rule's or a segment's (attribute, comparator, string) condition."""
        code = V1_COMPARATORS.index(rule["comparator"])
        text: str = rule["comparisonValue"]
        condition: Rec = {"a": rule["comparisonAttribute"], "c": code}
        if code in _V1_SPLIT:
            # As the CDN: items stripped, duplicates dropped, one "" kept for blank items (it matches
            # nothing: the SDK treats an empty attribute as missing and skips blank semver items).
            items = list(dict.fromkeys(item.strip() for item in text.split(",")))
            condition["l"] = self._hashed_list(code, items, context)
        elif code in NUMBER_CODES:
            number = parse_v1_number(text)
            condition["d"] = number if number is not None else 0.0
        elif code in STRING_CODES:
            condition["s"] = text
        else:
            # contains / doesNotContain: v1 meant a substring of the whole value, not a list.
            condition["l"] = [text]
        return {"u": condition}

    # ------------------------------------------------------------------ v2

    def _v2_setting(self, setting: Rec, stored: Rec) -> Rec:
        out: Rec = {"t": SETTING_TYPE_CODES[setting["settingType"]]}
        if stored.get("percentageEvaluationAttribute"):
            out["a"] = stored["percentageEvaluationAttribute"]
        rules = stored["targetingRules"]
        rendered: list[Rec] = []
        for index, rule in enumerate(rules):
            conditions = [self._v2_condition(setting, c) for c in rule["conditions"]]
            if rule["percentageOptions"]:
                options = [
                    {"p": o["percentage"]} | self._served_v2(setting, o["value"])
                    for o in rule["percentageOptions"]
                ]
                if not conditions and index == len(rules) - 1:
                    # How the API models a flag's own % options: a trailing rule without conditions.
                    out["p"] = options
                    continue
                # Elsewhere a condition-less % rule stays in place (the SDK evaluates it in order).
                rendered.append({"c": conditions, "p": options})
            else:
                rendered.append({"c": conditions, "s": self._served_v2(setting, rule["value"])})
        if rendered:
            out["r"] = rendered
        return out | self._served_v2(setting, stored["defaultValue"])

    def _v2_condition(self, setting: Rec, condition: Rec) -> Rec:
        if condition.get("segmentCondition"):
            segment = condition["segmentCondition"]
            return self._segment_ref(segment["segmentId"], segment["comparator"] == "isIn")
        if condition.get("prerequisiteFlagCondition"):
            prerequisite = condition["prerequisiteFlagCondition"]
            target = self.store.settings[prerequisite["prerequisiteSettingId"]]
            target_type = target["settingType"]
            value = _v2_native(target, prerequisite["prerequisiteComparisonValue"])
            return {
                "p": {
                    "f": target["key"],
                    "c": 0 if prerequisite["comparator"] == "equals" else 1,
                    "v": {VALUE_LETTERS[target_type]: _native(target_type, value)},
                }
            }
        user = condition["userCondition"]
        code = USER_COMPARATORS.index(user["comparator"])
        value = user["comparisonValue"]
        out: Rec = {"a": user["comparisonAttribute"], "c": code}
        if code in STRING_CODES:
            text = value["stringValue"]
            out["s"] = sensitive_hash(text, self.salt, setting["key"]) if code in _HASHED else text
        elif code in NUMBER_CODES:
            out["d"] = value["doubleValue"]
        else:
            # v2 comparison values are passed through untrimmed; only semver values are stripped by the SDK.
            items = [item["value"] for item in value["listValue"]]
            out["l"] = self._hashed_list(code, items, setting["key"])
        return {"u": out}

    def _hashed_list(self, code: int, items: Iterable[str], context: str) -> list[str]:
        if code in _HASHED:
            return [sensitive_hash(item, self.salt, context) for item in items]
        if code in _HASHED_AFFIX:
            # The SDK hashes the first (or last) n bytes of the user's value, n counted in UTF-8 bytes.
            return [
                f"{len(item.encode('utf-8'))}_{sensitive_hash(item, self.salt, context)}" for item in items
            ]
        return list(items)


def render(store: Store, config_id: str, env_id: str, base_url: str) -> Rec:
    """Render the config file of one config in one environment from the current state.

    Args:
        store: The emulated state (its lock must be held by the caller).
        config_id: The config's id.
        env_id: The environment's id.
        base_url: The emulator's base URL, served as ``p.u`` (with redirect mode 0, so a test
            client never leaves the emulator).
    """
    return _Renderer(store, store.configs[config_id], env_id, base_url).document()
