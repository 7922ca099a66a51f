"""What a two-camp search returns: a certified lower bound and the global minimum with its status."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from alliancelab.theory.landscape._heuristics import (  # noqa: F401
    TabuResult,
    _camps_to_spins,
    _spins_to_camps,
    _tabu_w,
    anneal_two_camps,
    tabu_search,
)

MINIMUM_METHODS = ("auto", "enumeration", "branch-and-bound", "milp", "heuristic")
AUTO_PROOF_N = 300  # method="auto": branch and bound (with its time limit) up to this many actors, tabu + bound above
EXACT_TOLERANCE = 1e-9  # energy - bound <= this x sum |w_ij| counts as proven optimal


@dataclass
class Bound:
    """A certified lower bound on the two-camp energy: E(X) >= value for every configuration X.

    Attributes
    ----------
    value : float
        The bound B.
    method : str
        How it was computed.
    relaxation_value : float or None, default None
        The relaxation's own (primal) value, when one was solved.
    vectors : numpy.ndarray or None, default None
        Rank-r vectors of the relaxation (rows = actors), for rounding.
    seconds : float, default 0.0
        Wall time.
    """

    value: float
    method: str
    relaxation_value: float | None = None  # the relaxation's own (primal) value, when one was solved
    vectors: np.ndarray | None = None  # rank-r vectors of the relaxation (rows = actors), for rounding
    seconds: float = 0.0


@dataclass
class GlobalMinimum:
    """The lowest-energy two-camp configuration found, with its certificate.

    Attributes
    ----------
    names : list of str
        Actor names.
    configuration : numpy.ndarray
        One camp (0/1) per actor, actor 0 in camp 0.
    energy : float
        Its energy E.
    lower_bound : float or None
        A proven bound on every configuration's energy (None: none computed).
    status : str
        "exact", "proven within X%" (X = (E - B) / |B|) or "heuristic".
    method : str
        The search that found the configuration.
    bound_method : str or None
        The method of the bound.
    seconds : float
        Wall time.
    notes : list of str
        What the search did.

    Examples
    --------
    >>> from alliancelab.theory.landscape import two_camp_minimum
    >>> p = [[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]]
    >>> best = two_camp_minimum([1, 1, 1, 1], p, names=["a", "b", "c", "d"])
    >>> best.status, best.camps()
    ('exact', (['a', 'b'], ['c', 'd']))
    """

    names: list
    configuration: np.ndarray
    energy: float
    lower_bound: float | None
    status: str
    method: str
    bound_method: str | None
    seconds: float
    notes: list = field(default_factory=list)

    @property
    def gap(self):
        """(energy - lower_bound) / |lower_bound| (0 when proven optimal; None without a bound)."""
        if self.lower_bound is None:
            return None
        diff = max(0.0, self.energy - self.lower_bound)
        return diff / abs(self.lower_bound) if self.lower_bound != 0 else (0.0 if diff == 0 else np.inf)

    @property
    def is_exact(self):
        """Whether the configuration is proven to be the global minimum."""
        return self.status == "exact"

    def camps(self):
        """Members of camp 0 and camp 1 as two lists of names."""
        return (
            [self.names[i] for i in np.flatnonzero(self.configuration == 0)],
            [self.names[i] for i in np.flatnonzero(self.configuration == 1)],
        )


def _status(energy, bound, scale):
    if bound is None:
        return "heuristic"
    if energy - bound <= EXACT_TOLERANCE * scale:
        return "exact"
    gap = (energy - bound) / abs(bound) if bound != 0 else np.inf
    return f"proven within {100 * gap:.3g}%"


def _energy_spins(w, sigma):
    return float(0.5 * (w.sum() - sigma @ w @ sigma))
