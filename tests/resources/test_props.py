"""The input kinds: what each accepts and normalizes, what it refuses, and how ``diff`` compares."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.output import UNKNOWN

from pulumi_configcat.resources._props import (
    Boolean,
    Choice,
    Colour,
    Integer,
    IntegerId,
    InvalidValueError,
    Kind,
    ListOf,
    MapOf,
    Prop,
    Redacted,
    Text,
    Uuid,
    is_unknown,
)
from pulumi_configcat.resources._rules import FlagValuesV2

GUID = "08d86d63-2726-47cd-8bfc-59608ecb91e2"


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        (Text(1, 5), "abc", "abc"),
        (Text(0, 5), "", ""),
        (Uuid(), GUID, GUID),
        (Uuid(), GUID.upper(), GUID),
        (IntegerId(), 42, "42"),
        (IntegerId(), 42.0, "42"),
        (IntegerId(), "42", "42"),
        (IntegerId(), "007", "7"),
        (Integer(), 3, 3),
        (Integer(), 3.0, 3),
        (Integer(), -(2**31), -(2**31)),
        (Boolean(), False, False),
        (Choice(("a", "b")), "b", "b"),
        (MapOf(Uuid(), Choice(("full", "readOnly"))), {GUID: "full"}, {GUID: "full"}),
    ],
)
def test_accepts_and_normalizes(kind: Kind, value: Any, expected: Any) -> None:
    parsed = kind.parse(value)
    assert parsed == expected
    assert type(parsed) is type(expected)


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        (Text(1, 5), "", "a string of 1 to 5 characters, got 0 characters"),
        (Text(1, 5), "abcdef", "a string of 1 to 5 characters, got 6 characters"),
        (Text(1, 5), 5, "a string of 1 to 5 characters, got number 5"),
        (Uuid(), "not-a-uuid", "a UUID such as"),
        (Uuid(), 12, "a UUID such as"),
        (IntegerId(), "12a", "an integer id"),
        (IntegerId(), True, "an integer id"),
        (IntegerId(), 1.5, "an integer id"),
        (Integer(), 1.5, "an integer from"),
        (Integer(), "1", "an integer from"),
        (Integer(), True, "an integer from"),
        (Integer(), 2**31, "an integer from -2147483648 to 2147483647, got 2147483648"),
        (Boolean(), "true", "true or false"),
        (Boolean(), 1, "true or false"),
        (Choice(("a", "b")), "c", "one of 'a', 'b', got 'c'"),
        (Choice(("a", "b")), "A", "one of 'a', 'b', got 'A'"),
        (MapOf(Uuid(), Boolean()), ["x"], "a mapping of"),
        (MapOf(Uuid(), Boolean()), {"x": True}, "has a key that must be a UUID"),
        (MapOf(Uuid(), Boolean()), {GUID: "yes"}, f"['{GUID}'] must be true or false"),
    ],
)
def test_refuses_with_what_is_allowed(kind: Kind, value: Any, message: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        kind.parse(value)
    assert message in str(caught.value)


def test_comparison_tolerates_the_forms_state_holds() -> None:
    assert Integer().comparable(3.0) == Integer().comparable(3)
    assert Text(empty_is_none=True).comparable("") is None
    assert Text().comparable("") == ""
    assert Uuid().comparable(GUID.upper()) == GUID
    reason_map = MapOf(Uuid(), Boolean(), drop_values=(False,))
    assert reason_map.comparable({GUID: False}) == reason_map.comparable(None) == {}
    assert reason_map.comparable({GUID: True}) == {GUID: True}


def test_prop_compares_an_unset_value_as_its_default() -> None:
    prop = Prop("color", Text(), default="panther")
    assert prop.comparable(None) == prop.comparable("panther")
    assert prop.comparable(None) != prop.comparable("whale")


def test_unknown_is_recognized() -> None:
    assert is_unknown(UNKNOWN)
    assert not is_unknown("04da6b54-80e4-46f7-96ec-b56ff0331ba9")


@pytest.mark.parametrize("suffix", ["\n", "\r\n", " ", "\t", "x"])
def test_uuid_must_be_the_whole_string(suffix: str) -> None:
    # Ids read from files end in a newline; `$` alone would let one through to the API (issue 12, item 6).
    with pytest.raises(InvalidValueError, match="a UUID such as"):
        Uuid().parse(GUID + suffix)
    with pytest.raises(InvalidValueError, match="a UUID such as"):
        Uuid().parse(suffix.strip() + "\n" + GUID)


@pytest.mark.parametrize("value", ["12\n", "١٢", "+12", " 12"])
def test_integer_id_is_ascii_digits_and_nothing_else(value: str) -> None:
    with pytest.raises(InvalidValueError, match="an integer id"):
        IntegerId().parse(value)


@pytest.mark.parametrize(
    ("kind", "value", "shown"),
    [
        (Text(1, 5), 12345.0, "got number 12345"),
        (Uuid(), 12345.0, "got 12345"),
        (Choice(("a", "b")), 3.0, "got 3"),
        (Boolean(), 1.0, "got 1"),
        (IntegerId(), 1.5, "got 1.5"),
        (Integer(), 1.5, "got 1.5"),
        (MapOf(Uuid(), Boolean()), {GUID: 0.0}, "got 0"),
    ],
)
def test_messages_quote_numbers_as_the_user_wrote_them(kind: Kind, value: Any, shown: str) -> None:
    # The engine sends every number as a float; `12345` written in the program must not read `12345.0`.
    with pytest.raises(InvalidValueError) as caught:
        kind.parse(value)
    message = str(caught.value)
    assert message.endswith(shown)
    assert "float" not in message


@pytest.mark.parametrize("value", ["#5c6bc0", "#ABC", "5c6bc0", "#5c6bc0ff", "red", "DarkRed", ""])
def test_colour_accepts_hex_codes_and_names(value: str) -> None:
    assert Colour().parse(value) == value


@pytest.mark.parametrize("value", ["dark red", "#12345", "#gggggg", "red\n", "rgb(0,0,0)", "#", 5])
def test_colour_refuses_what_the_api_calls_invalid(value: Any) -> None:
    with pytest.raises(InvalidValueError, match="a colour"):
        Colour().parse(value)


def test_an_unordered_list_refuses_an_item_repeated_under_another_spelling() -> None:
    with pytest.raises(InvalidValueError, match="twice") as caught:
        ListOf(Uuid(), ordered=False).parse([GUID, GUID.upper()])
    assert GUID.upper() in str(caught.value)
    # Order matters in an ordered list; repeating an item there can mean something.
    assert ListOf(Uuid()).parse([GUID, GUID.upper()]) == [GUID, GUID]


@pytest.mark.parametrize(
    ("kind", "value", "shown"),
    [
        (ListOf(Uuid()), 5.0, "got number 5"),
        (Redacted(Text(1, 3)), 12345.0, "got a value of type number"),
    ],
)
def test_main_kinds_name_numbers_as_numbers(kind: Kind, value: Any, shown: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        kind.parse(value)
    assert shown in str(caught.value)
    assert "float" not in str(caught.value)


@pytest.mark.parametrize(
    ("values", "path", "reason"),
    [
        # `str.isdigit` takes superscripts and other scripts' digits, which int() then refuses.
        ({"²": True}, '["²"]', "must be a flag's setting id or its key, got '²'"),
        (
            {
                "flag": {
                    "value": True,
                    "targeting_rules": [
                        {
                            "conditions": [
                                {"segment_condition": {"segment_id": 12345.0, "comparator": "isIn"}}
                            ],
                            "value": False,
                        }
                    ],
                }
            },
            '["flag"].targeting_rules[0].conditions[0].segment_condition.segment_id',
            "must be a UUID such as 08d86d63-2726-47cd-8bfc-59608ecb91e2, got 12345",
        ),
    ],
)
def test_rule_scalars_say_what_is_allowed_and_quote_numbers_as_written(
    values: dict[str, Any], path: str, reason: str
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        FlagValuesV2.parse(values)
    assert (path, reason) in caught.value.details
