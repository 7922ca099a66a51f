"""Mosaic plots of a described contingency table

Moved to ``alliancelab.figures.embedded``; this module is kept as an alias.
"""

from alliancelab.figures.embedded import (  # noqa: F401
    GAP,
    SHADES,
    mosaic,
    mosaic_tiles,
)
