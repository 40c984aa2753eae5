"""The input kinds: what each accepts and normalizes, what it refuses, and how ``diff`` compares."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.output import UNKNOWN

from pulumi_configcat.resources import _props
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
    Url,
    Uuid,
    contains_unknown,
    is_unknown,
    normalize_id,
)
from pulumi_configcat.resources.flags._rules import (
    FlagValuesV2,
)

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


# --- Issue 22: behaviours mutation testing found unpinned ---------------------------------------------------

OTHER_GUID = "08d86d63-2731-4b8b-823a-56ddda9da038"
URL_RULE = "an http(s) URL with a host, such as 'https://ci.example.com/hook'"


@pytest.mark.parametrize(
    "url",
    [
        "https://ci.example.com/hook",
        "http://ci.example.com/hook",
        "HTTPS://ci.example.com/hook",
        "http://localhost:8080/hook?a=1&b=2",
        "https://ci.example.com:443/hook",
        "https://[::1]:8443/hook",
    ],
)
def test_url_accepts_http_and_https_with_a_host(url: str) -> None:
    assert Url().parse(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "ftp://ci.example.com/hook",
        "ci.example.com/hook",
        "https://",
        "https:///hook",
        "https://ci.example.com/a hook",
        " https://ci.example.com/hook",
        "https://ci.example.com/hook\n",
        "https://ci.example.com/\x7f",
        "https://ci.example.com:80x/hook",
        "https://ci.example.com:99999/hook",
        "http://[::1/hook",
    ],
)
def test_url_refuses_what_the_api_calls_invalid(url: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Url().parse(url)
    assert str(caught.value) == f"must be {URL_RULE} (a string), got {url!r}"


def test_url_keeps_the_length_limits_of_text() -> None:
    assert Url(max_length=30).parse("https://ci.example.com/hook") == "https://ci.example.com/hook"
    with pytest.raises(InvalidValueError) as caught:
        Url(max_length=20).parse("https://ci.example.com/hook")
    assert str(caught.value) == f"must be {URL_RULE} (a string of 0 to 20 characters), got 27 characters"
    with pytest.raises(InvalidValueError) as not_text:
        Url().parse(5)
    assert str(not_text.value) == f"must be {URL_RULE} (a string), got number 5"


COLOUR_RULE = (
    "a colour: a hex code of 3, 6 or 8 digits such as '#5c6bc0' ('#' optional), or an HTML colour name such "
    "as 'red' (the API answers 'Invalid color.' to anything else)"
)


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        ("abc", True),
        ("ABCDEF", True),
        ("#abcdef12", True),
        ("a" * 255, True),
        ("#abcd", False),
        ("#abcdef1", False),
        ("#abcdef123", False),
        ("##abc", False),
        ("red1", False),
        ("#red", False),
    ],
)
def test_colour_codes_and_names(value: str, accepted: bool) -> None:
    if accepted:
        assert Colour().parse(value) == value
        return
    with pytest.raises(InvalidValueError) as caught:
        Colour().parse(value)
    assert str(caught.value) == f"must be {COLOUR_RULE}, got {value!r}"


def test_a_colour_too_long_is_refused_for_its_length() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Colour().parse("a" * 256)
    assert str(caught.value) == "must be a string of 0 to 255 characters, got 256 characters"


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        (Text(), 5, "must be a string, got number 5"),
        (Text(min_length=2), "a", "must be a string of at least 2 characters, got 1 characters"),
        (Text(0, 5), True, "must be a string of 0 to 5 characters, got bool True"),
        (Text(pattern="[a-z]+"), "aBc", "must match [a-z]+ (the API's rule), got 'aBc'"),
        (Integer(0, 10), 11, "must be an integer from 0 to 10, got 11"),
        (Integer(0, 10), -1, "must be an integer from 0 to 10, got -1"),
        (IntegerId(), "12a", "must be an integer id (an int or a string of digits), got '12a'"),
        (IntegerId(), True, "must be an integer id (an int or a string of digits), got True"),
        (Choice(("a",)), float(2**53), "must be one of 'a', got 9007199254740992.0"),
        (Choice(("a",)), float(2**53 - 2), "must be one of 'a', got 9007199254740990"),
        (
            ListOf(Uuid()),
            "x",
            "must be a list of a UUID such as 08d86d63-2726-47cd-8bfc-59608ecb91e2, got str 'x'",
        ),
        (
            MapOf(Uuid(), Boolean()),
            ["x"],
            "must be a mapping of a UUID such as 08d86d63-2726-47cd-8bfc-59608ecb91e2 to true or false, "
            "got list ['x']",
        ),
    ],
)
def test_refusals_say_exactly_what_is_allowed_and_what_came(kind: Kind, value: Any, message: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        kind.parse(value)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (Text(1, 5), "abcde"),
        (Text(1, 5), "a"),
        (Text(pattern="[a-z]+"), "abc"),
        (Integer(0, 10), 10),
        (Integer(0, 10), 0),
        (Integer(), 2**31 - 1),
        (Redacted(Text(1, 3)), "abc"),
    ],
)
def test_the_boundaries_are_accepted(kind: Kind, value: Any) -> None:
    assert kind.parse(value) == value


@pytest.mark.parametrize(
    ("id_", "expected"),
    [
        (GUID.upper(), GUID),
        (f"{GUID.upper()}:{OTHER_GUID.upper()}", f"{GUID}:{OTHER_GUID}"),
        (f"{GUID.upper()}:42", f"{GUID}:42"),
        ("42", "42"),
        # Part of a longer token is not an id of its own.
        (f"X{GUID.upper()}", f"X{GUID.upper()}"),
        (f"{GUID.upper()}0", f"{GUID.upper()}0"),
        (f"-{GUID.upper()}", f"-{GUID.upper()}"),
    ],
)
def test_normalize_id_lowers_every_uuid_in_a_composite_id(id_: str, expected: str) -> None:
    assert normalize_id(id_) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (UNKNOWN, True),
        ({"a": UNKNOWN}, True),
        ({"a": [1, {"b": UNKNOWN}]}, True),
        ([1, UNKNOWN], True),
        ((UNKNOWN,), True),
        ({"a": 1}, False),
        ([1, [2]], False),
        ("x", False),
        (None, False),
    ],
)
def test_contains_unknown_looks_inside_mappings_and_lists(value: Any, expected: bool) -> None:
    assert contains_unknown(value) is expected


def test_list_items_after_an_unknown_item_are_kept_and_parsed() -> None:
    # At preview, one item may come from a resource not created yet; the others are still checked.
    parsed = ListOf(Uuid()).parse([UNKNOWN, GUID.upper(), OTHER_GUID])
    assert parsed[0] is UNKNOWN
    assert parsed[1:] == [GUID, OTHER_GUID]
    with pytest.raises(InvalidValueError) as caught:
        ListOf(Uuid()).parse([UNKNOWN, "x"])
    assert caught.value.details == [
        ("[1]", "must be a UUID such as 08d86d63-2726-47cd-8bfc-59608ecb91e2, got 'x'")
    ]


def test_a_refused_list_item_is_named_by_its_index() -> None:
    with pytest.raises(InvalidValueError) as caught:
        ListOf(IntegerId()).parse([7, "x"])
    reason = "must be an integer id (an int or a string of digits), got 'x'"
    assert str(caught.value) == f"[1] {reason}"
    assert caught.value.details == [("[1]", reason)]


def test_an_item_repeated_under_another_spelling_names_both_spellings() -> None:
    with pytest.raises(InvalidValueError) as caught:
        ListOf(Uuid(), ordered=False).parse([OTHER_GUID, GUID, GUID.upper()])
    reason = f"has '{GUID}' twice, as '{GUID}' and '{GUID.upper()}'; list each once"
    assert str(caught.value) == f"[2] {reason}"
    assert caught.value.details == [("[2]", reason)]


def test_a_key_repeated_under_another_spelling_names_both_spellings() -> None:
    with pytest.raises(InvalidValueError) as caught:
        MapOf(Uuid(), Boolean()).parse({GUID: True, GUID.upper(): False})
    assert str(caught.value) == (
        f"has the key '{GUID}' twice, as '{GUID}' and '{GUID.upper()}'; "
        "ids are the same whatever their case, so list each once"
    )


@pytest.mark.parametrize(
    ("kind", "declared", "stored"),
    [
        # The engine sends the program's 7 as 7.0; state may hold "7".
        (IntegerId(), 7, "7"),
        (IntegerId(), 7.0, "007"),
        (Redacted(IntegerId()), 7, "7"),
        (Uuid(), GUID.upper(), GUID),
        (ListOf(IntegerId()), [7, 8.0], ["7", "8"]),
        (ListOf(IntegerId(), ordered=False), [8, 7, "7"], ["7", "8"]),
        (ListOf(Uuid(), ordered=False), [OTHER_GUID, GUID.upper()], [GUID, OTHER_GUID]),
        (MapOf(IntegerId(), Boolean()), {7: True}, {"7": True}),
    ],
)
def test_diff_compares_parsed_values(kind: Kind, declared: Any, stored: Any) -> None:
    assert kind.comparable(declared) == kind.comparable(stored)


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        (IntegerId(), 7, "7"),
        (Redacted(IntegerId()), 7.0, "7"),
        (Uuid(), 12, 12),
        (Uuid(), None, None),
        (ListOf(IntegerId()), "not a list", "not a list"),
        (ListOf(IntegerId()), [8, 7], ["8", "7"]),
        # An item that does not parse is compared as it is; a set with one still sorts.
        (ListOf(Uuid(), ordered=False), [GUID, 12, GUID.upper()], [GUID, 12]),
        (ListOf(IntegerId(), ordered=False), ["x", 10, 9], ["10", "9", "x"]),
    ],
)
def test_comparable_forms(kind: Kind, value: Any, expected: Any) -> None:
    assert kind.comparable(value) == expected


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        # A set's one order: integer ids as numbers (a lexical order would put "10" before "9", and a
        # program's ids across a power of ten in another order than its ids below it).
        (ListOf(IntegerId(), ordered=False), ["100", "9", "10"], ["9", "10", "100"]),
        (ListOf(Uuid(), ordered=False), [OTHER_GUID, GUID], [GUID, OTHER_GUID]),
        # Integer ids before other text, each in its own order.
        (ListOf(Text(0, 10), ordered=False), ["b", "10", "a", "9"], ["9", "10", "a", "b"]),
        # A list whose order means something keeps it; so do one still unknown and a value not a list.
        (ListOf(IntegerId()), ["10", "9"], ["10", "9"]),
        (ListOf(IntegerId(), ordered=False), [UNKNOWN, "10"], [UNKNOWN, "10"]),
        (ListOf(IntegerId(), ordered=False), "not a list", "not a list"),
    ],
)
def test_a_set_is_kept_in_one_order(kind: Kind, value: Any, expected: Any) -> None:
    assert kind.canonical(value) == expected


def test_a_prop_compares_its_declared_and_stored_forms_alike() -> None:
    prop = Prop("tag_ids", ListOf(IntegerId(), ordered=False), default=[])
    assert prop.comparable([7.0, 8.0]) == prop.comparable(["8", "7"])
    assert prop.comparable(None) == prop.comparable([])
    assert prop.comparable([7]) != prop.comparable([])


def test_the_patterns_the_kinds_rely_on() -> None:
    # Regular expressions are not mutated by mutation testing, so pinned here.
    assert _props._UUID.pattern == (
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    )
    assert _props._COLOUR.pattern == r"#?(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|[a-zA-Z]+"
    assert _props._INT32 == (-2147483648, 2147483647)
