"""``glued-run``: consecutive lines whose first words are glued together.

When a web table is flattened, each row's cells lose the space between them
("Emotional ExpressionCrying in therapy ..."). One glued word can be a brand
name (YouTube) and is not enough; a run of such lines, each glued near its
start, is the signature of a flattened table or a collapsed list of labels.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from mhlint.checks import CheckType
from mhlint.diagnostic import Finding
from mhlint.text.document import Document, Line
from mhlint.checks.params import Context, Param

_TOKEN = re.compile(r"\S+")


class GluedRun(CheckType):
    name = "glued-run"
    placeholders = frozenset({"match", "run_start", "run_length"})
    params = {
        "glue": Param("regex", required=True, doc="where two words meet without a space (matched inside a token)"),
        "allow": Param("regex-list", default=[], doc="tokens that are glued on purpose (brand names, Mc/Mac names)", option=True),
        "min_lines": Param("int", default=3, option=True),
        "within_words": Param("int", default=6, doc="the glue must fall in the line's first N words", option=True),
    }

    def __init__(self, ctx: Context, config: dict[str, Any], raw: Any) -> None:
        super().__init__(ctx, config, raw)
        self.glue = config["glue"]
        self.allow = config["allow"]

    def glued(self, line: Line) -> bool:
        for n, token in enumerate(_TOKEN.finditer(line.text)):
            if n >= self.config["within_words"]:
                return False
            word = token.group()
            if self.glue.search(word) and not any(a.fullmatch(word.strip(".,;:!?()\"'")) for a in self.allow):
                return True
        return False

    def run(self, doc: Document) -> Iterable[Finding]:
        runs: list[list[Line]] = []
        for line in doc.lines:
            if not self.glued(line):
                continue
            if runs and line.number == runs[-1][-1].number + 1:
                runs[-1].append(line)
            else:
                runs.append([line])
        for run in runs:
            if len(run) >= self.config["min_lines"]:
                data = {"run_start": run[0].number + 1, "run_length": len(run)}
                for member in run:
                    yield Finding(member.start, member.end, data)
