"""Reporters: each turns one Report into text of one format, and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model pulls in the rules; the CLI needs FORMATS before Compose starts
    from pearlnet.report.model import Report

Renderer = Callable[["Report", bool], str]


def renderer(name: str) -> Renderer:
    """The renderer of a format, imported only when used."""
    if name == "text":
        from pearlnet.report.text import render
    elif name == "json":
        from pearlnet.report.json_format import render
    elif name == "sarif":
        from pearlnet.report.sarif import render
    elif name == "junit":
        from pearlnet.report.junit import render
    elif name == "github":
        from pearlnet.report.github import render
    else:
        raise KeyError(name)
    return render


FORMATS = ("text", "json", "sarif", "junit", "github")
