"""``System``: a set of states in one year with sizes and every propensity component; ``build_system``."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.errors import ParameterError, check_range
from alliancelab.panels.lookup import connection_first, warehouse_connection
from alliancelab.theory.landscape._components import _BUILDERS, COMPONENTS, SOURCES_USED, check_weights
from alliancelab.theory.landscape._params import LandscapeDataParams
from alliancelab.theory.landscape._states import _resolve_states, _sizes


@dataclass
class System:
    """A set of states in one year with their sizes and every propensity component.

    Parameters
    ----------
    year : int
        The year.
    states : pandas.DataFrame
        ccode, stateabb, statenme, in the order of every array.
    sizes : numpy.ndarray
        The states' sizes (CINC by default).
    components : dict
        Component name -> (n, n) array of pairwise values.
    params : LandscapeDataParams
        The window parameters the components were built with (it still reads like the older dict:
        ``params["war_years"]``).
    citations : list of str
        The sources used.
    """

    year: int
    states: pd.DataFrame  # ccode, stateabb, statenme
    sizes: np.ndarray
    components: dict  # name -> (n, n) array
    params: LandscapeDataParams
    citations: list = field(default_factory=list)

    @property
    def names(self):
        return list(self.states.stateabb)

    @property
    def codes(self):
        return [int(c) for c in self.states.ccode]

    def propensity(self, weights=None):
        """p = sum_c weight_c * component_c (weights default to DEFAULT_WEIGHTS; unknown names raise)."""
        weights = check_weights(weights)
        n = len(self.sizes)
        p = np.zeros((n, n))
        for name, wt in weights.items():
            if wt != 0:
                p += wt * self.components[name]
        return p

    def component_table(self):
        """Long table: one row per unordered pair with every component's value."""
        n = len(self.sizes)
        rows = []
        for i in range(n):
            for j in range(i + 1, n):
                row = {"state1": self.names[i], "state2": self.names[j]}
                row.update({c: m[i, j] for c, m in self.components.items()})
                rows.append(row)
        return pd.DataFrame(rows)


@connection_first
def build_system(states, year, components=None, params=None, *, warehouse=None, con=None):
    """Sizes and every propensity component for ``states`` in ``year``.

    The propensity of a pair is p_ij = sum_c weight_c * component_c[i, j] (``System.propensity``);
    each component is a symmetric matrix with zero diagonal and values in [-1, 1], defined in the
    module docstring of ``alliancelab.theory.landscape._data``. Sizes are COW CINC (``sizes``).

    Parameters
    ----------
    states : str or sequence
        Codes, abbreviations or names (``resolve_states``), at least two.
    year : int
        The year the data describe.
    components : sequence of str, optional
        The components to compute (default: all of ``COMPONENTS``); the others are zero matrices.
    params : LandscapeDataParams, optional
        The window parameters (default: ``LandscapeDataParams()``); the older form, a dict of some of
        its fields, still works (unknown names raise ``ParameterError``).
    warehouse : path, optional
        The warehouse (default: the configured one). The old call ``build_system(con, states, year)``
        and ``con=`` still work but are deprecated (``DeprecationWarning``).

    Returns
    -------
    System
        year, states (ccode, stateabb, statenme), sizes, components (name -> matrix), params and
        the citations of the sources used.

    Examples
    --------
    >>> system = build_system("GMY AUH ITA UKG FRN RUS", 1913)
    >>> system.names
    ['GMY', 'AUH', 'ITA', 'UKG', 'FRN', 'RUS']
    >>> p = system.propensity()  # DEFAULT_WEIGHTS
    >>> build_system("GMY FRN RUS", 1913, params=LandscapeDataParams(war_years=30)).params.war_years
    30

    References
    ----------
    Axelrod, R. and Bennett, D. S. (1993), "A Landscape Theory of Aggregation", British Journal of
    Political Science 23(2): 211-233.
    """
    return _build_system(warehouse_connection(warehouse, con, "build_system"), states, year, components, params)


def _build_system(con, states, year, components=None, params=None):
    from alliancelab.data.warehouse import _citations as citations

    year = int(year)
    check_range("year", year, facts.SYSTEM_FIRST, facts.SYSTEM_LAST)
    params = LandscapeDataParams.resolve(params)
    names = list(COMPONENTS) if components is None else list(components)
    bad = sorted(set(names) - set(COMPONENTS))
    if bad:
        raise ParameterError(f"argument components: unknown component(s) {bad}; expected {list(COMPONENTS)}")
    table = _resolve_states(con, states, year)
    codes = [int(c) for c in table.ccode]
    size = _sizes(con, codes, year, params.size_years).to_numpy()
    mats = {}
    n = len(codes)
    for name in COMPONENTS:
        mats[name] = _BUILDERS[name](con, codes, year, params) if name in names else np.zeros((n, n))
    used = ["nmc", "states"] + sorted({t for c in names for t in SOURCES_USED[c]})
    return System(year=year, states=table, sizes=size, components=mats, params=params, citations=citations(con, used))
