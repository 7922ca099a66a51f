"""COW regions from state codes.

The COW numbering groups states by region: 2-165 Americas, 200-399 Europe, 402-626 Africa,
630-698 Middle East, 700-990 Asia and Oceania (Correlates of War state-code conventions).
"""

import numpy as np

REGIONS = ("Americas", "Europe", "Africa", "Middle East", "Asia")
_UPPER = np.array([199, 399, 629, 699, 999])  # last code of each region


def region_of(ccode):
    """Region name(s) of COW code(s); an array in, an array out."""
    codes = np.asarray(ccode)
    names = np.array(REGIONS, dtype=object)[np.searchsorted(_UPPER, codes)]
    return names if codes.ndim else str(names)
