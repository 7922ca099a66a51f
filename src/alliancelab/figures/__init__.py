"""Figures: one function per figure, each taking computed results and never recomputing.

Every function writes an interactive Plotly HTML file and a static PNG (matplotlib) through the
helpers of ``alliancelab.plotting`` and returns their paths (the ``network`` module returns Plotly
figures for the dashboard and the yearly report). This package sits just above ``plotting``: it
imports no measure, theory or simulation module, so any of them may re-export a figure function
under its old name.

Modules, one per area: ``alignment`` (alliance survival), ``deterrence``, ``embedded`` (mosaic plots),
``geopolitics``, ``landscape``, ``network`` (alliance network and capabilities), ``prediction`` (alliance
onset), ``similarity``, ``simulation``, ``security_dilemma``, ``threat`` (threat-model validation),
``record`` (the empirical analyses of the record: burden, detente, profiles, Walt's tests).
"""

from alliancelab.figures.deterrence import deterrence_statics
from alliancelab.figures.similarity import pair_similarity

__all__ = ["deterrence_statics", "pair_similarity"]
