"""Check types: the code behind rules. A rule (YAML) names one check type and
gives its parameters; the check type compiles them once and yields Findings.

Adding a check type is one small module with a ``CheckType`` subclass listed
in ``REGISTRY`` below; a check type whose rules share work (one matcher for
all of them) also gives a ``CheckGroup``. ``needs`` tells the engine what heavy analysis to run
(``sentences``: the Document is built with its sentences; ``tokens``: the
check may parse some of them with spaCy); everything else reads the Document.
"""

from __future__ import annotations

import importlib
from typing import Any, ClassVar, Iterable, Sequence

from mhlint.diagnostic import Finding
from mhlint.text.document import Document
from mhlint.checks.params import Context, Param


class CheckGroup:
    """Every rule of one check type in a rule set, compiled together once, so a
    document is scanned once per check type rather than once per rule (one
    spaCy Matcher for all token patterns, say). The default runs each check in
    turn; a check type with a cheaper shared pass sets ``group_class``."""

    def __init__(self, checks: Sequence["CheckType"]) -> None:
        self.checks = list(checks)

    def run(self, doc: Document) -> list[list[Finding]]:
        """Findings of each check, in the order of ``checks``."""
        return [list(check.run(doc)) for check in self.checks]


class CheckType:
    name: ClassVar[str] = ""
    group_class: ClassVar[type[CheckGroup]] = CheckGroup
    needs: ClassVar[frozenset[str]] = frozenset()
    params: ClassVar[dict[str, Param]] = {}
    placeholders: ClassVar[frozenset[str]] = frozenset({"match"})
    # False for check types that report whole documents: nothing to edit.
    fixable: ClassVar[bool] = True

    def __init__(self, ctx: Context, config: dict[str, Any], raw: Any) -> None:
        """``config`` is validated against ``params``; ``raw`` keeps line marks
        for errors a check raises while compiling its own structures."""
        self.config = config
        self.raw = raw

    @classmethod
    def options(cls) -> dict[str, Param]:
        """The parameters a user may override per rule in the configuration."""
        return {k: p for k, p in cls.params.items() if p.option}

    def run(self, doc: Document) -> Iterable[Finding]:  # pragma: no cover - interface
        raise NotImplementedError


# name -> "module:Class"; modules are imported only when a rule uses them.
REGISTRY = {
    "line-pattern": "mhlint.checks.line_pattern:LinePattern",
    "line-shape": "mhlint.checks.line_shape:LineShape",
    "glued-run": "mhlint.checks.glued_run:GluedRun",
    "widget-region": "mhlint.checks.widget_region:WidgetRegion",
    "page-head": "mhlint.checks.page_head:PageHead",
    "duplicate-block": "mhlint.checks.duplicate:DuplicateBlock",
    "claim-source": "mhlint.checks.claim_source:ClaimSource",
    "token-pattern": "mhlint.checks.token_pattern:TokenPattern",
    "phrase": "mhlint.checks.phrase:Phrase",
    "required": "mhlint.checks.required:Required",
    "readability": "mhlint.checks.readability:Readability",
    "figure-consistency": "mhlint.checks.consistency:FigureConsistency",
}


def get(name: str) -> type[CheckType] | None:
    target = REGISTRY.get(name)
    if target is None:
        return None
    module, _, cls = target.partition(":")
    return getattr(importlib.import_module(module), cls)
