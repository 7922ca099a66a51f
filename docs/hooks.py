"""MkDocs hooks for the documentation site (named in mkdocs.yml).

Docstrings write Iverson brackets in formulas, e.g. ``[x_ik = a][x_jk = c]``, which Markdown reads as a
reference link and mkdocs-autorefs then reports as an unknown cross-reference. A real cross-reference
target is a dotted Python name; a "target" with a space, ``=`` or a bracket in it is such a formula, so its
warning is dropped here. Every other warning stays, and ``mkdocs build --strict`` fails on it.
"""

import logging
import re

_FORMULA = re.compile(r"Could not find cross-reference target '[^']*[\s=\[\]][^']*'")


class _DropFormulaReferences(logging.Filter):
    def filter(self, record):
        return not _FORMULA.search(record.getMessage())


_FILTER = _DropFormulaReferences()


def on_config(config):
    # On the handlers of the "mkdocs" logger (the one that counts warnings for --strict is added just
    # before this event), so the filter sees records from any child logger.
    for handler in logging.getLogger("mkdocs").handlers:
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)
    return config
