"""Output formats, one module each. Every formatter takes the report and
returns the text to print, so adding SARIF or GitHub annotations later is one
more module and one more entry in ``FORMATS``."""

from __future__ import annotations

from typing import Callable

from mhlint.engine import Report
from mhlint.formatters import concise, json_format

FORMATS: dict[str, Callable[[Report], str]] = {
    "concise": concise.render,
    "json": json_format.render,
}
