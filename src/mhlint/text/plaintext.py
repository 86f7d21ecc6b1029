"""Plain text (``.txt``): blocks are runs of non-blank lines.

Scraped text usually holds one paragraph per line, so each line break inside a
block ends an NLP segment unless the next line starts in lower case (a
hard-wrapped sentence going on).
"""

from __future__ import annotations

from mhlint.text import directives
from mhlint.text.frontmatter import FrontMatter
from mhlint.text.model import Block, Structure
from mhlint.text.source import SourceFile
from mhlint.text.view import blank, find_urls, normalise


def build(source: SourceFile, fm: FrontMatter | None) -> Structure:
    """Blank-line paragraphs. Directive comments are blanked in the view, so a
    directive on its own line is an empty line to every rule."""
    text, index = source.text, source.index
    found = directives.scan(text, index, plain=True)
    view = normalise(text)
    if found:
        chars = list(view)
        for d in found:
            blank(chars, d.start, d.end)
        view = "".join(chars)
    blocks: list[Block] = []
    segments: list[tuple[int, int]] = []
    run: list[int] = []

    def close() -> None:
        if not run:
            return
        first, last = run[0], run[-1]
        start = index.line_span(first, text)[0]
        end = index.line_span(last, text)[1]
        blocks.append(Block("paragraph", start, end, first, last))
        seg_start = start
        for number in run[1:]:
            line_start, line_end = index.line_span(number, text)
            first_char = view[line_start:line_end].lstrip()[:1]
            if not first_char.islower():
                segments.append((seg_start, index.line_span(number - 1, text)[1]))
                seg_start = line_start
        segments.append((seg_start, end))
        run.clear()

    for number in range(index.line_count):
        start, end = index.line_span(number, text)
        if view[start:end].strip():
            run.append(number)
        else:
            close()
    close()
    return Structure(view, tuple(blocks), tuple(segments), tuple(find_urls(view, 0, len(view))), found)
