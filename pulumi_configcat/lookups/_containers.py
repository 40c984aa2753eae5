"""Lookups of organizations, products, configs and environments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi

from pulumi_configcat.api import configs as configs_api
from pulumi_configcat.api import environments as environments_api
from pulumi_configcat.api import organizations as organizations_api
from pulumi_configcat.api import products as products_api
from pulumi_configcat.lookups._common import client as _client
from pulumi_configcat.lookups._common import lift as _lift
from pulumi_configcat.lookups._common import matcher as _matcher
from pulumi_configcat.lookups._common import uuid_argument as _uuid_argument

__all__ = [
    "GetConfigurationsConfigResult",
    "GetConfigurationsResult",
    "GetEnvironmentsEnvironmentResult",
    "GetEnvironmentsResult",
    "GetOrganizationsOrganizationResult",
    "GetOrganizationsResult",
    "GetProductsProductResult",
    "GetProductsResult",
    "get_configurations",
    "get_configurations_output",
    "get_environments",
    "get_environments_output",
    "get_organizations",
    "get_organizations_output",
    "get_products",
    "get_products_output",
]


# -------------------------------------------------------------------------------------------- organizations


@dataclass(frozen=True)
class GetOrganizationsOrganizationResult:
    """One organization found by :func:`get_organizations`.

    Attributes:
        organization_id: The organization's UUID.
        name: Its name.

    Example::

        org = configcat.get_organizations().organizations[0]
        configcat.Product("shop", organization_id=org.organization_id)
    """

    organization_id: str
    name: str


@dataclass(frozen=True)
class GetOrganizationsResult:
    """What :func:`get_organizations` returns.

    Attributes:
        id: The lookup's id (always ``"organizations"``).
        name_filter_regex: The filter it was given.
        organizations: The organizations whose name matches, in the API's order.

    Example::

        ids = [org.organization_id for org in configcat.get_organizations().organizations]
    """

    id: str
    name_filter_regex: str | None
    organizations: Sequence[GetOrganizationsOrganizationResult]


def get_organizations(
    name_filter_regex: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> GetOrganizationsResult:
    """Lists the organizations the credentials belong to.

    Args:
        name_filter_regex: Keeps organizations whose name this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        The matching organizations.

    Raises:
        ValueError: ``name_filter_regex`` is not a valid regular expression.
        APIError: The API refused or could not be reached.

    Example::

        org_id = configcat.get_organizations(name_filter_regex="^Acme").organizations[0].organization_id
    """
    matches = _matcher("name_filter_regex", name_filter_regex)
    return GetOrganizationsResult(
        id="organizations",
        name_filter_regex=name_filter_regex,
        organizations=[
            GetOrganizationsOrganizationResult(organization_id=org.organization_id, name=org.name)
            for org in organizations_api.list_organizations(_client(opts))
            if matches(org.name)
        ],
    )


def get_organizations_output(
    name_filter_regex: pulumi.Input[str | None] = None, opts: pulumi.InvokeOptions | None = None
) -> pulumi.Output[GetOrganizationsResult]:
    """:func:`get_organizations` over Inputs, as an Output.

    Args:
        name_filter_regex: Keeps organizations whose name this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        An Output of the matching organizations.

    Example::

        org_id = configcat.get_organizations_output().organizations[0].organization_id
    """
    return _lift(get_organizations, name_filter_regex=name_filter_regex, opts=opts)


# ------------------------------------------------------------------------------------------------- products


@dataclass(frozen=True)
class GetProductsProductResult:
    """One product found by :func:`get_products`.

    Attributes:
        product_id: The product's UUID.
        name: Its name.
        description: Its description, if any.
        order: Its position in the dashboard.

    Example::

        shop = configcat.get_products(name_filter_regex="^Shop$").products[0]
    """

    product_id: str
    name: str
    description: str | None
    order: int


@dataclass(frozen=True)
class GetProductsResult:
    """What :func:`get_products` returns.

    Attributes:
        id: The lookup's id (always ``"products"``).
        name_filter_regex: The filter it was given.
        products: The products whose name matches, across the organizations the credentials see.

    Example::

        names = [p.name for p in configcat.get_products().products]
    """

    id: str
    name_filter_regex: str | None
    products: Sequence[GetProductsProductResult]


def get_products(
    name_filter_regex: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> GetProductsResult:
    """Lists the products the credentials can see.

    Args:
        name_filter_regex: Keeps products whose name this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        The matching products.

    Raises:
        ValueError: ``name_filter_regex`` is not a valid regular expression.
        APIError: The API refused or could not be reached.

    Example::

        product_id = configcat.get_products(name_filter_regex="^Shop$").products[0].product_id
    """
    matches = _matcher("name_filter_regex", name_filter_regex)
    return GetProductsResult(
        id="products",
        name_filter_regex=name_filter_regex,
        products=[
            GetProductsProductResult(
                product_id=p.product_id, name=p.name, description=p.description, order=p.order
            )
            for p in products_api.list_products(_client(opts))
            if matches(p.name)
        ],
    )


def get_products_output(
    name_filter_regex: pulumi.Input[str | None] = None, opts: pulumi.InvokeOptions | None = None
) -> pulumi.Output[GetProductsResult]:
    """:func:`get_products` over Inputs, as an Output.

    Args:
        name_filter_regex: Keeps products whose name this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        An Output of the matching products.

    Example::

        product_id = configcat.get_products_output(name_filter_regex="^Shop$").products[0].product_id
    """
    return _lift(get_products, name_filter_regex=name_filter_regex, opts=opts)


# -------------------------------------------------------------------------------------------------- configs


@dataclass(frozen=True)
class GetConfigurationsConfigResult:
    """One config found by :func:`get_configurations`.

    Attributes:
        config_id: The config's UUID.
        name: Its name.
        description: Its description, if any.
        order: Its position in the dashboard.
        evaluation_version: ``"v1"`` or ``"v2"``.

    Example::

        main = configcat.get_configurations(product_id, name_filter_regex="^Main$").configs[0]
    """

    config_id: str
    name: str
    description: str | None
    order: int
    evaluation_version: str


@dataclass(frozen=True)
class GetConfigurationsResult:
    """What :func:`get_configurations` returns.

    Attributes:
        id: The lookup's id (the product id).
        product_id: The product searched.
        name_filter_regex: The filter it was given.
        configs: The configs whose name matches, in dashboard order.

    Example::

        config_ids = [c.config_id for c in configcat.get_configurations(product_id).configs]
    """

    id: str
    product_id: str
    name_filter_regex: str | None
    configs: Sequence[GetConfigurationsConfigResult]


def get_configurations(
    product_id: str, name_filter_regex: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> GetConfigurationsResult:
    """Lists the configs of a product.

    Args:
        product_id: The product's UUID.
        name_filter_regex: Keeps configs whose name this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        The matching configs.

    Raises:
        ValueError: ``product_id`` is not a UUID (refused before any request).
        ValueError: ``name_filter_regex`` is not a valid regular expression.
        NotFoundError: No such product (or the credentials cannot see it).

    Example::

        config_id = configcat.get_configurations(product_id, name_filter_regex="^Main$").configs[0].config_id
    """
    _uuid_argument("get_configurations", "product_id", product_id)
    matches = _matcher("name_filter_regex", name_filter_regex)
    return GetConfigurationsResult(
        id=product_id,
        product_id=product_id,
        name_filter_regex=name_filter_regex,
        configs=[
            GetConfigurationsConfigResult(
                config_id=c.config_id,
                name=c.name,
                description=c.description,
                order=c.order,
                evaluation_version=c.evaluation_version,
            )
            for c in configs_api.list_configs(_client(opts), product_id)
            if matches(c.name)
        ],
    )


def get_configurations_output(
    product_id: pulumi.Input[str],
    name_filter_regex: pulumi.Input[str | None] = None,
    opts: pulumi.InvokeOptions | None = None,
) -> pulumi.Output[GetConfigurationsResult]:
    """:func:`get_configurations` over Inputs, as an Output.

    Args:
        product_id: The product's UUID (an Output of a Product, say).
        name_filter_regex: Keeps configs whose name this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        An Output of the matching configs.

    Example::

        configs = configcat.get_configurations_output(product_id=product.id).configs
    """
    return _lift(get_configurations, product_id=product_id, name_filter_regex=name_filter_regex, opts=opts)


# --------------------------------------------------------------------------------------------- environments


@dataclass(frozen=True)
class GetEnvironmentsEnvironmentResult:
    """One environment found by :func:`get_environments`.

    Attributes:
        environment_id: The environment's UUID.
        name: Its name.
        description: Its description, if any.
        color: Its dashboard color, if any.
        order: Its position in the dashboard.

    Example::

        prod = configcat.get_environments(product_id, name_filter_regex="^Production$").environments[0]
    """

    environment_id: str
    name: str
    description: str | None
    color: str | None
    order: int


@dataclass(frozen=True)
class GetEnvironmentsResult:
    """What :func:`get_environments` returns.

    Attributes:
        id: The lookup's id (the product id).
        product_id: The product searched.
        name_filter_regex: The filter it was given.
        environments: The environments whose name matches, in dashboard order.

    Example::

        by_name = {e.name: e.environment_id for e in configcat.get_environments(product_id).environments}
    """

    id: str
    product_id: str
    name_filter_regex: str | None
    environments: Sequence[GetEnvironmentsEnvironmentResult]


def get_environments(
    product_id: str, name_filter_regex: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> GetEnvironmentsResult:
    """Lists the environments of a product.

    Args:
        product_id: The product's UUID.
        name_filter_regex: Keeps environments whose name this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        The matching environments.

    Raises:
        ValueError: ``product_id`` is not a UUID (refused before any request).
        ValueError: ``name_filter_regex`` is not a valid regular expression.
        NotFoundError: No such product (or the credentials cannot see it).

    Example::

        prod_id = configcat.get_environments(product_id, "^Production$").environments[0].environment_id
    """
    _uuid_argument("get_environments", "product_id", product_id)
    matches = _matcher("name_filter_regex", name_filter_regex)
    return GetEnvironmentsResult(
        id=product_id,
        product_id=product_id,
        name_filter_regex=name_filter_regex,
        environments=[
            GetEnvironmentsEnvironmentResult(
                environment_id=e.environment_id,
                name=e.name,
                description=e.description,
                color=e.color,
                order=e.order,
            )
            for e in environments_api.list_environments(_client(opts), product_id)
            if matches(e.name)
        ],
    )


def get_environments_output(
    product_id: pulumi.Input[str],
    name_filter_regex: pulumi.Input[str | None] = None,
    opts: pulumi.InvokeOptions | None = None,
) -> pulumi.Output[GetEnvironmentsResult]:
    """:func:`get_environments` over Inputs, as an Output.

    Args:
        product_id: The product's UUID (an Output of a Product, say).
        name_filter_regex: Keeps environments whose name this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        An Output of the matching environments.

    Example::

        envs = configcat.get_environments_output(product_id=product.id).environments
    """
    return _lift(get_environments, product_id=product_id, name_filter_regex=name_filter_regex, opts=opts)
