"""Plotly figures of the alliance network and capabilities

Moved to ``alliancelab.figures.network``; this module is kept as an alias.
"""

from alliancelab.figures.network import (  # noqa: F401
    BLOC_COLOURS,
    NON_ALIGNED,
    bloc_table,
    capability_figure,
    layout,
    network_figure,
)
