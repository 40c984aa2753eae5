"""Predefined variations: the values a Config V2 flag may serve, each with an id that values refer to.

What the docs confirm (behaviour reference §3e): a variation can be removed, or its value changed, only while
no value uses it. What is inferred here: variations exist on Config V2 flags only; a flag that has them
serves only them (a typed value is refused, a ``predefinedVariationId`` must be one of the flag's); a flag
created with variations and no initial value serves its first variation.
"""

from __future__ import annotations

from typing import Any

from ._errors import ApiError
from ._ids import IdFactory

Rec = dict[str, Any]

FIELD = {"boolean": "boolValue", "string": "stringValue", "int": "intValue", "double": "doubleValue"}
VALUE_FIELDS = ("boolValue", "stringValue", "intValue", "doubleValue")


def typed_ok(setting_type: str, value: Rec | None) -> bool:
    """Whether a typed value sets exactly the field of the setting's type."""
    if not isinstance(value, dict):
        return False
    wanted = FIELD[setting_type]
    return value.get(wanted) is not None and all(value.get(f) is None for f in VALUE_FIELDS if f != wanted)


def find(setting: Rec, variation_id: Any) -> Rec | None:
    """The setting's variation with this id (ids compare case-insensitively)."""
    if not isinstance(variation_id, str):
        return None
    return next(
        (
            v
            for v in setting.get("predefinedVariations", [])
            if v["predefinedVariationId"] == variation_id.lower()
        ),
        None,
    )


def served_ok(setting: Rec, raw: Rec | None) -> bool:
    """Whether a served value fits the setting: its typed field, or one of its variations."""
    if not isinstance(raw, dict):
        return False
    if raw.get("predefinedVariationId") is not None:
        variation = find(setting, raw["predefinedVariationId"])
        # Answers spell the variation's value beside its id; a write may send that back unchanged.
        return variation is not None and all(
            raw.get(f) is None or raw.get(f) == variation["value"].get(f) for f in VALUE_FIELDS
        )
    if setting.get("predefinedVariations"):
        return False
    return typed_ok(setting["settingType"], raw)


def resolve(setting: Rec, raw: Rec | None) -> Rec | None:
    """A served value as the API answers with it: every field spelled, a variation's value filled in."""
    if raw is None:
        return None
    variation = find(setting, raw.get("predefinedVariationId"))
    if variation is not None:
        return {f: variation["value"].get(f) for f in VALUE_FIELDS} | {
            "predefinedVariationId": variation["predefinedVariationId"]
        }
    return {f: raw.get(f) for f in VALUE_FIELDS} | {"predefinedVariationId": None}


def build(setting_type: str, items: list[Rec], existing: list[Rec], ids: IdFactory, where: str) -> list[Rec]:
    """The new collection from a request's items; an item with an id updates that variation."""
    errors: dict[str, list[str]] = {}
    out: list[Rec] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        value = item.get("value") or {}
        if not typed_ok(setting_type, value):
            errors.setdefault(f"{where}[{index}].Value", []).append(
                f"Invalid variation value: a {setting_type} setting needs exactly the "
                f"{FIELD[setting_type][:1].upper()}{FIELD[setting_type][1:]} field set."
            )
            continue
        wanted = item.get("predefinedVariationId")
        if wanted is not None:
            if not any(v["predefinedVariationId"] == str(wanted).lower() for v in existing):
                errors.setdefault(f"{where}[{index}].PredefinedVariationId", []).append(
                    "Predefined variation not found."
                )
                continue
            variation_id = str(wanted).lower()
        else:
            variation_id = ids.uuid()
        key = repr(value.get(FIELD[setting_type]))
        if key in seen:
            errors.setdefault(f"{where}[{index}].Value", []).append(
                "Predefined variation values must be unique."
            )
        seen.add(key)
        out.append(
            {
                "predefinedVariationId": variation_id,
                "value": {f: value.get(f) for f in VALUE_FIELDS},
                "name": item.get("name"),
                "hint": item.get("hint"),
            }
        )
    if errors:
        raise ApiError(400, errors)
    return out


def used_ids(formula: Rec | None) -> set[str]:
    """Variation ids a stored V2 formula serves (default, rule values, percentage options)."""
    if not formula or "defaultValue" not in formula:
        return set()
    served = [formula["defaultValue"]]
    for rule in formula.get("targetingRules", []):
        served.append(rule.get("value"))
        served.extend(option["value"] for option in rule.get("percentageOptions", []))
    return {v["predefinedVariationId"] for v in served if v and v.get("predefinedVariationId")}


def render(setting: Rec) -> list[Rec]:
    """The setting's variations as the API lists them."""
    return [
        {
            "value": dict(v["value"]),
            "name": v["name"],
            "hint": v["hint"],
            "predefinedVariationId": v["predefinedVariationId"],
        }
        for v in setting.get("predefinedVariations", [])
    ]
