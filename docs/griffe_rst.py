"""Griffe extension: the docstrings' reStructuredText bits in Markdown, for mkdocstrings.

The package's docstrings are Google style, as ``help()`` shows them, with reST inline literals (````x````) and
roles (``:class:`~pulumi_configcat.Config```). Rendered as Markdown they would show the backticks and roles
as written; this turns them into code spans, and ``Example::`` blocks into code blocks.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

import griffe


def _fenced(found: re.Match[str]) -> str:
    # Not "Example:": the Google-style parser would take that for a section and read the fence as its text.
    return f"**{found.group(1)}**\n\n```python\n{textwrap.dedent(found.group(2)).strip()}\n```\n\n"


def to_markdown(text: str) -> str:
    """``text`` with reST literals, roles and ``::`` literal blocks in Markdown."""
    text = re.sub(r"(?m)^(Example|Usage)::\n\n((?:[ \t]+.*\n|[ \t]*\n)+)", _fenced, text + "\n")
    text = re.sub(
        r":(?:class|func|meth|mod|attr|exc|data):`~?(?:pulumi_configcat\.(?:\w+\.)*)?([^`]+)`", r"`\1`", text
    )
    return re.sub(r"(?<!`)``([^`]+)``(?!`)", r"`\1`", text)


class RstToMarkdown(griffe.Extension):
    """Rewrites every docstring griffe loads."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Called for each object griffe loads or inspects."""
        del kwargs
        if obj.docstring is not None:
            obj.docstring.value = to_markdown(obj.docstring.value)
