"""Lookups of a config's settings and of a product's segments and tags."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi

from pulumi_configcat.api import segments as segments_api
from pulumi_configcat.api import settings as settings_api
from pulumi_configcat.api import tags as tags_api
from pulumi_configcat.lookups._common import client as _client
from pulumi_configcat.lookups._common import lift as _lift
from pulumi_configcat.lookups._common import matcher as _matcher
from pulumi_configcat.lookups._common import uuid_argument as _uuid_argument

__all__ = [
    "GetSegmentsResult",
    "GetSegmentsSegmentResult",
    "GetSettingsResult",
    "GetSettingsSettingResult",
    "GetTagsResult",
    "GetTagsTagResult",
    "get_segments",
    "get_segments_output",
    "get_settings",
    "get_settings_output",
    "get_tags",
    "get_tags_output",
]


# ------------------------------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class GetSettingsSettingResult:
    """One feature flag or setting found by :func:`get_settings`.

    Attributes:
        setting_id: The setting's id, as a string (as pulumiverse has it).
        key: The key SDKs evaluate it by.
        name: Its name.
        hint: Its hint, if any.
        order: Its position in the dashboard.
        setting_type: ``"boolean"``, ``"string"``, ``"int"`` or ``"double"``.

    Example::

        flag = configcat.get_settings(config_id, key_filter_regex="^isAwesome").settings[0]
    """

    setting_id: str
    key: str
    name: str
    hint: str | None
    order: int
    setting_type: str


@dataclass(frozen=True)
class GetSettingsResult:
    """What :func:`get_settings` returns.

    Attributes:
        id: The lookup's id (the config id).
        config_id: The config searched.
        key_filter_regex: The filter it was given.
        settings: The settings whose key matches, in the API's order.

    Example::

        keys = [s.key for s in configcat.get_settings(config_id).settings]
    """

    id: str
    config_id: str
    key_filter_regex: str | None
    settings: Sequence[GetSettingsSettingResult]


def get_settings(
    config_id: str, key_filter_regex: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> GetSettingsResult:
    """Lists the feature flags and settings of a config.

    Args:
        config_id: The config's UUID.
        key_filter_regex: Keeps settings whose key (not name) this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        The matching settings.

    Raises:
        ValueError: ``config_id`` is not a UUID (refused before any request).
        ValueError: ``key_filter_regex`` is not a valid regular expression.
        NotFoundError: No such config (or the credentials cannot see it).

    Example::

        setting_id = configcat.get_settings(config_id, "^isAwesomeFeatureEnabled$").settings[0].setting_id
    """
    _uuid_argument("get_settings", "config_id", config_id)
    matches = _matcher("key_filter_regex", key_filter_regex)
    return GetSettingsResult(
        id=config_id,
        config_id=config_id,
        key_filter_regex=key_filter_regex,
        settings=[
            GetSettingsSettingResult(
                setting_id=str(s.setting_id),
                key=s.key,
                name=s.name,
                hint=s.hint,
                order=s.order,
                setting_type=s.setting_type,
            )
            for s in settings_api.list_settings(_client(opts), config_id)
            if matches(s.key)
        ],
    )


def get_settings_output(
    config_id: pulumi.Input[str],
    key_filter_regex: pulumi.Input[str | None] = None,
    opts: pulumi.InvokeOptions | None = None,
) -> pulumi.Output[GetSettingsResult]:
    """:func:`get_settings` over Inputs, as an Output.

    Args:
        config_id: The config's UUID (an Output of a Config, say).
        key_filter_regex: Keeps settings whose key this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        An Output of the matching settings.

    Example::

        settings = configcat.get_settings_output(config_id=config.id).settings
    """
    return _lift(get_settings, config_id=config_id, key_filter_regex=key_filter_regex, opts=opts)


# ------------------------------------------------------------------------------------------------- segments


@dataclass(frozen=True)
class GetSegmentsSegmentResult:
    """One segment found by :func:`get_segments`.

    Attributes:
        segment_id: The segment's UUID.
        name: Its name.
        description: Its description, if any.

    Example::

        beta = configcat.get_segments(product_id, name_filter_regex="^Beta users$").segments[0]
    """

    segment_id: str
    name: str
    description: str | None


@dataclass(frozen=True)
class GetSegmentsResult:
    """What :func:`get_segments` returns.

    Attributes:
        id: The lookup's id (the product id).
        product_id: The product searched.
        name_filter_regex: The filter it was given.
        segments: The segments whose name matches.

    Example::

        segment_ids = [s.segment_id for s in configcat.get_segments(product_id).segments]
    """

    id: str
    product_id: str
    name_filter_regex: str | None
    segments: Sequence[GetSegmentsSegmentResult]


def get_segments(
    product_id: str, name_filter_regex: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> GetSegmentsResult:
    """Lists the segments of a product.

    Args:
        product_id: The product's UUID.
        name_filter_regex: Keeps segments whose name this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        The matching segments.

    Raises:
        ValueError: ``product_id`` is not a UUID (refused before any request).
        ValueError: ``name_filter_regex`` is not a valid regular expression.
        NotFoundError: No such product (or the credentials cannot see it).

    Example::

        segment_id = configcat.get_segments(product_id, "^Beta users$").segments[0].segment_id
    """
    _uuid_argument("get_segments", "product_id", product_id)
    matches = _matcher("name_filter_regex", name_filter_regex)
    return GetSegmentsResult(
        id=product_id,
        product_id=product_id,
        name_filter_regex=name_filter_regex,
        segments=[
            GetSegmentsSegmentResult(segment_id=s.segment_id, name=s.name, description=s.description)
            for s in segments_api.list_segments(_client(opts), product_id)
            if matches(s.name)
        ],
    )


def get_segments_output(
    product_id: pulumi.Input[str],
    name_filter_regex: pulumi.Input[str | None] = None,
    opts: pulumi.InvokeOptions | None = None,
) -> pulumi.Output[GetSegmentsResult]:
    """:func:`get_segments` over Inputs, as an Output.

    Args:
        product_id: The product's UUID (an Output of a Product, say).
        name_filter_regex: Keeps segments whose name this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        An Output of the matching segments.

    Example::

        segments = configcat.get_segments_output(product_id=product.id).segments
    """
    return _lift(get_segments, product_id=product_id, name_filter_regex=name_filter_regex, opts=opts)


# ----------------------------------------------------------------------------------------------------- tags


@dataclass(frozen=True)
class GetTagsTagResult:
    """One tag found by :func:`get_tags`.

    Attributes:
        tag_id: The tag's id, as a string (as pulumiverse has it).
        name: Its name.
        color: Its dashboard color, if any.

    Example::

        beta = configcat.get_tags(product_id, name_filter_regex="^beta$").tags[0]
    """

    tag_id: str
    name: str
    color: str | None


@dataclass(frozen=True)
class GetTagsResult:
    """What :func:`get_tags` returns.

    Attributes:
        id: The lookup's id (the product id).
        product_id: The product searched.
        name_filter_regex: The filter it was given.
        tags: The tags whose name matches.

    Example::

        tag_ids = {t.name: t.tag_id for t in configcat.get_tags(product_id).tags}
    """

    id: str
    product_id: str
    name_filter_regex: str | None
    tags: Sequence[GetTagsTagResult]


def get_tags(
    product_id: str, name_filter_regex: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> GetTagsResult:
    """Lists the tags of a product.

    Args:
        product_id: The product's UUID.
        name_filter_regex: Keeps tags whose name this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        The matching tags.

    Raises:
        ValueError: ``product_id`` is not a UUID (refused before any request).
        ValueError: ``name_filter_regex`` is not a valid regular expression.
        NotFoundError: No such product (or the credentials cannot see it).

    Example::

        tag_id = configcat.get_tags(product_id, "^beta$").tags[0].tag_id
    """
    _uuid_argument("get_tags", "product_id", product_id)
    matches = _matcher("name_filter_regex", name_filter_regex)
    return GetTagsResult(
        id=product_id,
        product_id=product_id,
        name_filter_regex=name_filter_regex,
        tags=[
            GetTagsTagResult(tag_id=str(t.tag_id), name=t.name, color=t.color)
            for t in tags_api.list_tags(_client(opts), product_id)
            if matches(t.name)
        ],
    )


def get_tags_output(
    product_id: pulumi.Input[str],
    name_filter_regex: pulumi.Input[str | None] = None,
    opts: pulumi.InvokeOptions | None = None,
) -> pulumi.Output[GetTagsResult]:
    """:func:`get_tags` over Inputs, as an Output.

    Args:
        product_id: The product's UUID (an Output of a Product, say).
        name_filter_regex: Keeps tags whose name this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        An Output of the matching tags.

    Example::

        tags = configcat.get_tags_output(product_id=product.id).tags
    """
    return _lift(get_tags, product_id=product_id, name_filter_regex=name_filter_regex, opts=opts)
