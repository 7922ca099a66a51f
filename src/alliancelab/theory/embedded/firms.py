"""Firm alliances: what the original embeddedness study published, and a documented example table.

Osborn, Hagedoorn, Denekamp, Duysters & Baughn (1998) cross-classified international alliances of
US, Japanese and European firms (1970-1989) by technical area (industry), intended direction of
product/knowledge flows (unidirectional or reciprocal) and administrative form (supply contract,
technical agreement, joint venture), and found a significant three-way interaction in hierarchical
log-linear models of two samples (JETRO and MERIT-CATI). The article prints the one-way margins of
the CATI sample (762 alliances, ``CATI_MARGINS`` below) but not the three-way table: the full data
are stated to be "available from the senior author". The three-way counts could not be found in
any published source, so the model selection of the article cannot be reproduced here.

``example_table`` is therefore a *simulated* table, labelled as such everywhere it is used: 762
alliances drawn (multinomial, fixed seed) from a log-linear model whose one-way margins equal the
published CATI margins and whose associations are stated assumptions:

* hybridization (the pattern the article reports for semiconductors and computers): reciprocal
  technical agreements are ``HYBRID_ODDS`` times as likely as independence implies in those two areas;
* dominance (assumed here for illustration: one sponsor controls the flow through an equity joint
  venture): unidirectional joint ventures are ``DOMINANCE_ODDS`` times as likely in autos/auto parts.

It shows the workflow on a firm-alliance table of the article's shape; its results are properties
of the simulation, not findings about firms.

References
----------
Osborn, R. N., Hagedoorn, J., Denekamp, J. G., Duysters, G. and Baughn, C. C. (1998), "Embedded patterns
of international alliance formation", Organization Studies 19(4): 617-638.
"""

import itertools

import numpy as np
import pandas as pd

from alliancelab.theory.embedded import loglinear as ll

CITATION = (
    "Osborn, Hagedoorn, Denekamp, Duysters & Baughn 1998, 'Embedded patterns of international alliance "
    "formation', Organization Studies 19(4): 617-638"
)
CATI_MARGINS = {  # MERIT-CATI sample, 762 alliances, as printed in the article's results section
    "area": {"semiconductors": 229, "computers": 169, "communications": 227, "autos": 137},
    "flow": {"unidirectional": 305, "reciprocal": 457},
    "form": {"supply contract": 129, "technical agreement": 344, "joint venture": 289},
}
HYBRID_ODDS = 3.0
DOMINANCE_ODDS = 3.0
SEED = 1998


def published_margins():
    """The CATI one-way margins printed by Osborn et al. (1998), as a long table.

    Returns
    -------
    pandas.DataFrame
        Columns ``factor``, ``level``, ``alliances``; ``attrs["sources"]`` holds the citation.

    Examples
    --------
    >>> margins = published_margins()
    >>> int(margins.loc[margins["factor"] == "flow", "alliances"].sum())
    762

    References
    ----------
    Osborn, R. N., Hagedoorn, J., Denekamp, J. G., Duysters, G., & Baughn, C. C. (1998). Embedded
    patterns of international alliance formation. *Organization Studies*, 19(4), 617-638.
    """
    rows = [
        {"factor": f, "level": level, "alliances": n}
        for f, levels in CATI_MARGINS.items()
        for level, n in levels.items()
    ]
    out = pd.DataFrame(rows)
    out.attrs["sources"] = (CITATION,)
    return out


def example_probabilities(hybrid_odds=HYBRID_ODDS, dominance_odds=DOMINANCE_ODDS, iterations=200):
    """Cell probabilities of the example model (area x flow x form), one-way margins = CATI shares.

    The pattern multipliers are applied to a uniform table, then the three one-way margins are matched
    by iterative proportional fitting (which keeps every odds ratio of the pattern).

    Parameters
    ----------
    hybrid_odds : float, default HYBRID_ODDS
        Multiplier of reciprocal technical agreements in semiconductors and computers.
    dominance_odds : float, default DOMINANCE_ODDS
        Multiplier of unidirectional joint ventures in autos/auto parts.
    iterations : int, default 200
        Sweeps of iterative proportional fitting.

    Returns
    -------
    numpy.ndarray
        Shape (4, 2, 3): cell probabilities summing to 1.

    Examples
    --------
    >>> example_probabilities().shape
    (4, 2, 3)
    """
    names = list(CATI_MARGINS)
    levels = [list(CATI_MARGINS[f]) for f in names]
    p = np.ones([len(v) for v in levels])
    area, flow, form = levels
    for a in ("semiconductors", "computers"):
        p[area.index(a), flow.index("reciprocal"), form.index("technical agreement")] *= hybrid_odds
    p[area.index("autos"), flow.index("unidirectional"), form.index("joint venture")] *= dominance_odds
    targets = [np.array(list(CATI_MARGINS[f].values()), float) for f in names]
    targets = [t / t.sum() for t in targets]
    for _ in range(iterations):
        for axis, target in enumerate(targets):
            other = tuple(i for i in range(3) if i != axis)
            margin = p.sum(axis=other)
            shape = [1, 1, 1]
            shape[axis] = -1
            p = p * (target / margin).reshape(shape)
    return p / p.sum()


def example_table(seed=SEED, total=None):
    """The simulated example table (see the module docstring): factors area, flow, form.

    Parameters
    ----------
    seed : int, default SEED
        Random seed of the multinomial draw.
    total : int, optional
        Alliances drawn (default 762, the CATI sample's size).

    Returns
    -------
    ContingencyTable
        The simulated table; its ``sources`` say it is simulated, not data.

    Examples
    --------
    >>> table = example_table()
    >>> table.factors, table.shape, table.total
    (('area', 'flow', 'form'), (4, 2, 3), 762.0)
    """
    p = example_probabilities()
    total = sum(CATI_MARGINS["flow"].values()) if total is None else total
    counts = np.random.default_rng(seed).multinomial(total, p.ravel())
    combos = list(itertools.product(*[list(CATI_MARGINS[f]) for f in CATI_MARGINS]))
    frame = pd.DataFrame(combos, columns=list(CATI_MARGINS))
    frame["alliances"] = counts
    for f in CATI_MARGINS:
        frame[f] = pd.Categorical(frame[f], categories=list(CATI_MARGINS[f]))
    note = (
        f"SIMULATED example table (seed {seed}), not data: margins from {CITATION}; associations assumed "
        f"(hybridization odds {HYBRID_ODDS}, dominance odds {DOMINANCE_ODDS})"
    )
    return ll.contingency_table(frame, list(CATI_MARGINS), weights="alliances", source="firm example", sources=(note,))
