"""The text layer: from a file's bytes to a Document every rule reads.

source (decoding, exact line index) -> front matter -> Markdown or plain-text
structure (blocks, links, directives) -> the same-length match view -> the
optional linguistic layer (sentences, tokens). Nothing here knows about rules.
"""
