"""Do data-built propensities predict the sides of real wars? Out-of-sample evaluation on COW wars.

For every COW inter-state war with at least ``min_participants`` participants (states on either
side, a state that changed sides counted once, on its first side), the system is the participants
that were system members with a positive CINC in the year before the war began, described by that
year's data (``build_system``). A model turns the system's components into a propensity; the
landscape of that propensity is compared with the actual sides:

* ``share_right``: share of participants the global minimum places on their actual side, the
  better of the two ways of naming the camps (so at least one half);
* ``largest_basin_share_right``: the same for the minimum with the largest basin of attraction;
* ``actual_rank``: rank of the actual alignment's energy among all 2^(n-1) alignments (1 = the
  actual alignment is the global minimum; ties share the best rank), and ``actual_percentile`` =
  (rank - 1) / (2^(n-1) - 1) (0 = lowest energy, 1 = highest).

Models (weights are never estimated on the war being predicted):

* ``default``: ``DEFAULT_WEIGHTS``, fixed before any comparison;
* ``fitted (leave one war out)``: ``fit_weights`` (logistic regression of "same side" on every
  component over the dyads) estimated on all the other wars;
* ``fitted (earlier wars)``: estimated on the wars that began before this one (temporal split;
  none for the first wars, which are then left out of this model's summary);
* baselines, each one component plus an intercept fitted leaving the war out:
  ``alliances only`` (``alliance``), ``disputes only`` (``disputes``), ``regime only``
  (``regime``); and ``capabilities only``: p_ij = -1 for every pair, whose minimum is the most even
  split of capabilities (a balance-of-power prediction, no fitting).

Kept in one module because the war cases, their scoring against the baselines and the summary over wars are one
evaluation pipeline sharing the case table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError
from alliancelab.panels.lookup import connection_first, warehouse_connection
from alliancelab.theory.landscape._data import (
    COMPONENTS,
    DEFAULT_WEIGHTS,
    _build_system,
    _war_sides,
    actual_camps,
    fit_weights,
    placed_right,
)
from alliancelab.theory.landscape._enumeration import exact_two_camps

BASELINES = {"alliances only": ["alliance"], "disputes only": ["disputes"], "regime only": ["regime"]}
MODELS = ("default", "fitted (leave one war out)", "fitted (earlier wars)", "capabilities only", *BASELINES)
MAX_EVALUATED = 26  # participants: the actual alignment's energy rank needs every alignment's energy


@dataclass
class WarCase:
    """One war: its system in the year before it began and the participants' actual camps.

    Attributes
    ----------
    warnum : int
        COW war number.
    start : int
        First year of the war.
    system : System
        The participants' system in ``start - 1`` (``build_system``).
    camps : numpy.ndarray
        Actual camp (0/1) of each state of the system.
    dropped : list of str
        Participants left out (not system members, or no CINC, in ``start - 1``).
    """

    warnum: int
    start: int  # first year of the war
    system: object  # a landscape_data.System in start - 1
    camps: np.ndarray  # actual camp (0/1) per state of the system
    dropped: list = field(default_factory=list)  # participants left out (not members / no CINC in start - 1)

    @property
    def n(self):
        """The number of participants evaluated."""
        return len(self.camps)


@connection_first
def war_table(min_participants=4, wars=None, *, warehouse=None, con=None):
    """Every COW inter-state war with enough participants, and whether it can be evaluated.

    Parameters
    ----------
    min_participants : int, default 4
        Fewest participants (states on either side) a war needs.
    wars : iterable of int, optional
        Only these COW war numbers (then ``min_participants`` only decides ``evaluated``).
    warehouse : path, optional
        The warehouse (default: the configured one). The old call ``war_table(con, ...)`` and ``con=``
        still work but are deprecated (``DeprecationWarning``).

    Returns
    -------
    pandas.DataFrame
        One row per war: ``war``, ``start``, ``participants``, ``usable`` (system members with a
        positive CINC in the year before the war), ``dropped``, ``evaluated`` (at least
        ``min_participants`` usable participants on two sides) and ``sides``.

    Examples
    --------
    >>> table = war_table()
    >>> table.loc[table["war"] == 22, ["start", "participants"]].values.tolist()
    [[1853, 5]]

    References
    ----------
    Sarkees, M. R., & Wayman, F. (2010). *Resort to War: 1816-2007*. CQ Press.
    """
    return _war_table(warehouse_connection(warehouse, con, "war_table"), min_participants, wars)


def _war_table(con, min_participants=4, wars=None):
    part = con.execute(
        """WITH rows AS (SELECT warnum, ccode1 AS ccode, year FROM wars UNION ALL SELECT warnum, ccode2, year FROM wars)
           SELECT warnum, count(DISTINCT ccode) AS n, min(year) AS start FROM rows GROUP BY 1 ORDER BY 1"""
    ).df()
    if wars is not None:
        wanted = {int(w) for w in wars}
        unknown = sorted(wanted - set(part.warnum.astype(int)))
        if unknown:
            raise ParameterError(f"argument wars: {unknown} are not COW inter-state war numbers")
        part = part[part.warnum.isin(wanted)]
    else:
        part = part[part.n >= min_participants]
    rows = []
    for warnum, start in zip(part.warnum.astype(int), part.start.astype(int)):
        year = start - 1
        sides = _war_sides(con, warnum)
        members = set(
            con.execute("SELECT ccode FROM states WHERE styear <= ? AND endyear >= ?", [year, year])
            .df()
            .ccode.astype(int)
        )
        sized = set(con.execute("SELECT ccode FROM nmc WHERE year = ? AND cinc > 0", [year]).df().ccode.astype(int))
        keep = [int(c) for c in sides.ccode if int(c) in members and int(c) in sized]
        dropped = [str(a) for c, a in zip(sides.ccode, sides.stateabb) if int(c) not in keep]
        usable_sides = set(sides.side[sides.ccode.isin(keep)])
        rows.append(
            {
                "war": warnum,
                "start": start,
                "participants": len(sides),
                "usable": keep,
                "dropped": dropped,
                "evaluated": len(keep) >= min_participants and len(usable_sides) == 2,
                "sides": sides,
            }
        )
    return pd.DataFrame(rows)


@connection_first
def war_cases(min_participants=4, wars=None, *, warehouse=None, con=None):
    """The ``WarCase`` of every war in ``war_table`` that can be evaluated.

    Parameters
    ----------
    min_participants : int, default 4
        Fewest usable participants a war needs.
    wars : iterable of int, optional
        Only these COW war numbers.
    warehouse : path, optional
        The warehouse (default: the configured one). The old call ``war_cases(con, ...)`` and ``con=``
        still work but are deprecated (``DeprecationWarning``).

    Returns
    -------
    list of WarCase
        One per evaluable war.

    Examples
    --------
    >>> crimea = war_cases(wars=[22])[0]
    >>> crimea.system.names, crimea.camps.tolist()
    (['UKG', 'FRN', 'ITA', 'TUR', 'RUS'], [0, 0, 0, 0, 1])
    """
    return _war_cases(warehouse_connection(warehouse, con, "war_cases"), min_participants, wars)


def _war_cases(con, min_participants=4, wars=None):
    cases = []
    for row in _war_table(con, min_participants, wars).itertuples():
        if not row.evaluated:
            continue
        system = _build_system(con, [str(c) for c in row.usable], row.start - 1)
        cases.append(
            WarCase(
                warnum=row.war,
                start=row.start,
                system=system,
                camps=actual_camps(system.codes, row.sides),
                dropped=row.dropped,
            )
        )
    return cases


def _capabilities_only(n):
    return -(np.ones((n, n)) - np.eye(n))


def _weights_for(model, case, cases, l2):
    """Propensity weights for ``case`` under ``model`` (None = no training data for the model)."""
    others = [c for c in cases if c.warnum != case.warnum]
    if model == "default":
        return dict(DEFAULT_WEIGHTS)
    if model == "fitted (leave one war out)":
        return fit_weights([(c.system, c.camps) for c in others], l2=l2)
    if model == "fitted (earlier wars)":
        earlier = [c for c in others if c.start < case.start]
        if len(earlier) < 3:
            return None
        return fit_weights([(c.system, c.camps) for c in earlier], l2=l2)
    if model in BASELINES:
        return fit_weights([(c.system, c.camps) for c in others], components=BASELINES[model], l2=l2)
    raise ParameterError(f"argument models: unknown model {model!r}; expected one of {list(MODELS)}")


def actual_rank(all_energies, camps, scale):
    """Rank (1 = lowest) of one alignment's energy among every two-camp alignment's energy.

    Alignments within 1e-12 x ``scale`` of its energy count as ties and share the best rank.

    Parameters
    ----------
    all_energies : numpy.ndarray
        Every alignment's energy, indexed as in ``exact_two_camps`` (bit i = camp of actor i, last
        actor in camp 0).
    camps : array_like of int
        The alignment (0/1 per actor; either naming of the camps).
    scale : float
        The energy scale of the ties (sum |w_ij|).

    Returns
    -------
    int
        The rank.

    Examples
    --------
    >>> import numpy as np
    >>> energies = np.array([0.0, -2.0, -2.0, -8.0, -2.0, 0.0, 0.0, -2.0])
    >>> actual_rank(energies, [0, 0, 1, 1], 8.0), actual_rank(energies, [0, 1, 0, 1], 8.0)
    (1, 6)
    """
    c = np.asarray(camps, dtype=np.int64)
    if c[-1] == 1:
        c = 1 - c
    index = int(sum(int(b) << i for i, b in enumerate(c[:-1])))
    e = all_energies[index]
    return int(np.sum(all_energies < e - 1e-12 * scale)) + 1


def evaluate_case(case, propensity, model="model"):
    """The landscape of ``propensity`` for one war compared with the actual sides.

    Parameters
    ----------
    case : WarCase
        The war.
    propensity : numpy.ndarray
        Shape (n, n): the model's propensities among the participants.
    model : str, default "model"
        The model's name, for the row.

    Returns
    -------
    dict
        ``war``, ``start``, ``model``, ``n``, ``right``, ``scored``, ``share_right`` (share of
        participants the global minimum places on their actual side, the better of the two namings of
        the camps), ``n_minima``, the largest basin's rank, share and ``largest_basin_share_right``,
        ``actual_rank`` and ``actual_percentile`` = (rank - 1) / (2^(n-1) - 1) of the actual
        alignment's energy, ``alignments``, the actual and predicted sides and the participants
        dropped.

    References
    ----------
    Axelrod, R., & Bennett, D. S. (1993). A landscape theory of aggregation. *British Journal of
    Political Science*, 23(2), 211-233.
    """
    s = case.system.sizes
    n = s.size
    if n > MAX_EVALUATED:
        raise ParameterError(f"war {case.warnum}: {n} participants exceed {MAX_EVALUATED} (exact ranks)")
    result = exact_two_camps(s, propensity, names=case.system.names, keep_energies=True)
    right, scored, _ = placed_right(result.global_minimum, case.camps)
    big = int(np.argmax(result.basin_sizes))
    right_big, _, _ = placed_right(result.configurations[big], case.camps)
    scale = float(np.abs(np.outer(s, s) * propensity).sum()) or 1.0
    rank = actual_rank(result.all_energies, case.camps, scale)
    total = result.n_configurations
    actual_index = {0: [], 1: []}
    for name, c in zip(case.system.names, case.camps):
        actual_index[int(c)].append(name)
    return {
        "war": case.warnum,
        "start": case.start,
        "model": model,
        "n": n,
        "right": right,
        "scored": scored,
        "share_right": right / scored,
        "n_minima": result.n_minima,
        "largest_basin_rank": big,
        "largest_basin_share": float(result.basin_shares[big]),
        "largest_basin_right": right_big,
        "largest_basin_share_right": right_big / scored,
        "actual_rank": rank,
        "actual_percentile": (rank - 1) / max(total - 1, 1),
        "alignments": total,
        "side_a": " ".join(actual_index[0]),
        "side_b": " ".join(actual_index[1]),
        "predicted_a": " ".join(np.array(case.system.names)[result.global_minimum == 0]),
        "predicted_b": " ".join(np.array(case.system.names)[result.global_minimum == 1]),
        "dropped": " ".join(case.dropped),
    }


@dataclass
class WarEvaluation:
    """Per-war and overall results of every model.

    Attributes
    ----------
    per_war : pandas.DataFrame
        One row per war and model (``evaluate_case``).
    overall : pandas.DataFrame
        Per model: wars evaluated, states, pooled share right = total right / total scored, mean share
        right, wars where the actual alignment is the global minimum, median percentile of the actual
        alignment's energy, mean share right of the largest basin's minimum.
    weights : dict
        ``(model, war)`` -> the propensity weights used.
    citations : list of str
        The sources used.
    """

    per_war: pd.DataFrame
    overall: pd.DataFrame
    weights: dict
    citations: list


@connection_first
def evaluate_wars(models=MODELS, min_participants=4, l2=1.0, cases=None, *, warehouse=None, con=None):
    """Evaluate every model on every war case, out of sample (see the module docstring).

    Weights are never estimated on the war being predicted: leave one war out, or only the wars that
    began earlier.

    Parameters
    ----------
    models : sequence of str, default MODELS
        The models: "default", "fitted (leave one war out)", "fitted (earlier wars)",
        "capabilities only" and the one-component baselines.
    min_participants : int, default 4
        Fewest usable participants a war needs.
    l2 : float, default 1.0
        L2 penalty of the fitted weights.
    cases : list of WarCase, optional
        The wars (default: ``war_cases(min_participants)``); at least 4 are needed.
    warehouse : path, optional
        The warehouse (default: the configured one). The old call ``evaluate_wars(con, ...)`` and ``con=``
        still work but are deprecated (``DeprecationWarning``).

    Returns
    -------
    WarEvaluation
        ``per_war`` and ``overall`` results, the weights used and the citations.
    """
    con = warehouse_connection(warehouse, con, "evaluate_wars")
    cases = _war_cases(con, min_participants) if cases is None else cases
    cases = [c for c in cases if c.n <= MAX_EVALUATED]
    if len(cases) < 4:
        raise ParameterError(f"evaluate_wars: {len(cases)} wars with >= {min_participants} participants; need 4")
    rows, weights = [], {}
    for case in cases:
        for model in models:
            if model == "capabilities only":
                p = _capabilities_only(case.n)
            else:
                w = _weights_for(model, case, cases, l2)
                if w is None:
                    continue
                weights[(model, case.warnum)] = w
                p = case.system.propensity(w)
            rows.append(evaluate_case(case, p, model))
    per_war = pd.DataFrame(rows)
    overall = (
        per_war.groupby("model", sort=False)
        .apply(
            lambda g: pd.Series(
                {
                    "wars": len(g),
                    "states": int(g.scored.sum()),
                    "pooled_share_right": g.right.sum() / g.scored.sum(),
                    "mean_share_right": g.share_right.mean(),
                    "actual_is_global_minimum": int((g.actual_rank == 1).sum()),
                    "median_actual_percentile": g.actual_percentile.median(),
                    "largest_basin_mean_share_right": g.largest_basin_share_right.mean(),
                }
            ),
            include_groups=False,
        )
        .reset_index()
    )
    citations = []
    for case in cases:
        citations += [c for c in case.system.citations if c not in citations]
    from alliancelab.data.warehouse import _citations as cite

    citations += [c for c in cite(con, ["wars"]) if c not in citations]
    return WarEvaluation(per_war=per_war, overall=overall, weights=weights, citations=citations)


def chance_share_right(n, samples=20000, seed=0):
    """Expected share right of a uniformly random split of n participants: the floor a model must beat.

    The share is the better of the two namings of the camps; it depends only on n.

    Parameters
    ----------
    n : int
        Participants.
    samples : int, default 20000
        Random splits drawn.
    seed : int, default 0
        Random seed.

    Returns
    -------
    float
        The expected share right (at least one half).

    Examples
    --------
    >>> round(chance_share_right(4), 2)
    0.69
    """
    rng = np.random.default_rng(seed)
    guess = rng.integers(0, 2, size=(samples, n))
    actual = np.zeros(n, dtype=np.int64)  # by symmetry any actual split gives the same distribution
    right = (guess == actual).sum(axis=1)
    return float(np.maximum(right, n - right).mean() / n)


def plot_war_evaluation(evaluation, directory, stem="landscape_wars", models=None):
    """Draw a ``WarEvaluation`` with ``figures.landscape.plot_war_evaluation``.

    The chance level of each war (``chance_share_right`` of its number of participants) is computed
    here and handed to the figure.

    Parameters
    ----------
    evaluation : WarEvaluation
        The results (``evaluate_wars``).
    directory : str or pathlib.Path
        Where to write ``{stem}.html`` and ``{stem}.png``.
    stem : str, default "landscape_wars"
        File name stem.
    models : sequence of str, optional
        Only these models.

    Returns
    -------
    list of pathlib.Path
        The paths written.
    """
    from alliancelab.figures.landscape import plot_war_evaluation as draw

    chance = {int(n): chance_share_right(int(n)) for n in evaluation.per_war["n"].unique()}
    return draw(evaluation, chance, directory, stem=stem, models=models)


__all__ = [
    "BASELINES",
    "COMPONENTS",
    "MODELS",
    "WarCase",
    "WarEvaluation",
    "actual_rank",
    "chance_share_right",
    "evaluate_case",
    "evaluate_wars",
    "plot_war_evaluation",
    "war_cases",
    "war_table",
]
