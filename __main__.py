"""The program of the top-level Pulumi project (Pulumi.yaml): runs examples/quickstart.

Pulumi.yaml does not point `main:` at examples/quickstart/ because Pulumi's dynamic-provider plugin would then
look for the `virtualenv` (.venv) under examples/quickstart/ instead of beside Pulumi.yaml, where the program
itself finds it (pulumi/pulumi#7061): the program would run and every resource would fail.
"""

import runpy
from pathlib import Path

runpy.run_path(
    str(Path(__file__).resolve().parent / "examples" / "quickstart" / "__main__.py"), run_name="__main__"
)
