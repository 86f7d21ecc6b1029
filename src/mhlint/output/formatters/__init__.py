"""Output formats, one module each. A formatter is ``render(report, ctx)``
returning the text to print (and may add ``stream(report, ctx, write)``,
which writes the same text in pieces); ``ctx`` holds what a format may need beyond the
report (the rule catalogue for SARIF, whether colour is on). Adding a format
is one module and one line in ``FORMATS``."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from mhlint.engine.report import Report


@dataclass(frozen=True)
class FormatContext:
    rules: Sequence[Any] = ()  # every known rule (YAML and internal), for SARIF's rule list
    color: bool = False
    root: str = "."  # where relative URIs start (SARIF's %SRCROOT%)
    statistics: bool = False
    quiet: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


# name -> module; imported only when chosen.
FORMATS = {
    "concise": "concise",
    "full": "full",
    "grouped": "grouped",
    "json": "json",
    "json-lines": "json_lines",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
}


def get(name: str) -> Callable[[Report, FormatContext], str]:
    module = importlib.import_module(f"mhlint.output.formatters.{FORMATS[name]}")
    return module.render


Writer = Callable[[str], Any]


def get_stream(name: str) -> Callable[[Report, FormatContext, Writer], None]:
    """The format as ``stream(report, ctx, write)``, which writes the text
    ``render`` returns in pieces (a format with a ``stream`` of its own never
    holds all of it at once; any other is rendered, then written)."""
    module = importlib.import_module(f"mhlint.output.formatters.{FORMATS[name]}")
    streamer = getattr(module, "stream", None)
    if streamer is not None:
        return streamer  # type: ignore[no-any-return]

    def whole(report: Report, ctx: FormatContext, write: Writer) -> None:
        write(module.render(report, ctx))

    return whole
