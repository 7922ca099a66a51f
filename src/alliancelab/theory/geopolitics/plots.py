"""Figures of the geopolitics analyses (moved to ``alliancelab.figures.geopolitics``; this name is kept as an alias)."""

from alliancelab.figures.geopolitics import (  # noqa: F401
    CHANNEL_COLOURS,
    EDGE_STYLES,
    plot_distances,
    plot_effects,
    plot_gradient,
    plot_joining_rates,
    plot_reach,
    plot_war_spread,
)
