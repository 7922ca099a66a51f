"""Capabilities and system structure: CINC, shares, concentration, poles, power transitions.

CINC (Singer, Bremer & Stuckey 1972): the mean of a state's shares of the system totals of the six
NMC indicators (milex, milper, irst, pec, tpop, upop), over the indicators that are not missing.

Concentration (Ray & Singer 1973): CON = sqrt((sum s_i^2 - 1/n) / (1 - 1/n)), s_i the shares of
the n states considered (the major powers by default, or all states), renormalised to sum to one.

Poles: a documented rule, not a judgement. ``poles(..., rule="share")`` counts major powers with at
least ``min_share`` (default 0.10) of the capabilities of all states; ``rule="effective"`` gives the
effective number of poles 1 / sum s_i^2 over the major powers' renormalised shares (Laakso &
Taagepera 1979, as used for polarity by e.g. Mansfield 1993).
"""

import numpy as np
import pandas as pd

from alliancelab.data.facts import SYSTEM_FIRST, SYSTEM_LAST
from alliancelab.data.source import connection_first, warehouse_connection
from alliancelab.errors import check_choice, check_range
from alliancelab.measures.regions import region_of
from alliancelab.panels import state_years

COMPONENTS = ("milex", "milper", "irst", "pec", "tpop", "upop")


def recompute_cinc(nmc):
    """Shares of each component and CINC recomputed from the components (Singer, Bremer & Stuckey 1972).

    Parameters
    ----------
    nmc : pandas.DataFrame
        ccode, year and the six components (as in the NMC file or from ``state_years().add_nmc()``).

    Returns
    -------
    pandas.DataFrame
        A copy with ``<component>_share`` columns and ``cinc_recomputed`` (mean share over the
        non-missing components; missing if all are).

    References
    ----------
    Singer, Bremer & Stuckey 1972, "Capability Distribution, Uncertainty, and Major Power War".
    """
    out = nmc.copy()
    for column in COMPONENTS:
        total = out.groupby("year")[column].transform("sum")
        out[f"{column}_share"] = out[column] / total
    shares = out[[f"{c}_share" for c in COMPONENTS]]
    out["cinc_recomputed"] = shares.mean(axis=1, skipna=True)
    return out


@connection_first
def cinc_check(warehouse=None, con=None):
    """Largest |recomputed - published| CINC over every NMC state-year, with where it occurs.

    Parameters
    ----------
    warehouse : str or pathlib.Path, optional
        The warehouse (default: the configured one).
    con : duckdb.DuckDBPyConnection, optional
        Deprecated (use ``warehouse=``): an open warehouse; the old call ``cinc_check(con)`` still works
        and warns.

    Returns
    -------
    dict
        ``max_abs_diff``, the ``ccode`` and ``year`` where it occurs, ``rows_over_1e-6`` and ``rows``.

    Examples
    --------
    >>> cinc_check()["max_abs_diff"] < 1e-3
    True

    References
    ----------
    Singer, J. D., Bremer, S. and Stuckey, J. (1972), "Capability Distribution, Uncertainty, and Major
    Power War, 1820-1965", in B. Russett (ed.), Peace, War, and Numbers, 19-48.
    """
    con = warehouse_connection(warehouse, con, "cinc_check")
    nmc = con.execute("SELECT * FROM nmc").df()
    out = recompute_cinc(nmc)
    diff = (out["cinc_recomputed"] - out["cinc"]).abs()
    worst = diff.idxmax()
    return {
        "max_abs_diff": float(diff.max()),
        "ccode": int(out.at[worst, "ccode"]),
        "year": int(out.at[worst, "year"]),
        "rows_over_1e-6": int((diff > 1e-6).sum()),
        "rows": int(diff.notna().sum()),
    }


def capability_shares(start, end, warehouse=None):
    """State-years with CINC, each component's share, major-power status and region.

    Parameters
    ----------
    start, end : int
        First and last year.
    warehouse : str or Path, optional
        The warehouse file (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        One row per state-year: the NMC columns, ``<component>_share``, ``cinc_recomputed``,
        ``major`` and ``region``.
    """
    panel = state_years(start, end, warehouse=warehouse).add_nmc().add_majors()
    out = recompute_cinc(pd.DataFrame(panel))
    out["region"] = region_of(out["ccode"].to_numpy())
    return out


def concentration(shares):
    """Ray & Singer's CON over an array of capability shares (renormalised to sum to 1).

    CON = sqrt((sum s_i^2 - 1/n) / (1 - 1/n)) over the n non-missing shares.

    Parameters
    ----------
    shares : array_like
        Capability shares (or CINC scores); missing values are dropped.

    Returns
    -------
    float
        CON in [0, 1]; NaN with fewer than two states.

    Examples
    --------
    >>> concentration([0.5, 0.5])
    0.0
    >>> concentration([1.0, 0.0])
    1.0

    References
    ----------
    Ray & Singer 1973, "Measuring the Concentration of Power in the International System".
    """
    s = np.asarray(shares, dtype=float)
    s = s[~np.isnan(s)]
    n = len(s)
    if n < 2 or s.sum() <= 0:
        return np.nan
    s = s / s.sum()
    return float(np.sqrt(max((np.sum(s**2) - 1 / n) / (1 - 1 / n), 0.0)))


def system_structure(
    start=SYSTEM_FIRST, end=SYSTEM_LAST, over="majors", min_share=0.10, top_k=(1, 3, 5), by_region=False, warehouse=None
):
    """Per year (and region): concentration, poles (both rules) and the share of the top k states.

    Parameters
    ----------
    start, end : int
        First and last year.
    over : {"majors", "all"}
        The states CON is computed over: the major powers (Ray and Singer's usual subsystem) or all.
    min_share : float
        Share of all capabilities a major power needs to count as a pole (the share rule).
    top_k : tuple of int
        k for the ``top<k>_share`` columns.
    by_region : bool
        One row per year and COW region instead of per year.
    warehouse : str or Path, optional
        The warehouse file (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        year (and region), states, majors, con, poles_share_rule, poles_effective (1 / sum s_i^2
        over the major powers' renormalised shares) and ``top<k>_share``.

    References
    ----------
    Ray & Singer 1973; Laakso & Taagepera 1979 (effective number); Mansfield 1993 (polarity).
    """
    check_choice("over", over, ("majors", "all"))
    check_range("min_share", min_share, 0.0, 1.0)
    shares = capability_shares(start, end, warehouse=warehouse)
    keys = ["year", "region"] if by_region else ["year"]
    rows = []
    for key, group in shares.groupby(keys):
        cinc = group["cinc"].to_numpy(dtype=float)
        major = group["major"].fillna(0).to_numpy(dtype=bool)
        total = np.nansum(cinc)
        ranked = np.sort(cinc[~np.isnan(cinc)])[::-1]
        pool = cinc[major] if over == "majors" else cinc
        major_shares = cinc[major][~np.isnan(cinc[major])]
        row = dict(zip(keys, key if isinstance(key, tuple) else (key,)))
        row.update(
            {
                "states": len(group),
                "majors": int(major.sum()),
                "con": concentration(pool),
                "poles_share_rule": int(np.sum(major_shares / total >= min_share)) if total > 0 else 0,
                "poles_effective": (
                    1 / np.sum((major_shares / major_shares.sum()) ** 2)
                    if len(major_shares) and major_shares.sum() > 0
                    else np.nan
                ),
            }
        )
        for k in top_k:
            row[f"top{k}_share"] = ranked[:k].sum() / total if total > 0 else np.nan
        rows.append(row)
    return pd.DataFrame(rows)


def power_transitions(start=SYSTEM_FIRST, end=SYSTEM_LAST, majors_only=True, warehouse=None):
    """Pairs where the weaker state overtakes the stronger in CINC from year t-1 to t.

    Parameters
    ----------
    start, end : int
        First and last year of t.
    majors_only : bool
        Both states must be major powers in t (the usual power-transition universe).
    warehouse : str or Path, optional
        The warehouse file (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        One row per transition: year, riser, overtaken, and the CINC of both in t-1 and t.

    References
    ----------
    Organski & Kugler 1980, *The War Ledger*.
    """
    shares = capability_shares(max(start - 1, SYSTEM_FIRST), end, warehouse=warehouse)
    shares = shares[["ccode", "year", "cinc", "major"]]
    rows = []
    by_year = {y: g for y, g in shares.groupby("year")}
    for year in range(max(start, SYSTEM_FIRST + 1), end + 1):  # a transition needs the year before
        now, before = by_year.get(year), by_year.get(year - 1)
        if now is None or before is None:
            continue
        if majors_only:
            now = now[now["major"] == 1]
        both = now.merge(before[["ccode", "cinc"]], on="ccode", suffixes=("", "_before")).dropna()
        c, b, codes = both["cinc"].to_numpy(), both["cinc_before"].to_numpy(), both["ccode"].to_numpy()
        rises = (b[:, None] < b[None, :]) & (c[:, None] > c[None, :])  # i was below j, now above
        for i, j in zip(*np.nonzero(rises)):
            rows.append(
                {
                    "year": year,
                    "riser": int(codes[i]),
                    "overtaken": int(codes[j]),
                    "riser_cinc_before": b[i],
                    "overtaken_cinc_before": b[j],
                    "riser_cinc": c[i],
                    "overtaken_cinc": c[j],
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "year",
            "riser",
            "overtaken",
            "riser_cinc_before",
            "overtaken_cinc_before",
            "riser_cinc",
            "overtaken_cinc",
        ],
    )
