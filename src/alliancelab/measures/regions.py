"""COW regions from state codes.

The COW numbering groups states by region: 2-199 Americas, 200-399 Europe, 400-626 Africa,
627-699 Middle East (630 Iran to 698 Oman), 700-999 Asia and Oceania (Oceania folded into Asia, as
in the COW/MID five-region scheme).
"""

import numpy as np

from alliancelab.errors import ParameterError

REGION_RANGES = (
    ("Americas", 2, 199),
    ("Europe", 200, 399),
    ("Africa", 400, 626),
    ("Middle East", 627, 699),
    ("Asia", 700, 999),
)
REGION_NAMES = tuple(name for name, _low, _high in REGION_RANGES)
_UPPER = np.array([high for _name, _low, high in REGION_RANGES])


def region_index(ccodes):
    """Index into ``REGION_NAMES`` of each COW code.

    Parameters
    ----------
    ccodes : array_like of int
        COW state codes (2-999).

    Returns
    -------
    numpy.ndarray of int
        The region index of each code.
    """
    codes = np.asarray(ccodes)
    if codes.size and ((codes < 2) | (codes > 999)).any():
        bad = codes[(codes < 2) | (codes > 999)].flat[0]
        raise ParameterError(f"ccode {bad}: outside every COW region range (expected 2-999)")
    return np.searchsorted(_UPPER, codes)


def region_of(ccode):
    """Region name(s) of COW code(s); an array in, an array out.

    Parameters
    ----------
    ccode : int or array_like of int
        COW state code(s).

    Returns
    -------
    str or numpy.ndarray of str
        The region name of each code.

    Examples
    --------
    >>> region_of(255)
    'Europe'
    >>> region_of([2, 710]).tolist()
    ['Americas', 'Asia']
    """
    codes = np.asarray(ccode)
    names = np.array(REGION_NAMES, dtype=object)[region_index(codes)]
    return names if codes.ndim else str(names)
