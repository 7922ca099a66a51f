"""Figures of simulations (moved to ``alliancelab.figures.simulation``; this name is kept as an alias)."""

from alliancelab.figures.simulation import (  # noqa: F401
    PALETTE,
    alive_over_time,
    map_small_multiples,
    raster,
    survival_curves,
    throughput_by_n,
)
