"""Figures: one function per figure, each taking computed results and never recomputing.

Every function writes an interactive Plotly HTML file and a static PNG (matplotlib) through the
helpers of ``alliancelab.plotting`` and returns their paths. This package sits just above
``plotting``: it imports no measure, theory or simulation module, so any of them may re-export a
figure function under its old name.
"""

from alliancelab.figures._deterrence import deterrence_statics
from alliancelab.figures._similarity import pair_similarity

__all__ = ["deterrence_statics", "pair_similarity"]
