"""ATOP alliances as Morrow's tests read them: one row per alliance with its kind at founding, member spells
and formation rates by dyad type.
"""

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.panels.lookup import NYEARS, YEAR0, Lookup
from alliancelab.theory.empirical import balancing
from alliancelab.theory.empirical.walt_tests import state_arrays

LAST_YEAR = facts.coverage("atop_alliances")[1]  # an alliance still in force (endyr = 0) is censored here
GML_FIRST, GML_LAST = facts.coverage("gml_dyads")
KINDS = ("major-minor", "major-major", "minor-minor")


def member_spells(warehouse=None):
    """ATOP 4.01 membership spells in force, with the member's pledge.

    The one exit-year rule of ``alliancelab.data.facts.alliance_spells``: the exit year counts;
    yrexit = 0 runs to the last ATOP year.

    Parameters
    ----------
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        The columns of ``facts.alliance_spells`` and ``pledge`` = 1 when the member pledges defense or
        offense.

    References
    ----------
    Leeds, B. A., Ritter, J. M., Mitchell, S. M. and Long, A. G. (2002), "Alliance Treaty Obligations and
    Provisions, 1815-1944", International Interactions 28: 237-260.
    """
    lookup = Lookup.get(warehouse)
    spells = lookup.cached(("alliance_spells",), lambda: facts.alliance_spells(lookup.table("atop_members")))
    return spells.assign(pledge=((spells["defense"] + spells["offense"]) > 0).astype(np.int8))


def alliance_member_years(warehouse=None):
    """One row per alliance, member and year in force.

    Parameters
    ----------
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        atopid, member, year and the obligations (``facts.alliance_member_years`` of ``member_spells``).
    """
    lookup = Lookup.get(warehouse)
    return lookup.cached(
        ("alliance_member_years_facts",), lambda: facts.alliance_member_years(member_spells(warehouse))
    )


# --- alliances -------------------------------------------------------------------------------------------
def alliance_table(warehouse=None):
    """One row per ATOP 4.01 alliance with duration, kind and capability asymmetry.

    end = endyr, or the last ATOP year when in force; duration = end - begyr (at least 0.5 year);
    ``kind`` by COW major-power status of the founding members ("major-minor" = asymmetric in Morrow's
    sense, "major-major", "minor-minor"); ``cap_asymmetry`` = largest founding member's share of the
    founding members' summed CINC (1/n = equal, 1 = one member has everything).

    Parameters
    ----------
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        atopid, begyr, endyr, ATOP's asymm and obligations, n_members, majors, end, ended (1 if it ended
        within coverage), duration, kind, cap_asymmetry, major_minor, era, defense_pact.

    References
    ----------
    Morrow, J. D. (1991), "Alliances and asymmetry: an alternative to the capability aggregation model of
    alliances", AJPS 35(4): 904-933.
    Leeds, B. A., Ritter, J. M., Mitchell, S. M. and Long, A. G. (2002), "Alliance Treaty Obligations and
    Provisions, 1815-1944", International Interactions 28: 237-260.
    """
    lookup = Lookup.get(warehouse)
    a = lookup.table("atop_alliances")
    spells = member_spells(warehouse)
    arrays = state_arrays(warehouse)
    founding = a[["atopid", "begyr"]].merge(spells, on="atopid")
    founding = founding[founding["first"] == founding["begyr"]].drop_duplicates(["atopid", "member"])
    pos = lookup.positions(founding["member"].to_numpy())
    year = np.clip(founding["begyr"].to_numpy() - YEAR0, 0, NYEARS - 1)
    good = pos >= 0
    founding["cinc"] = np.where(good, arrays["cinc"][np.maximum(pos, 0), year], np.nan)
    founding["major"] = np.where(good, np.nan_to_num(arrays["major"][np.maximum(pos, 0), year]), 0)
    grouped = founding.groupby("atopid").agg(
        n_members=("member", "size"),
        majors=("major", "sum"),
        cinc_sum=("cinc", "sum"),
        cinc_max=("cinc", "max"),
        cinc_count=("cinc", "count"),
    )
    out = a[
        [
            "atopid",
            "begyr",
            "endyr",
            "asymm",
            "bilat",
            "defense",
            "offense",
            "neutral",
            "nonagg",
            "consul",
            "wartime",
            "specthrt",
            "statthr1",
            "statthr2",
        ]
    ].merge(grouped, on="atopid", how="left")
    out["end"] = np.where(out["endyr"] == 0, LAST_YEAR, out["endyr"])
    out["ended"] = (out["endyr"] != 0).astype(int)
    out["duration"] = np.maximum(out["end"] - out["begyr"], 0.5)
    majors, n = out["majors"].fillna(0), out["n_members"].fillna(0)
    out["kind"] = np.where(
        (majors > 0) & (majors < n), "major-minor", np.where(majors >= n, "major-major", "minor-minor")
    )
    out["cap_asymmetry"] = np.where(out["cinc_count"] == out["n_members"], out["cinc_max"] / out["cinc_sum"], np.nan)
    out["major_minor"] = (out["kind"] == "major-minor").astype(int)
    out["era"] = balancing.era_of(out["begyr"].to_numpy())
    out["defense_pact"] = ((out["defense"].fillna(0) + out["offense"].fillna(0)) > 0).astype(int)
    return out


def formation_rates(start=facts.SYSTEM_FIRST, end=facts.SYSTEM_LAST, warehouse=None):
    """New dyadic alliance ties per 1,000 non-directed dyad-years at risk, by year and dyad type.

    A pair is at risk in year t when both are system members and did not share an alliance in t - 1;
    a new tie is an ATOP 4.01 onset between them in t.

    Parameters
    ----------
    start, end : int, default the first and last year of the state system
        Years.
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        year, kind ("major-major", "major-minor", "minor-minor"), dyads_at_risk, new_ties, per_1000.

    References
    ----------
    Morrow, J. D. (1991), "Alliances and asymmetry: an alternative to the capability aggregation model of
    alliances", AJPS 35(4): 904-933.
    """
    from alliancelab.measures.threat import component_cubes
    from alliancelab.panels.adders import atop_onset_cube

    lookup = Lookup.get(warehouse)
    onset = atop_onset_cube(lookup)
    allied = balancing.allied_cube("any", warehouse)
    pair = component_cubes(warehouse)["pair"]
    major = np.nan_to_num(state_arrays(warehouse)["major"]).T.astype(bool)  # (year, state)
    upper = np.triu(np.ones((lookup.size, lookup.size), dtype=bool), 1)
    facts.check_years(start, end)
    rows = []
    for year in range(max(start, facts.SYSTEM_FIRST + 1), end + 1):  # the year before gives the risk set
        t = year - YEAR0
        risk = pair[t] & upper & ~allied[t - 1]
        new = (np.maximum(onset[t], onset[t].T) > 0) & risk
        m = major[t]
        types = {"major-major": m[:, None] & m[None, :], "minor-minor": ~m[:, None] & ~m[None, :]}
        types["major-minor"] = ~types["major-major"] & ~types["minor-minor"]
        for kind, mask in types.items():
            at_risk = int((risk & mask).sum())
            rows.append({"year": year, "kind": kind, "dyads_at_risk": at_risk, "new_ties": int((new & mask).sum())})
    out = pd.DataFrame(rows)
    out["per_1000"] = 1000 * out["new_ties"] / out["dyads_at_risk"].replace(0, np.nan)
    return out


def formation_summary(rates):
    """Pooled formation rate per 1,000 dyad-years by dyad type and era, with Poisson 95% intervals.

    Parameters
    ----------
    rates : pandas.DataFrame
        Yearly rates from ``formation_rates``.

    Returns
    -------
    pandas.DataFrame
        era ("all" for all years pooled), kind, new_ties, dyad_years, per_1000, ci_low, ci_high (exact
        chi-square interval of a Poisson count).

    Examples
    --------
    >>> import pandas as pd
    >>> rates = pd.DataFrame({"year": [1900, 1901], "kind": "major-minor", "new_ties": [2, 3],
    ...                       "dyads_at_risk": [500, 500]})
    >>> row = formation_summary(rates).iloc[0]
    >>> row["era"], float(row["per_1000"])
    ('all', 5.0)
    """
    rates = rates.assign(era=balancing.era_of(rates["year"].to_numpy()))
    rows = []
    for keys, part in list(rates.groupby(["kind"])) + list(rates.groupby(["era", "kind"])):
        keys = keys if isinstance(keys, tuple) else (keys,)
        events, exposure = part["new_ties"].sum(), part["dyads_at_risk"].sum()
        low, high = _poisson_interval(events)
        rows.append(
            {
                "era": keys[0] if len(keys) == 2 else "all",
                "kind": keys[-1],
                "new_ties": int(events),
                "dyad_years": int(exposure),
                "per_1000": 1000 * events / exposure,
                "ci_low": 1000 * low / exposure,
                "ci_high": 1000 * high / exposure,
            }
        )
    return pd.DataFrame(rows)


def _poisson_interval(k, alpha=0.05):
    from scipy import stats

    low = 0.0 if k == 0 else stats.chi2.ppf(alpha / 2, 2 * k) / 2
    high = stats.chi2.ppf(1 - alpha / 2, 2 * k + 2) / 2
    return low, high
