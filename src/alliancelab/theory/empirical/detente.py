"""Detente in strategic rivalries: a yearly tension index and detente periods.

For each strategic rival dyad (Thompson & Dreyer 2012) and rivalry year within GML coverage
(1816-2010), three signals, each a trailing ``smooth``-year mean (default 3):

* ``disputes``: GML militarised disputes starting between the two that year;
* ``hostility``: the highest hostility level (1-5; 0 when no dispute is under way) either side
  reached in a dispute between them under way that year;
* ``similarity``: Signorino & Ritter's S (unweighted, valued 0-3 ATOP coding) of their alliance
  portfolios (``alliancelab.measures.similarity``).

tension = (z(disputes) + z(hostility) - z(similarity)) / 3, each z standardised within the rivalry
spell over its years (a rivalry is compared with its own history; a constant signal contributes 0;
a dyad with two rivalry spells, e.g. Russia-United States 1 (1945-89) and 2 (from 2007), gives two
series).

Detente: year t is *falling* when tension_t <= max(tension_{t-window}, ..., tension_{t-1}) - drop,
i.e. at least ``drop`` (in the z units above) below the recent peak; a detente period is a run of at
least ``min_years`` consecutive falling years (a sustained fall). Defaults window=5, drop=0.5,
min_years=3, fixed before looking at any case.

``alliance_changes``: for each period and each side, the side's alliances in force at the start
that ended or lost members during the period, and the new alliances the side formed, beside the
same counts for the equally long window just before.

Sources: Thompson & Dreyer 2012 (rivalries); Gibler, Miller & Little 2016 (GML MIDs); Leeds et al.
2002 (ATOP); Signorino & Ritter 1999 (S).
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.errors import ParameterError, check_range
from alliancelab.panels.lookup import YEAR0, Lookup

DEFAULTS = {"smooth": 3, "window": 5, "drop": 0.5, "min_years": 3}
GML_FIRST, GML_END = facts.coverage("gml_dyads")


@dataclass(frozen=True)
class DetentePeriods:
    """Result of ``detente_periods``.

    Attributes
    ----------
    periods : DataFrame
        One row per detente period: dyad, series, ccode1, ccode2, rivalry, start, end, years, peak, low.
    flagged : DataFrame
        The dyad-years of the input with ``recent_peak``, ``falling`` and ``detente`` flags.
    """

    periods: pd.DataFrame
    flagged: pd.DataFrame


@dataclass(frozen=True)
class Detente:
    """Result of ``detente``: the whole pipeline.

    Attributes
    ----------
    flagged : DataFrame
        Tension dyad-years with the ``falling`` and ``detente`` flags (``detente_periods``).
    periods : DataFrame
        The detente periods.
    changes : DataFrame
        The sides' alliance changes during each period and the window before (``alliance_changes``).
    """

    flagged: pd.DataFrame
    periods: pd.DataFrame
    changes: pd.DataFrame


def similarity_by_year(pairs, warehouse=None):
    """Signorino & Ritter's S (unweighted) of the alliance portfolios of given pairs.

    Parameters
    ----------
    pairs : pandas.DataFrame
        Columns year, ccode1, ccode2.
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    numpy.ndarray of float
        S for each row of ``pairs``; NaN where a state has no portfolio that year.

    References
    ----------
    Signorino, C. S. and Ritter, J. M. (1999), "Tau-b or not tau-b", ISQ 43(1): 115-144.
    """
    from alliancelab.measures.portfolios import _load_portfolios
    from alliancelab.measures.similarity import similarity_matrix

    lookup = Lookup.get(warehouse)

    def build():
        portfolios = _load_portfolios(lookup.con, facts.SYSTEM_FIRST, facts.SYSTEM_LAST)
        out = {}
        for portfolio in portfolios:
            matrix = similarity_matrix(portfolio, "s_unweighted")
            out[portfolio.year] = (matrix.index.to_numpy(), matrix.to_numpy())  # arrays: cheap to read per year
        return out

    matrices = lookup.cached("detente_similarity", build)
    values = np.full(len(pairs), np.nan)
    year_of = pairs["year"].to_numpy()
    first, second = pairs["ccode1"].to_numpy(), pairs["ccode2"].to_numpy()
    order = np.argsort(year_of, kind="stable")
    bounds = np.flatnonzero(np.diff(year_of[order], prepend=-1, append=-1))
    for lo, hi in zip(bounds[:-1], bounds[1:]):  # one block of rows per year, by position (numpy only)
        rows = order[lo:hi]
        entry = matrices.get(int(year_of[rows[0]]))
        if entry is None:
            continue
        codes, matrix = entry
        c1, c2 = first[rows], second[rows]
        ia, ib = np.searchsorted(codes, c1), np.searchsorted(codes, c2)
        ok = (ia < len(codes)) & (ib < len(codes))
        ok[ok] &= (codes[ia[ok]] == c1[ok]) & (codes[ib[ok]] == c2[ok])
        values[rows[ok]] = matrix[ia[ok], ib[ok]]
    return values


def rival_dyad_years(warehouse=None):
    """Strategic rival dyad-years within GML coverage with the raw tension signals.

    Parameters
    ----------
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        One row per rival dyad-year (ccode1 < ccode2) in 1816-2010: ccode1, ccode2, year, rivalry, series,
        disputes, hostility, similarity, dyad (= ccode1 * 1000 + ccode2).

    References
    ----------
    Thompson, W. R. and Dreyer, D. R. (2012), Handbook of International Rivalries, CQ Press.
    Gibler, D. M., Miller, S. V. and Little, E. K. (2016), "An Analysis of the Militarized Interstate
    Dispute (MID) Dataset, 1816-2001", ISQ 60(4): 719-730.
    """
    from alliancelab.panels.adders import gml_cubes

    lookup = Lookup.get(warehouse)
    riv = lookup.table("rivalries")
    a = np.minimum(riv["ccode1"], riv["ccode2"]).to_numpy()
    b = np.maximum(riv["ccode1"], riv["ccode2"]).to_numpy()
    first = np.maximum(riv["styear"].to_numpy(), GML_FIRST)
    last = np.minimum(riv["endyear"].to_numpy(), GML_END)
    r, years = facts.spell_years(first, last)
    out = pd.DataFrame(
        {
            "ccode1": a[r],
            "ccode2": b[r],
            "year": years,
            "rivalry": riv["rivalryname"].to_numpy()[r],
            "series": riv["rivalryno"].to_numpy()[r],
        }
    )
    out = out.drop_duplicates(["ccode1", "ccode2", "year"]).reset_index(drop=True)
    i, j = lookup.positions(out["ccode1"].to_numpy()), lookup.positions(out["ccode2"].to_numpy())
    ok = (i >= 0) & (j >= 0)
    out = out[ok].reset_index(drop=True)
    i, j = i[ok], j[ok]
    t = out["year"].to_numpy() - YEAR0
    gml = gml_cubes(lookup)
    out["disputes"] = (
        gml["mid_count"][t, i, j].astype(float) + gml["mid_count"][t, j, i]
    ) / 2  # each dispute is listed both ways
    ongoing = (gml["mid_ongoing"][t, i, j] > 0) | (gml["mid_ongoing"][t, j, i] > 0)
    out["hostility"] = np.where(
        ongoing, np.maximum(gml["mid_hostlev"][t, i, j], gml["mid_hostlev"][t, j, i]), 0
    ).astype(float)
    out["similarity"] = similarity_by_year(out[["ccode1", "ccode2", "year"]], warehouse)
    out["dyad"] = out["ccode1"] * 1000 + out["ccode2"]
    return out


def _series_key(data):
    """Each rivalry spell is its own series (a dyad can have two, e.g. Russia-United States 1 and 2)."""
    return "series" if "series" in data.columns else "dyad"


def _z(series):
    sd = series.std()
    return (series - series.mean()) / sd if sd and np.isfinite(sd) and sd > 0 else series * 0.0


def tension_index(data=None, smooth=DEFAULTS["smooth"], warehouse=None):
    """Yearly tension of each strategic rival dyad.

    tension = (z(disputes) + z(hostility) - z(similarity)) / 3, each signal a trailing ``smooth``-year mean
    and each z standardised within the rivalry spell over its years (a constant signal contributes 0).

    Parameters
    ----------
    data : pandas.DataFrame, optional
        Rival dyad-years with the raw signals (``rival_dyad_years``); computed when None.
    smooth : int, default 3
        Length of the trailing mean, in years (1-20).
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        ``data`` with the smoothed signals (``disputes_smooth``, ``hostility_smooth``,
        ``similarity_smooth``) and ``tension``.

    References
    ----------
    Thompson & Dreyer 2012; Gibler, Miller & Little 2016; Signorino & Ritter 1999.
    """
    check_range("smooth", smooth, 1, 20)
    data = rival_dyad_years(warehouse) if data is None else data.copy()
    key = _series_key(data)
    data = data.sort_values([key, "year"]).reset_index(drop=True)
    g = data.groupby(key)
    for column in ("disputes", "hostility", "similarity"):
        data[f"{column}_smooth"] = g[column].transform(lambda s: s.rolling(smooth, min_periods=1).mean())
    z = {c: data.groupby(key)[f"{c}_smooth"].transform(_z) for c in ("disputes", "hostility", "similarity")}
    data["tension"] = (z["disputes"] + z["hostility"] - z["similarity"].fillna(0)) / 3
    return data


def detente_periods(tension, window=DEFAULTS["window"], drop=DEFAULTS["drop"], min_years=DEFAULTS["min_years"]):
    """Detente periods of a tension table.

    Year t is falling when tension_t <= max(tension_{t-window}, ..., tension_{t-1}) - drop; a detente
    period is a run of at least ``min_years`` consecutive falling years.

    Parameters
    ----------
    tension : pandas.DataFrame
        Columns dyad, year, tension, ccode1, ccode2, rivalry (and optionally series), as from
        ``tension_index``.
    window : int, default 5
        Years before t whose peak t is compared with.
    drop : float, default 0.5
        How far below the recent peak (in z units) a falling year is.
    min_years : int, default 3
        Shortest run of falling years that makes a period.

    Returns
    -------
    DetentePeriods
        ``periods`` (one row per period: dyad, series, ccode1, ccode2, rivalry, start, end, years,
        peak tension before the start, lowest tension in the period) and ``flagged`` (the dyad-years
        with the ``falling`` and ``detente`` flags).

    Examples
    --------
    >>> import pandas as pd
    >>> tension = pd.DataFrame({"dyad": 2365, "ccode1": 2, "ccode2": 365, "rivalry": "USA-Russia",
    ...                         "year": range(1960, 1968), "tension": [1, 1, 1, 0, -0.5, -1, -1, -1]})
    >>> detente_periods(tension).periods[["start", "end", "years"]].values.tolist()
    [[1963, 1967, 5]]
    """
    check_range("window", window, 1, 30)
    check_range("min_years", min_years, 1, 50)
    check_range("drop", drop, 0.0, None)
    for column in ("dyad", "year", "tension"):
        if column not in tension.columns:
            raise ParameterError(f"argument tension: missing column '{column}'")
    key = _series_key(tension)
    data = tension.sort_values([key, "year"]).reset_index(drop=True)
    peak = data.groupby(key)["tension"].transform(lambda s: s.shift(1).rolling(window, min_periods=1).max())
    consecutive = data.groupby(key)["year"].diff().fillna(1) == 1
    data["recent_peak"] = peak
    data["falling"] = (data["tension"] <= peak - drop) & peak.notna()
    # runs of falling years
    new_run = data["falling"] & ~(
        data["falling"].shift(1, fill_value=False) & consecutive & (data[key] == data[key].shift(1))
    )
    data["run"] = np.where(data["falling"], new_run.cumsum(), 0)
    runs = (
        data[data["falling"]]
        .groupby("run")
        .agg(
            dyad=("dyad", "first"),
            series=(key, "first"),
            start=("year", "min"),
            end=("year", "max"),
            years=("year", "size"),
            low=("tension", "min"),
            peak=("recent_peak", "first"),
        )
    )
    runs = runs[runs["years"] >= min_years].reset_index(drop=True)
    data["detente"] = (
        data["run"].isin(data[data["falling"]].groupby("run").size().loc[lambda s: s >= min_years].index)
        & data["falling"]
    )
    names = data.drop_duplicates(key).set_index(key)
    for column in ("ccode1", "ccode2", "rivalry"):
        runs[column] = names.loc[runs["series"], column].to_numpy() if len(runs) else []
    columns = ["dyad", "series", "ccode1", "ccode2", "rivalry", "start", "end", "years", "peak", "low"]
    return DetentePeriods(periods=runs[columns], flagged=data.drop(columns=["run"]))


def alliance_changes(periods, warehouse=None):
    """Alliance changes of both sides of each detente period.

    For each period and side: the side's alliances in force at the start that ended or lost a member
    during the period, the new alliances it formed, and the same counts over the equally long window just
    before (columns ending in ``_before``).

    Parameters
    ----------
    periods : pandas.DataFrame
        Detente periods (``DetentePeriods.periods``).
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        One row per period and side: dyad, rivalry, start, end, side, adversary, held, ended,
        lost_members, formed and the same counts with ``_before``.

    References
    ----------
    Leeds, B. A., Ritter, J. M., Mitchell, S. M. and Long, A. G. (2002), "Alliance Treaty Obligations and
    Provisions, 1815-1944", International Interactions 28: 237-260.
    """
    spells = facts.alliance_spells(Lookup.get(warehouse).table("atop_members"))
    alliances = spells.groupby("atopid").agg(first=("first", "min"), last=("last", "max")).reset_index()
    in_force_end = alliances.set_index("atopid")["last"]
    rows = []
    for period in periods.itertuples():
        length = period.end - period.start + 1
        for side, other in ((period.ccode1, period.ccode2), (period.ccode2, period.ccode1)):
            own = spells[spells["member"] == side]
            row = {
                "dyad": period.dyad,
                "rivalry": period.rivalry,
                "start": period.start,
                "end": period.end,
                "side": side,
                "adversary": other,
            }
            for suffix, lo, hi in (
                ("", period.start, period.end),
                ("_before", period.start - length, period.start - 1),
            ):
                held = own[(own["first"] < lo) & (own["last"] >= lo)]["atopid"].unique()
                ended = [a for a in held if in_force_end[a] <= hi and in_force_end[a] < facts.ALLIANCE_MEMBERS_LAST]
                left_members = spells[
                    spells["atopid"].isin(held)
                    & (spells["last"] >= lo)
                    & (spells["last"] <= hi)
                    & (spells["last"] < spells["atopid"].map(in_force_end))
                ]
                formed = own[(own["first"] >= lo) & (own["first"] <= hi)]["atopid"].nunique()
                row.update(
                    {
                        f"held{suffix}": len(held),
                        f"ended{suffix}": len(ended),
                        f"lost_members{suffix}": int(left_members["atopid"].nunique()),
                        f"formed{suffix}": int(formed),
                    }
                )
            rows.append(row)
    return pd.DataFrame(rows)


def detente(warehouse=None, **parameters):
    """The whole pipeline: tension index, detente periods and the sides' alliance changes.

    Parameters
    ----------
    warehouse : path, optional
        The warehouse (default: the configured one).
    **parameters
        smooth, window, drop, min_years (defaults in ``DEFAULTS``).

    Returns
    -------
    Detente
        ``flagged`` (tension dyad-years with flags), ``periods``, ``changes``.

    Examples
    --------
    >>> result = detente()
    >>> result.periods.loc[result.periods["dyad"] == 2365, ["start", "end"]].values.tolist()
    [[1965, 1967], [1969, 1977], [1987, 1989]]

    References
    ----------
    Thompson, W. R. and Dreyer, D. R. (2012), Handbook of International Rivalries, CQ Press.
    Gibler, D. M., Miller, S. V. and Little, E. K. (2016), ISQ 60(4): 719-730 (GML MIDs).
    Leeds, B. A. et al. (2002), International Interactions 28: 237-260 (ATOP).
    Signorino, C. S. and Ritter, J. M. (1999), ISQ 43(1): 115-144.
    """
    unknown = set(parameters) - set(DEFAULTS)
    if unknown:
        raise ParameterError(f"unknown parameter(s) {sorted(unknown)}; expected {sorted(DEFAULTS)}")
    p = dict(DEFAULTS, **parameters)

    def build():
        tension = tension_index(smooth=p["smooth"], warehouse=warehouse)
        found = detente_periods(tension, p["window"], p["drop"], p["min_years"])
        return found.flagged, found.periods, alliance_changes(found.periods, warehouse)

    # per-process cache (the dyad profile and the yearly page call this for every pair or year);
    # callers get copies, so they may modify what they receive
    flagged, periods, changes = Lookup.get(warehouse).cached(("detente", tuple(sorted(p.items()))), build)
    return Detente(flagged=flagged.copy(), periods=periods.copy(), changes=changes.copy())


def plot_tension(flagged, periods, dyads, stem, names=None):
    """Draw the tension of chosen dyads with their detente periods shaded.

    Parameters
    ----------
    flagged : pandas.DataFrame
        Tension dyad-years with flags (``Detente.flagged``).
    periods : pandas.DataFrame
        Detente periods (``Detente.periods``).
    dyads : list of int
        Dyad keys (ccode1 * 1000 + ccode2) to draw.
    stem : str or path
        Output path without suffix; ``.html`` and ``.png`` are written.
    names : dict, optional
        Labels for the dyads.

    Returns
    -------
    The paths written (from ``alliancelab.figures.record.detente_tension``).
    """
    from alliancelab.figures.record import detente_tension

    return detente_tension(flagged, periods, dyads, stem, names)
