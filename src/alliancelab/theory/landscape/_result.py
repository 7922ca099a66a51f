"""The ``Landscape`` result and the helpers that assemble it."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from alliancelab.theory.landscape._inputs import _as_camps, canonical, check_inputs


@dataclass
class Landscape:
    """The local minima of one system, lowest energy first.

    Attributes
    ----------
    names : list of str
        Actor names.
    sizes : numpy.ndarray
        Actor sizes s_i.
    propensity : numpy.ndarray
        Symmetric propensities p_ij (zero diagonal).
    camps : int
        Number of camps k.
    rule : str
        The adjustment rule of the descents ("steepest" or "ordered").
    method : str
        "exact" or "heuristic".
    n_configurations : int
        The searched space (exact) or the number of random starts (heuristic).
    configurations : numpy.ndarray
        Shape (minima, n): each actor's camp in minimum r (canonical labels: actor 0 in camp 0).
    energies : numpy.ndarray
        Energy E of each minimum.
    basin_sizes : numpy.ndarray
        Configurations whose descent ends in each minimum (for the heuristic, starts that ended there);
        ``basin_shares`` divides by ``n_configurations``.
    frustrations : numpy.ndarray
        Shape (minima, n): each actor's frustration F_i in each minimum.
    all_energies : numpy.ndarray or None, default None
        Every alignment's energy by index (exact search with ``keep_energies``).
    notes : list of str
        What the search did and what it proved.
    lower_bound : float or None, default None
        A proven bound on every configuration's energy (None: none computed).
    certified : GlobalMinimum or None, default None
        The certifying search that ran on ``configurations[0]``, if any.

    Examples
    --------
    >>> from alliancelab.theory.landscape import landscape
    >>> p = [[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]]
    >>> result = landscape([1, 1, 1, 1], p, names=["a", "b", "c", "d"])
    >>> result.status, result.n_minima
    ('exact', 1)
    >>> result.table()[["energy", "basin_share", "camp_0", "camp_1"]].to_dict("records")
    [{'energy': -8.0, 'basin_share': 1.0, 'camp_0': 'a b', 'camp_1': 'c d'}]

    References
    ----------
    Axelrod, R., & Bennett, D. S. (1993). A landscape theory of aggregation. *British Journal of
    Political Science*, 23(2), 211-233.
    """

    names: list
    sizes: np.ndarray
    propensity: np.ndarray
    camps: int
    rule: str
    method: str
    n_configurations: int  # searched space (exact) or number of starts (heuristic)
    configurations: np.ndarray  # (minima, n) int
    energies: np.ndarray
    basin_sizes: np.ndarray
    frustrations: np.ndarray
    all_energies: np.ndarray | None = None  # every alignment's energy by index (exact, small n)
    notes: list = field(default_factory=list)
    lower_bound: float | None = None  # proven bound on every configuration's energy (None: none computed)
    certified: object | None = None  # the GlobalMinimum that certified configurations[0], when one ran

    @property
    def status(self):
        """What is proven about ``configurations[0]``: "exact" (the global minimum: exact search or a
        closed bound), "proven within X%" (a bound B with (E - B) / |B| = X%) or "heuristic"."""
        if self.method == "exact":
            return "exact"
        if self.certified is not None:
            return self.certified.status
        return "heuristic"

    @property
    def basin_shares(self):
        """Each minimum's basin as a share of the searched space (or of the random starts)."""
        return self.basin_sizes / float(self.n_configurations)

    @property
    def n_minima(self):
        """The number of local minima found."""
        return len(self.energies)

    @property
    def global_minimum(self):
        """The camps of the lowest minimum found (see ``status`` for what is proven about it)."""
        return self.configurations[0]

    def minimum(self, rank=0):
        """Camp of every actor in the minimum of the given energy rank (0 = global) as a Series."""
        return pd.Series(self.configurations[rank], index=self.names, name=f"minimum {rank}")

    def table(self, max_rows=None):
        """One row per minimum: rank, energy, basin size and share, and each camp's members."""
        rows = []
        for r in range(self.n_minima if max_rows is None else min(max_rows, self.n_minima)):
            row = {
                "rank": r,
                "energy": self.energies[r],
                "basin_size": int(self.basin_sizes[r]),
                "basin_share": self.basin_shares[r],
            }
            for c in range(self.camps):
                members = [self.names[i] for i in np.flatnonzero(self.configurations[r] == c)]
                row[f"camp_{c}"] = " ".join(members)
            rows.append(row)
        return pd.DataFrame(rows)

    def frustration_table(self, rank=0):
        """Each actor's camp, frustration and switch cost (rise in its frustration if it alone
        moved to its best other camp) in the minimum of the given rank."""
        return pd.DataFrame(
            {
                "actor": self.names,
                "size": self.sizes,
                "camp": self.configurations[rank],
                "frustration": self.frustrations[rank],
                "switch_cost": switch_costs(self.sizes, self.propensity, self.configurations[rank], self.camps),
            }
        )


def _finish(names, s, p, w, camps, rule, method, space, configs, basin, all_energies=None, notes=()):
    configs = np.array([canonical(c) for c in configs], dtype=np.int64).reshape(len(configs), len(s))
    # merge minima that are the same alignment under relabelled camps (k >= 3, or heuristic)
    merged = {}
    for c, b in zip(configs, basin):
        key = c.tobytes()
        if key in merged:
            merged[key][1] += int(b)
        else:
            merged[key] = [c, int(b)]
    configs = np.array([v[0] for v in merged.values()], dtype=np.int64).reshape(len(merged), len(s))
    basin = np.array([v[1] for v in merged.values()], dtype=np.int64)
    frus = _frustrations(s, p, configs, camps)
    ener = frus @ s
    order = np.lexsort((-basin, ener))
    return Landscape(
        names=list(names),
        sizes=s,
        propensity=p,
        camps=camps,
        rule=rule,
        method=method,
        n_configurations=int(space),
        configurations=configs[order],
        energies=ener[order],
        basin_sizes=basin[order],
        frustrations=frus[order],
        all_energies=all_energies,
        notes=list(notes),
    )


def _frustrations(s, p, configs, camps):
    """F[r, i] = sum_j s_j p_ij [camp_j != camp_i] for many configurations at once (one matmul)."""
    r, n = configs.shape
    onehot = np.zeros((n, r, camps))
    onehot[np.arange(n)[:, None], np.arange(r)[None, :], configs.T] = 1.0
    same = (p @ (s[:, None] * onehot.reshape(n, r * camps))).reshape(n, r, camps)
    within = np.take_along_axis(same, configs.T[:, :, None], axis=2)[:, :, 0]  # (n, r)
    return (p @ s)[None, :] - within.T


def switch_costs(sizes, propensity, config, camps=None):
    """For each actor, the change in its own frustration if it alone moved to its best other camp.

    The values are >= 0 at a local minimum; the smallest values are the actors closest to defecting.

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Actor sizes s_i > 0.
    propensity : array_like, shape (n, n)
        Symmetric propensities p_ij.
    config : array_like of int, shape (n,)
        Each actor's camp.
    camps : int, optional
        Number of camps (default: max(2, camps used in ``config``)).

    Returns
    -------
    numpy.ndarray
        Shape (n,): F_i(X) minus F_i after the best single move.

    Examples
    --------
    >>> p = [[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]]
    >>> switch_costs([1, 1, 1, 1], p, [0, 0, 1, 1]).tolist()
    [3.0, 3.0, 3.0, 3.0]
    """
    s, p, _ = check_inputs(sizes, propensity)
    c = _as_camps(config, s.size)
    k = int(camps) if camps is not None else max(2, int(c.max()) + 1)
    g = np.zeros((s.size, k))
    for a in range(k):
        g[:, a] = p @ (s * (c == a))
    own = g[np.arange(s.size), c]
    g[np.arange(s.size), c] = -np.inf
    return own - g.max(axis=1)


# --------------------------------------------------------------------------------------------
