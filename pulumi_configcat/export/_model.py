"""What ``export`` found, as plain declarations: the seam between reading the API and writing code.

The reader fills these in from the API; the writer turns them into a program and knows nothing of the API.
Input values are JSON-like (``None``, bools, numbers, strings, lists, dicts with string keys) with two kinds
of leaves besides: :class:`Ref`, another declaration's output (a dict key may be one too), and
:class:`Secret`, a value the program reads from stack configuration.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Constant", "Declaration", "ProductExport", "Program", "Ref", "Secret", "secrets_of"]


@dataclass(frozen=True)
class Ref:
    """An output of another declared resource, written as a variable rather than a literal id.

    Attributes:
        target: The ``key`` of the declaration referred to.
        variation: For a predefined variation's id: its position in the flag's ``predefined_variations``.

    Example::

        Ref("segment:08df5039-e14f-47a0-9242-e4439558867f")  # written as ``staff_segment.id``
    """

    target: str
    variation: int | None = None


@dataclass(frozen=True)
class Secret:
    """A value the API never returns, read from a stack configuration secret.

    Attributes:
        config_key: The configuration key (``pulumi config set --secret <config_key> ...``).
        purpose: What the value is, for the comment that lists the commands.
        template: How the secret becomes the value: ``{}`` stands for the secret (``"Bearer {}"``).

    Example::

        Secret("webhook3100Authorization", "secure header 'Authorization' of webhook 3100")
    """

    config_key: str
    purpose: str
    template: str = "{}"


@dataclass(frozen=True)
class Constant:
    """A name the program defines before its resources (:attr:`Program.constants`), written as that name.

    Attributes:
        name: The name (``"organization_id"``).

    Example::

        Declaration(..., inputs={"organization_id": Constant("organization_id"), "name": "Shop"})
    """

    name: str


@dataclass(frozen=True)
class Declaration:
    """One resource of the program.

    Attributes:
        key: A unique handle that :class:`Ref` targets (the entity's kind and id).
        class_name: The resource class in ``pulumi_configcat`` (``"SettingValueV2"``).
        name_hint: Words the writer builds the variable and resource names from.
        import_id: The id ``ResourceOptions(import_=...)`` adopts.
        inputs: Keyword arguments, in the order they are written.
        comment: A line written above the declaration, if any.
        depends_on: Keys of declarations this one must be created after and deleted before, beyond what
            its inputs refer to (a flag after the flags its values have as prerequisites).

    Example::

        Declaration(
            key="tag:51000",
            class_name="Tag",
            name_hint="beta tag",
            import_id="51000",
            inputs={"product_id": Ref("product:08df5039-..."), "name": "beta", "color": "salmon"},
        )
    """

    key: str
    class_name: str
    name_hint: str
    import_id: str
    inputs: dict[str, Any]
    comment: str | None = None
    depends_on: tuple[str, ...] = ()


@dataclass
class ProductExport:
    """A whole product as declarations, in an order in which every reference points backwards.

    Attributes:
        product_id: The exported product's id.
        product_name: Its name.
        organization_id: The organization it belongs to (outside the program, so a literal).
        declarations: The resources.

    Example::

        export = read_product(client, product_id)
        print(len(export.declarations), [secret.config_key for secret in export.secrets()])
    """

    product_id: str
    product_name: str
    organization_id: str
    declarations: list[Declaration] = field(default_factory=list)

    def secrets(self) -> list[Secret]:
        """Every secret the declarations read, in order of appearance."""
        return secrets_of(self.declarations)


@dataclass
class Program:
    """Any set of declarations as one program: several products, organization-level entities, or both.

    :class:`ProductExport` is the case of one whole product; a program made from something else (a
    Terraform state) states its opening comment and constants itself.

    Attributes:
        summary: The opening comment's lines (without ``#``): what the program declares and where from.
        declarations: The resources, in an order in which every reference points backwards.
        constants: Names defined before the resources, with their string values (``organization_id``);
            inputs refer to them with :class:`Constant`.
        secrets_note: The comment's lines above the ``pulumi config set --secret`` commands, when the
            declarations read secrets.

    Example::

        program = Program(["ConfigCat entities of terraform.tfstate."], declarations)
        source = write_program(program)
    """

    summary: list[str]
    declarations: list[Declaration] = field(default_factory=list)
    constants: dict[str, str] = field(default_factory=dict)
    secrets_note: list[str] = field(default_factory=list)

    def secrets(self) -> list[Secret]:
        """Every secret the declarations read, in order of appearance."""
        return secrets_of(self.declarations)


def secrets_of(declarations: list[Declaration]) -> list[Secret]:
    """Every secret the declarations' inputs read, in order of appearance.

    Args:
        declarations: The declarations.

    Returns:
        The secrets, each as often as it is read.

    Example::

        keys = [secret.config_key for secret in secrets_of(program.declarations)]
    """
    found: list[Secret] = []

    def walk(value: Any) -> None:
        if isinstance(value, Secret):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for declaration in declarations:
        walk(declaration.inputs)
    return found
