"""The writer on its own: names that are awkward in Python, quotes, long values; ruff-clean output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pulumi_configcat.export import Declaration, ProductExport, Ref, Secret, write_program

RUFF = Path(sys.executable).parent / "ruff"
PRODUCT = "0f6c0d6e-0000-4000-8000-000000000001"
ORG = "0f6c0d6e-0000-4000-8000-000000000000"


def awkward() -> ProductExport:
    product = Declaration(
        key="product:p",
        class_name="Product",
        name_hint="Shop \"Ünï\" 'x'\nnext line",
        import_id=PRODUCT,
        inputs={"organization_id": ORG, "name": "Shop \"Ünï\" 'x'\nnext line"},
    )
    declarations = [product]
    for index, hint in enumerate(["config", "import", "organizationId", "2024 release", "日本語", "日本語"]):
        declarations.append(
            Declaration(
                key=f"setting:{index}",
                class_name="Setting",
                name_hint=hint,
                import_id=str(240000 + index),
                inputs={"config_id": Ref("product:p"), "key": f"k{index}", "name": hint},
            )
        )
    declarations.append(
        Declaration(
            key="value:x",
            class_name="SettingValueV2",
            name_hint="import production",
            import_id=f"{PRODUCT}:240001",
            inputs={
                "environment_id": Ref("product:p"),
                "setting_id": Ref("setting:1"),
                "value": {"predefined_variation_id": Ref("setting:1", variation=12)},
                "targeting_rules": [
                    {
                        "conditions": [
                            {
                                "user_condition": {
                                    "comparison_attribute": "Email",
                                    "comparator": "isOneOf",
                                    "comparison_value": ["a" * 120, 'say "hi"', "it's"],
                                }
                            }
                        ],
                        "value": {"predefined_variation_id": Ref("setting:2", variation=0)},
                    }
                ],
            },
        )
    )
    declarations.append(
        Declaration(
            key="webhook:1",
            class_name="Webhook",
            name_hint="hook",
            import_id="1",
            inputs={
                "url": "https://example.com/" + "x" * 100,
                "secure_webhook_headers": [
                    {"key": "Authorization", "value": Secret("hookAuthorization", "a 'token'", "Bearer {}")}
                ],
            },
            comment="called on every change",
        )
    )
    return ProductExport(PRODUCT, 'Shop "Ünï"', ORG, declarations)


def test_awkward_names_give_valid_distinct_python_names_and_ruff_clean_code(tmp_path: Path) -> None:
    source = write_program(awkward())
    compile(source, "<export>", "exec")
    path = tmp_path / "__main__.py"
    path.write_text(source, encoding="utf-8")
    formatted = subprocess.run(
        [str(RUFF), "format", "--isolated", "--diff", str(path)], capture_output=True, text=True, check=False
    )
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    # Keywords and the program's own names are never shadowed; equal hints get distinct names.
    assert "\nimport_ = configcat.Setting(" in source
    assert "\norganization_id_2 = configcat.Setting(" in source
    assert "\nsetting_2024_release = configcat.Setting(" not in source  # not referenced: no variable
    assert '    "resource",\n' in source
    assert '    "resource-2",\n' in source
    assert 'config.require_secret("hookAuthorization").apply(' in source
    assert "# called on every change\n" in source


def test_the_secret_template_and_variation_references_evaluate(tmp_path: Path) -> None:
    source = write_program(awkward())
    assert '"Bearer {}".format(secret)' in source
    assert 'variations[12]["predefined_variation_id"]' in source
