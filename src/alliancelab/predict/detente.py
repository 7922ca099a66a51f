"""Detente features that use only information up to year t (a causal version of ``theory.empirical.detente``).

The project's detente measure (``alliancelab.theory.empirical.detente``) looks ahead in two places, which is
right for describing history but would leak into a forecast:

1. the tension index standardises each signal with the mean and standard deviation of the whole
   rivalry spell, so the tension of year t depends on the spell's later years;
2. a detente period is a run of at least ``min_years`` falling years, so the first years of a period
   are flagged only because the fall goes on afterwards (a period is defined by its end).

The causal version keeps everything else (the three trailing-mean signals, the falling rule, the
default parameters) and changes only those two steps:

1. real-time tension: z_t = (x_t - mean(x_s, s <= t)) / sd(x_s, s <= t) over the spell's years up to
   t (0 while the spell has one year or a constant signal, as in the original), and
   tension_t = (z(disputes)_t + z(hostility)_t - z(similarity)_t) / 3;
2. year t is falling when tension_t <= max(tension_{t-window}, ..., tension_{t-1}) - drop (the
   original rule, on real-time tension, evaluated by ``theory.empirical.detente.detente_periods``); a detente
   is *under way* at t when the run of consecutive falling years ending at t has lasted at least
   ``min_years`` years (so a detente is recognised in its ``min_years``-th year, not before).

Features (group ``detente``), per non-directed dyad-year:

- ``detente_now``: 1 if a detente of the pair's strategic rivalry is under way at t, else 0 (0 for
  pairs that are not strategic rivals in t);
- ``falling_years``: length of the run of falling years ending at t (0 if t is not falling or the
  pair is not a rival);
- ``rival_tension``: real-time tension in t (NaN for pairs that are not rivals in t: undefined).

All three are NaN after the GML dispute coverage ends (2010): missing is not zero.

Sources: Thompson & Dreyer 2012 (rivalries); Gibler, Miller & Little 2016 (GML MIDs); Leeds et al.
2002 (ATOP); Signorino & Ritter 1999 (S).
"""

import dataclasses

import numpy as np
import pandas as pd

from alliancelab.theory.empirical import detente as detente_theory

FEATURES = ["detente_now", "falling_years", "rival_tension"]
SIGNALS = ["disputes", "hostility", "similarity"]
GML_END = detente_theory.GML_END


def load_signals(warehouse=None):
    """Rival dyad-years with the raw tension signals (``theory.empirical.detente.rival_dyad_years``).

    Parameters
    ----------
    warehouse : path, optional; the warehouse file (default: the standard place)

    Returns
    -------
    DataFrame (ccode1, ccode2, year, series, dyad, rivalry, disputes, hostility, similarity), one row per
    strategic-rival dyad-year within GML coverage (1816-2010).

    Examples
    --------
    >>> signals = load_signals()
    >>> int(signals["year"].max())
    2010

    References
    ----------
    Thompson, W. R. and Dreyer, D. R. (2012), Handbook of International Rivalries, CQ Press.
    """
    signals = detente_theory.rival_dyad_years(warehouse)
    return signals[["ccode1", "ccode2", "year", "series", "dyad", "rivalry"] + SIGNALS].reset_index(drop=True)


def _expanding_z(values, groups):
    """(x_t - running mean) / running sd within each group, rows sorted by group then year; 0 where the sd is
    undefined or zero (pandas' ``std``, ddof=1, skipping NaN, as ``theory.empirical.detente``)."""
    grouped = pd.Series(values).groupby(groups, sort=False)
    mean = grouped.transform(lambda s: s.expanding(min_periods=1).mean()).to_numpy()
    sd = grouped.transform(lambda s: s.expanding(min_periods=1).std()).to_numpy()
    ok = np.isfinite(sd) & (sd > 0)
    z = np.where(ok, (values - mean) / np.where(ok, sd, 1.0), 0.0)
    return np.where(np.isnan(values), np.nan, z)


def real_time_tension(signals, smooth=detente_theory.DEFAULTS["smooth"]):
    """Tension per rival dyad-year computed from the spell's years up to t only (module doc, step 1).

    tension_t = (z(disputes)_t + z(hostility)_t - z(similarity)_t) / 3, with z_t the signal's trailing
    ``smooth``-year mean standardised by the mean and sd of the spell's years <= t.

    Parameters
    ----------
    signals : DataFrame from :func:`load_signals`
    smooth : int, the trailing-mean length in years (``theory.empirical.detente.DEFAULTS``)

    Returns
    -------
    DataFrame: ``signals`` sorted by series and year, with a ``tension`` column.

    Examples
    --------
    >>> tension = real_time_tension(load_signals())
    >>> bool(tension.groupby("series")["tension"].first().eq(0).all())  # a spell's first year has no history
    True
    """
    data = signals.sort_values(["series", "year"]).reset_index(drop=True)
    groups = data["series"].to_numpy()
    z = {}
    for column in SIGNALS:
        smoothed = (
            data.groupby("series", sort=False)[column]
            .transform(lambda s: s.rolling(smooth, min_periods=1).mean())
            .to_numpy()
        )
        z[column] = _expanding_z(smoothed, groups)
    data["tension"] = (z["disputes"] + z["hostility"] - np.nan_to_num(z["similarity"], nan=0.0)) / 3
    return data


def _flagged_years(result):
    """The dyad-years table (with ``falling``) from ``detente_periods``' result: a (periods, dyad-years)
    tuple, or a dataclass with a DataFrame field holding the ``falling`` column."""
    parts = (
        [getattr(result, f.name) for f in dataclasses.fields(result)]
        if dataclasses.is_dataclass(result)
        else list(result)
    )
    for part in parts:
        if isinstance(part, pd.DataFrame) and "falling" in part.columns:
            return part
    raise TypeError("theory.empirical.detente.detente_periods returned no table with a 'falling' column")


def causal_detente(
    signals,
    end=None,
    window=detente_theory.DEFAULTS["window"],
    drop=detente_theory.DEFAULTS["drop"],
    min_years=detente_theory.DEFAULTS["min_years"],
):
    """Rival dyad-years (ccode1, ccode2, year) with real-time tension, falling, falling_years, detente_now.

    Parameters
    ----------
    signals : DataFrame from :func:`load_signals` (rows of later years are ignored when ``end`` is given)
    end : int, optional; use rows with year <= end only
    window, drop, min_years : the detente rule's parameters (``theory.empirical.detente.DEFAULTS``)

    Returns
    -------
    DataFrame; the values of year t depend on the signal rows of years <= t only.

    Examples
    --------
    >>> table = causal_detente(load_signals(), end=1975)
    >>> bool(table.loc[(table["dyad"] == 2365) & (table["year"] == 1974), "detente_now"].iloc[0])
    True

    References
    ----------
    Thompson, W. R. and Dreyer, D. R. (2012), Handbook of International Rivalries, CQ Press.
    """
    if end is not None:
        signals = signals[signals["year"] <= end]
    tension = real_time_tension(signals)
    flagged = _flagged_years(detente_theory.detente_periods(tension, window, drop, min_years))
    flagged = flagged.sort_values(["series", "year"]).reset_index(drop=True)
    falling = flagged["falling"].to_numpy(dtype=bool)
    same = ((flagged["series"] == flagged["series"].shift(1)) & (flagged["year"].diff() == 1)).to_numpy()
    # length of the falling run ending at each row: a running count reset at every non-falling row or break
    block = np.cumsum((~falling) | ~same)
    run = pd.Series(falling.astype(np.int64)).groupby(block).cumsum().to_numpy() * falling
    flagged["falling_years"] = run.astype(float)
    flagged["detente_now"] = (run >= min_years).astype(float)
    return flagged[["ccode1", "ccode2", "year", "series", "dyad", "tension", "falling", "falling_years", "detente_now"]]


def detente_features(signals, ccode1, ccode2, year):
    """The ``detente`` group for the given non-directed dyad-years (module doc).

    Parameters
    ----------
    signals : DataFrame from :func:`load_signals`
    ccode1, ccode2, year : arrays of the non-directed dyad-years (ccode1 < ccode2)

    Returns
    -------
    dict of arrays ``detente_now``, ``falling_years``, ``rival_tension``, aligned with the input rows.

    Examples
    --------
    >>> out = detente_features(load_signals(), [2, 2], [365, 200], [1974, 1974])
    >>> out["detente_now"].tolist(), out["falling_years"].tolist()
    ([1.0, 0.0], [6.0, 0.0])
    """
    end = int(np.max(year)) if len(year) else None
    table = causal_detente(signals, end=end)
    # a pair with two rivalry spells in one year keeps the one with the higher tension (none in the data)
    table = table.sort_values("tension").drop_duplicates(["ccode1", "ccode2", "year"], keep="last")
    rows = pd.DataFrame({"ccode1": ccode1, "ccode2": ccode2, "year": year})
    merged = rows.merge(table, on=["ccode1", "ccode2", "year"], how="left")
    covered = np.asarray(year) <= GML_END
    rival = merged["tension"].notna().to_numpy() | merged["falling"].notna().to_numpy()
    out = {
        "detente_now": np.where(covered, np.where(rival, merged["detente_now"].to_numpy(), 0.0), np.nan),
        "falling_years": np.where(covered, np.where(rival, merged["falling_years"].to_numpy(), 0.0), np.nan),
        "rival_tension": np.where(covered, merged["tension"].to_numpy(dtype=float), np.nan),
    }
    return out
