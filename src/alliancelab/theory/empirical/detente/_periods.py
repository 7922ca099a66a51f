"""Tension index, detente periods, the sides' alliance changes and the whole pipeline (``detente``)."""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.errors import ParameterError
from alliancelab.panels.lookup import Lookup
from alliancelab.theory.empirical.detente._params import DEFAULTS, DetenteParams
from alliancelab.theory.empirical.detente._signals import rival_dyad_years


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


def _series_key(data):
    """Each rivalry spell is its own series (a dyad can have two, e.g. Russia-United States 1 and 2)."""
    return "series" if "series" in data.columns else "dyad"


def _z(series):
    sd = series.std()
    return (series - series.mean()) / sd if sd and np.isfinite(sd) and sd > 0 else series * 0.0


@DetenteParams.keywords
def tension_index(data=None, smooth=DEFAULTS["smooth"], warehouse=None, params: DetenteParams | None = None):
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
    params : DetenteParams, optional
        Takes ``smooth`` from here (the other fields are not used); ``smooth``, when given, applies on top.

    Returns
    -------
    pandas.DataFrame
        ``data`` with the smoothed signals (``disputes_smooth``, ``hostility_smooth``,
        ``similarity_smooth``) and ``tension``.

    References
    ----------
    Thompson & Dreyer 2012; Gibler, Miller & Little 2016; Signorino & Ritter 1999.
    """
    smooth = DetenteParams(smooth=smooth).smooth
    data = rival_dyad_years(warehouse) if data is None else data.copy()
    key = _series_key(data)
    data = data.sort_values([key, "year"]).reset_index(drop=True)
    g = data.groupby(key)
    for column in ("disputes", "hostility", "similarity"):
        data[f"{column}_smooth"] = g[column].transform(lambda s: s.rolling(smooth, min_periods=1).mean())
    z = {c: data.groupby(key)[f"{c}_smooth"].transform(_z) for c in ("disputes", "hostility", "similarity")}
    data["tension"] = (z["disputes"] + z["hostility"] - z["similarity"].fillna(0)) / 3
    return data


@DetenteParams.keywords
def detente_periods(
    tension,
    window=DEFAULTS["window"],
    drop=DEFAULTS["drop"],
    min_years=DEFAULTS["min_years"],
    params: DetenteParams | None = None,
):
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
    params : DetenteParams, optional
        ``window``, ``drop`` and ``min_years`` at once (``smooth`` is not used); the keywords, when given, apply
        on top.

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
    >>> detente_periods(tension, params=DetenteParams(min_years=6)).periods.empty
    True
    """
    checked = DetenteParams(window=window, drop=drop, min_years=min_years)
    window, drop, min_years = checked.window, checked.drop, checked.min_years
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


def detente(warehouse=None, params=None, **parameters):
    """The whole pipeline: tension index, detente periods and the sides' alliance changes.

    Parameters
    ----------
    warehouse : path, optional
        The warehouse (default: the configured one).
    params : DetenteParams, optional
        smooth, window, drop, min_years (default: ``DetenteParams()``).
    **parameters
        The older call style: the same names as keywords, applied on top of ``params``
        (unknown names raise ``ParameterError``).

    Returns
    -------
    Detente
        ``flagged`` (tension dyad-years with flags), ``periods``, ``changes``.

    Examples
    --------
    >>> result = detente(params=DetenteParams(drop=0.5))  # or the older detente(drop=0.5)
    >>> result.periods.loc[result.periods["dyad"] == 2365, ["start", "end"]].values.tolist()
    [[1965, 1967], [1969, 1977], [1987, 1989]]

    References
    ----------
    Thompson, W. R. and Dreyer, D. R. (2012), Handbook of International Rivalries, CQ Press.
    Gibler, D. M., Miller, S. V. and Little, E. K. (2016), ISQ 60(4): 719-730 (GML MIDs).
    Leeds, B. A. et al. (2002), International Interactions 28: 237-260 (ATOP).
    Signorino, C. S. and Ritter, J. M. (1999), ISQ 43(1): 115-144.
    """
    p = DetenteParams.resolve(params, parameters)

    def build():
        tension = tension_index(warehouse=warehouse, params=p)
        found = detente_periods(tension, params=p)
        return found.flagged, found.periods, alliance_changes(found.periods, warehouse)

    # per-process cache (the dyad profile and the yearly page call this for every pair or year);
    # callers get copies, so they may modify what they receive
    flagged, periods, changes = Lookup.get(warehouse).cached(("detente", tuple(sorted(p.to_dict().items()))), build)
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
