"""Alliance management on the real record: Morrow's security-autonomy trade-off and Snyder's alliance
security dilemma.

Morrow (1991), "Alliances and asymmetry", AJPS 35(4): asymmetric alliances (a major power trading
security for autonomy with a minor one) form more easily and last longer than symmetric ones, and
large changes in the members' capabilities raise the hazard of an alliance ending.

* ``alliance_table``: one row per ATOP 4.01 alliance: begyr, end (endyr, or 2016, the last ATOP year, if in force),
  duration (end - begyr, at least 0.5 year), ended (1 if it ended within coverage), founding
  members, ``kind`` by COW major-power status at founding ("major-minor" = asymmetric in Morrow's
  sense, "major-major", "minor-minor"), ``cap_asymmetry`` = largest member's share of the
  members' summed CINC at founding (1/n = equal, 1 = one member has everything), ATOP ``asymm``.
* ``formation_rates``: per year and dyad type, new dyadic ties (ATOP 4.01 onset) per 1,000
  non-directed dyad-years at risk (pairs not already sharing an alliance).
* ``survival``: Kaplan-Meier curves by kind and by ATOP ``asymm``, log-rank tests, and a Cox
  proportional-hazards model (lifelines) of alliance duration.
* ``capability_change_hazard``: alliance-years; ``cap_change`` = total-variation distance between
  the founding members' capability shares within the alliance now and at founding,
  (1/2) sum_k |s_k(t) - s_k(0)|; ``large_change`` = cap_change >= 0.10. Discrete-time logit of
  the alliance ending in year t (errors clustered by alliance) with log duration as baseline.

Snyder (1984), "The security dilemma in alliance politics", World Politics 36(4). Per member and
alliance-year (``snyder_indicators``):
* ``partner_alternatives``: mean over the partners of their defense/offense allies outside this
  alliance (a partner with other options can abandon more easily);
* ``dependence``: share of the alliance's CINC contributed by the partners, 1 - cinc_i / sum;
* ``commitment``: strength of the member's obligation: 1.0 defense or offense without conditions,
  0.75 with conditions (ATOP ``conditio``), 0.5 neutrality, 0.25 consultation or non-aggression,
  0 when the member itself pledges nothing (the receiving side of an asymmetric treaty);
* ``partner_disputes``: GML disputes under way that year between a partner and a state outside
  the alliance (the partner's quarrels that could drag the ally in).
Abandonment risk rises with partner_alternatives and dependence and falls with commitment;
entrapment risk rises with commitment and partner_disputes and falls with dependence. The two
indices are the means of the components' percentile ranks within the year (0-1, higher = more
risk); they order cases, they are not probabilities. ``snyder_outcomes`` asks whether the
components foretell an alliance's end (logit, next year), ``snyder_by_polarity`` whether that
differs between multipolar (to 1945), bipolar (1946-89) and unipolar (from 1990) systems.

``rivalry_alliances`` / ``detente_weakening``: alliances tied to a strategic rivalry (an alliance
with one rival whose treaty names the other, or whose rival member's decision targets the other),
and whether they end or lose members more often in detente years (``alliancelab.theory.empirical.detente``).
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.data.facts import spell_years
from alliancelab.eras import POLARITY, polarity_of
from alliancelab.errors import ParameterError, check_range
from alliancelab.panels.lookup import NYEARS, YEAR0, Lookup
from alliancelab.theory.empirical import balancing
from alliancelab.theory.empirical.results import HazardResult, SnyderIndicators
from alliancelab.theory.empirical.walt_tests import fit_logit, state_arrays

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


# --- survival -------------------------------------------------------------------------------------------
def kaplan_meier(durations, events, groups):
    """Kaplan-Meier survival curves per group (lifelines).

    Parameters
    ----------
    durations : array of float
        Time to the event or to censoring.
    events : array of int
        1 when the event (an alliance's end) was observed, 0 when censored.
    groups : array
        The group of each observation.

    Returns
    -------
    curves : dict
        group -> DataFrame with time, survival, ci_low, ci_high.
    medians : dict
        group -> median survival time (inf when the curve stays above 0.5).

    Examples
    --------
    >>> import numpy as np
    >>> curves, medians = kaplan_meier(np.array([1, 2, 3, 4]), np.array([1, 1, 1, 1]), np.array(["a", "a", "b", "b"]))
    >>> medians["a"], medians["b"]
    (1.0, 3.0)

    References
    ----------
    Kaplan, E. L. and Meier, P. (1958), "Nonparametric estimation from incomplete observations", JASA
    53(282): 457-481.
    """
    from lifelines import KaplanMeierFitter

    curves, medians = {}, {}
    for group in pd.unique(groups):
        mask = np.asarray(groups) == group
        fitter = KaplanMeierFitter().fit(np.asarray(durations)[mask], np.asarray(events)[mask], label=str(group))
        frame = fitter.survival_function_.join(fitter.confidence_interval_)
        frame.columns = ["survival", "ci_low", "ci_high"]
        curves[group] = frame.reset_index().rename(columns={"timeline": "time"})
        medians[group] = float(fitter.median_survival_time_)
    return curves, medians


def cox_model(frame, duration="duration", event="ended", covariates=("major_minor", "cap_asymmetry")):
    """Cox proportional-hazards model (lifelines, robust sandwich errors).

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per alliance (rows with a missing value are dropped).
    duration : str, default "duration"
        Column of durations.
    event : str, default "ended"
        Column of event flags (1 = ended, 0 = censored).
    covariates : sequence of str, default ("major_minor", "cap_asymmetry")
        Covariate columns.

    Returns
    -------
    pandas.DataFrame
        coef, exp(coef), se(coef), p per covariate; ``attrs`` n, events, concordance.

    Raises
    ------
    ParameterError
        When the data hold no events.

    References
    ----------
    Cox, D. R. (1972), "Regression models and life-tables", JRSS B 34(2): 187-220.
    """
    from lifelines import CoxPHFitter

    data = frame[[duration, event, *covariates]].apply(pd.to_numeric, errors="coerce").dropna()
    if data[event].sum() == 0:
        raise ParameterError("no events in the data: cannot fit a Cox model")
    fitter = CoxPHFitter().fit(data, duration_col=duration, event_col=event, robust=True)
    table = fitter.summary[["coef", "exp(coef)", "se(coef)", "p"]].copy()
    table.attrs.update(
        {"n": len(data), "events": int(data[event].sum()), "concordance": float(fitter.concordance_index_)}
    )
    return table


@dataclass(frozen=True)
class Survival:
    """Result of ``survival`` (Morrow's duration test).

    Attributes
    ----------
    km_kind, km_asymm : dict
        Kaplan-Meier curves (group -> DataFrame) by kind and by ATOP ``asymm``.
    median_kind, median_asymm : dict
        Median duration in years per group.
    tests : DataFrame
        Log-rank tests (test, statistic, p).
    cox : DataFrame
        Cox proportional-hazards coefficients (attrs: n, events, concordance).
    alliances : DataFrame
        The alliances used (with the era dummies).
    """

    km_kind: dict
    median_kind: dict
    km_asymm: dict
    median_asymm: dict
    tests: pd.DataFrame
    cox: pd.DataFrame
    alliances: pd.DataFrame


def survival(alliances=None, warehouse=None):
    """Morrow's duration test: KM by kind and by ATOP asymm, log-rank tests, Cox model.

    Parameters
    ----------
    alliances : DataFrame, optional
        ``alliance_table`` output (computed when omitted).
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    Survival
        km_kind, median_kind, km_asymm, median_asymm, tests, cox, alliances.

    Examples
    --------
    >>> sorted(survival().median_kind)
    ['major-major', 'major-minor', 'minor-minor']

    References
    ----------
    Morrow, J. D. (1991), "Alliances and asymmetry", AJPS 35(4): 904-933.
    """
    from lifelines.statistics import logrank_test, multivariate_logrank_test

    if alliances is None:
        alliances = alliance_table(warehouse)
    data = alliances.dropna(subset=["duration", "ended"])
    by_kind, med_kind = kaplan_meier(data["duration"], data["ended"], data["kind"])
    asym = data.dropna(subset=["asymm"])
    by_asymm, med_asymm = kaplan_meier(
        asym["duration"],
        asym["ended"],
        asym["asymm"].astype(int).map({0: "symmetric obligations", 1: "asymmetric obligations (ATOP asymm)"}),
    )
    kinds = multivariate_logrank_test(data["duration"], data["kind"], data["ended"])
    mm = data["kind"] == "major-minor"
    two = logrank_test(
        data.loc[mm, "duration"], data.loc[~mm, "duration"], data.loc[mm, "ended"], data.loc[~mm, "ended"]
    )
    a1 = asym["asymm"] == 1
    atop = logrank_test(
        asym.loc[a1, "duration"], asym.loc[~a1, "duration"], asym.loc[a1, "ended"], asym.loc[~a1, "ended"]
    )
    covariates = ("major_minor", "cap_asymmetry", "asymm", "n_members", "defense_pact", "cold_war", "post_1991")
    data = data.assign(
        cold_war=(data["era"] == "Cold War").astype(int), post_1991=(data["era"] == "post-1991").astype(int)
    )
    cox = cox_model(data, covariates=covariates)
    tests = pd.DataFrame(
        [
            {"test": "log-rank, three kinds", "statistic": kinds.test_statistic, "p": kinds.p_value},
            {"test": "log-rank, major-minor vs symmetric", "statistic": two.test_statistic, "p": two.p_value},
            {"test": "log-rank, ATOP asymm 1 vs 0", "statistic": atop.test_statistic, "p": atop.p_value},
        ]
    )
    return Survival(
        km_kind=by_kind,
        median_kind=med_kind,
        km_asymm=by_asymm,
        median_asymm=med_asymm,
        tests=tests,
        cox=cox,
        alliances=data,
    )


def alliance_years(warehouse=None):
    """Alliance-years with the capability-change measure and the termination flag.

    cap_change = (1/2) sum_k |s_k(t) - s_k(0)|: the total-variation distance between the founding members'
    capability (CINC) shares within the alliance in year t and at founding; a member that left the system
    counts with capability 0.

    Parameters
    ----------
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        atopid, year, cap_change, members, begyr, end, ended, kind, major_minor, cap_asymmetry, asymm,
        terminated (1 in the year the alliance ended), age, log_age.

    References
    ----------
    Morrow, J. D. (1991), "Alliances and asymmetry: an alternative to the capability aggregation model of
    alliances", AJPS 35(4): 904-933.
    """
    lookup = Lookup.get(warehouse)
    alliances = alliance_table(warehouse)
    spells = member_spells(warehouse)
    founding = alliances[["atopid", "begyr", "end", "ended"]].merge(spells, on="atopid")
    founding = founding[founding["first"] == founding["begyr"]].drop_duplicates(["atopid", "member"])
    rows, years = spell_years(founding["begyr"], founding["end"])
    panel = pd.DataFrame(
        {
            "atopid": founding["atopid"].to_numpy()[rows],
            "member": founding["member"].to_numpy()[rows],
            "begyr": founding["begyr"].to_numpy()[rows],
            "year": years,
        }
    )
    arrays = state_arrays(warehouse)
    pos = lookup.positions(panel["member"].to_numpy())
    good = pos >= 0
    yi = np.clip(panel["year"].to_numpy() - YEAR0, 0, NYEARS - 1)
    bi = np.clip(panel["begyr"].to_numpy() - YEAR0, 0, NYEARS - 1)
    panel["cinc"] = np.where(good, arrays["cinc"][np.maximum(pos, 0), yi], np.nan)
    panel["cinc0"] = np.where(good, arrays["cinc"][np.maximum(pos, 0), bi], np.nan)
    # a state that left the system (absorbed, occupied) counts with capability 0 after it leaves
    panel["cinc"] = panel["cinc"].fillna(0.0).where(panel["cinc0"].notna())
    g = panel.groupby(["atopid", "year"])
    panel["share"] = panel["cinc"] / g["cinc"].transform("sum")
    panel["share0"] = panel["cinc0"] / g["cinc0"].transform("sum")
    panel["gap"] = (panel["share"] - panel["share0"]).abs()
    out = panel.groupby(["atopid", "year"], as_index=False).agg(cap_change=("gap", "sum"), members=("member", "size"))
    out["cap_change"] = out["cap_change"] / 2
    out = out.merge(
        alliances[["atopid", "begyr", "end", "ended", "kind", "major_minor", "cap_asymmetry", "asymm"]], on="atopid"
    )
    out["terminated"] = ((out["year"] == out["end"]) & (out["ended"] == 1)).astype(int)
    out["age"] = out["year"] - out["begyr"]
    out["log_age"] = np.log1p(out["age"])
    return out


def capability_change_hazard(years=None, threshold=0.10, warehouse=None):
    """Does a large change in the members' relative capabilities raise the hazard of termination?

    Discrete-time logit of the alliance ending in year t on ``large_change`` (cap_change in t - 1 >=
    ``threshold``), log age and major_minor, on alliance-years after the founding year; errors clustered
    by alliance.

    Parameters
    ----------
    years : pandas.DataFrame, optional
        Alliance-years from ``alliance_years`` (computed when None).
    threshold : float, default 0.10
        The cap_change that counts as large (0-1).
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    HazardResult
        ``table`` (logit coefficients), ``rates`` (termination rate with and without a large change) and
        ``data`` (the alliance-years used).

    References
    ----------
    Morrow, J. D. (1991), "Alliances and asymmetry: an alternative to the capability aggregation model of
    alliances", AJPS 35(4): 904-933.
    """
    check_range("threshold", threshold, 0.0, 1.0)
    data = alliance_years(warehouse) if years is None else years.copy()
    data = data[data["age"] > 0].copy()
    # the change measured in t - 1 (a termination in t cannot be caused by t's own capabilities)
    data = data.sort_values(["atopid", "year"])
    data["cap_change_lag"] = data.groupby("atopid")["cap_change"].shift(1).fillna(0.0)
    data["large_change"] = (data["cap_change_lag"] >= threshold).astype(float)
    table = fit_logit(data, "terminated", ["large_change", "log_age", "major_minor"], cluster="atopid").table
    rates = data.groupby("large_change")["terminated"].agg(["mean", "size", "sum"]).reset_index()
    rates.columns = ["large_change", "termination_rate", "alliance_years", "terminations"]
    return HazardResult(table, rates, data)


# --- Snyder --------------------------------------------------------------------------------------------
def snyder_indicators(start=facts.SYSTEM_FIRST, end=facts.SYSTEM_LAST, warehouse=None):
    """Abandonment and entrapment indicators per member and alliance-year, and their alliance-year means.

    partner_alternatives = mean over the partners of their defense/offense allies outside this alliance;
    dependence = 1 - cinc_i / sum of the members' CINC; commitment = 1.0 defense or offense without
    conditions, 0.75 with conditions, 0.5 neutrality, 0.25 consultation or non-aggression, 0 no pledge;
    partner_disputes = GML disputes under way between a partner and a state outside the alliance.
    abandonment_risk and entrapment_risk are means of the components' percentile ranks within the year
    (0-1, higher = more risk; they order cases, they are not probabilities).

    Parameters
    ----------
    start, end : int, default the first and last year of the state system
        Years.
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    SnyderIndicators
        ``member_years`` (atopid, member, year, cinc, partners and the indicators) and
        ``alliance_years`` (their means per alliance-year; dependence is the most dependent member's).

    References
    ----------
    Snyder, G. H. (1984), "The security dilemma in alliance politics", World Politics 36(4): 461-495.
    """
    from alliancelab.panels.adders import gml_cubes

    lookup = Lookup.get(warehouse)
    amy = alliance_member_years(warehouse)[["atopid", "member", "year"]]
    amy = amy[(amy["year"] >= start) & (amy["year"] <= min(end, facts.ALLIANCE_MEMBERS_LAST))].copy()
    m = lookup.table("atop_members")
    rows = member_spells(warehouse)  # row order of atop_members
    rows = rows.assign(conditio=m["conditio"].fillna(0).to_numpy())
    r_idx, r_year = spell_years(rows["first"], rows["last"])
    strength = np.where(
        rows["pledge"] > 0,
        np.where(rows["conditio"] > 0, 0.75, 1.0),
        np.where(rows["neutral"] > 0, 0.5, np.where((rows["consul"] + rows["nonagg"]) > 0, 0.25, 0.0)),
    )
    commit = pd.DataFrame(
        {
            "atopid": rows["atopid"].to_numpy()[r_idx],
            "member": rows["member"].to_numpy()[r_idx],
            "year": r_year,
            "commitment": strength[r_idx],
        }
    )
    commit = commit.groupby(["atopid", "member", "year"], as_index=False)["commitment"].max()
    amy = amy.merge(commit, on=["atopid", "member", "year"], how="left")
    pos = lookup.positions(amy["member"].to_numpy())
    amy = amy[pos >= 0].reset_index(drop=True)
    pos = lookup.positions(amy["member"].to_numpy())
    yi = amy["year"].to_numpy() - YEAR0
    arrays = state_arrays(warehouse)
    amy["cinc"] = arrays["cinc"][pos, yi]
    allied = balancing.allied_cube("defense", warehouse)
    ongoing = gml_cubes(lookup)["mid_ongoing"]
    ongoing = (ongoing > 0) | (ongoing.transpose(0, 2, 1) > 0)
    # per member-year: number of defense allies overall; disputes overall
    n_allies = allied[yi, pos].sum(axis=1)
    disputes = ongoing[yi, pos].sum(axis=1)
    gml_years = (amy["year"] >= GML_FIRST) & (amy["year"] <= GML_LAST)
    amy["all_allies"] = n_allies
    amy["all_disputes"] = np.where(gml_years, disputes, np.nan)
    # members of the same alliance-year: subtract within-alliance ties
    key = amy[["atopid", "year", "member"]]
    pairs = key.merge(key, on=["atopid", "year"], suffixes=("", "_p"))
    pairs = pairs[pairs["member"] != pairs["member_p"]]
    pi = lookup.positions(pairs["member"].to_numpy())
    pq = lookup.positions(pairs["member_p"].to_numpy())
    py = pairs["year"].to_numpy() - YEAR0
    pairs["dispute_with_member"] = ongoing[py, pi, pq]
    # partner alternatives: partner's allies minus those inside this alliance (approx. partners - 1 allied)
    inside_allied = pairs.assign(ally=allied[py, pi, pq]).groupby(["atopid", "year", "member"])["ally"].sum()
    inside_disp = pairs.groupby(["atopid", "year", "member"])["dispute_with_member"].sum()
    amy = amy.set_index(["atopid", "year", "member"])
    amy["outside_allies"] = amy["all_allies"] - inside_allied.reindex(amy.index).fillna(0)
    amy["outside_disputes"] = amy["all_disputes"] - inside_disp.reindex(amy.index).fillna(0)
    amy = amy.reset_index()
    g = amy.groupby(["atopid", "year"])
    total_alt = g["outside_allies"].transform("sum")
    total_disp = g["outside_disputes"].transform("sum")
    size = g["member"].transform("size")
    cinc_sum = g["cinc"].transform("sum")
    amy["partners"] = size - 1
    amy["partner_alternatives"] = np.where(
        size > 1, (total_alt - amy["outside_allies"]) / (size - 1).clip(lower=1), np.nan
    )
    amy["partner_disputes"] = total_disp - amy["outside_disputes"]
    amy["dependence"] = 1 - amy["cinc"] / cinc_sum
    rank = lambda column: amy.groupby("year")[column].rank(pct=True)  # noqa: E731
    amy["abandonment_risk"] = (rank("partner_alternatives") + rank("dependence") + (1 - rank("commitment"))) / 3
    amy["entrapment_risk"] = (rank("commitment") + rank("partner_disputes") + (1 - rank("dependence"))) / 3
    amy = amy[amy["partners"] > 0]
    columns = [
        "partner_alternatives",
        "dependence",
        "commitment",
        "partner_disputes",
        "abandonment_risk",
        "entrapment_risk",
    ]
    alliance = amy.groupby(["atopid", "year"], as_index=False)[columns].mean()
    # the most dependent member shows the alliance's dependence (the mean is 1/2 for every pair)
    alliance["dependence"] = amy.groupby(["atopid", "year"])["dependence"].max().to_numpy()
    alliance["members"] = amy.groupby(["atopid", "year"])["member"].size().to_numpy()
    keep = ["atopid", "member", "year", "cinc", "partners", *columns]
    return SnyderIndicators(amy[keep].reset_index(drop=True), alliance)


def snyder_outcomes(alliance_years, warehouse=None):
    """Do Snyder's indicators foretell an alliance's end?

    Logit of the alliance ending in t + 1 on the alliance-year indicators in t (log1p of
    partner_alternatives and partner_disputes, dependence, commitment), errors clustered by alliance.

    Parameters
    ----------
    alliance_years : pandas.DataFrame
        ``SnyderIndicators.alliance_years``.
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    table : pandas.DataFrame
        Logit coefficients (``attrs``: n, events).
    data : pandas.DataFrame
        The alliance-years used, with ``ends_next_year``.

    References
    ----------
    Snyder, G. H. (1984), "The security dilemma in alliance politics", World Politics 36(4): 461-495.
    """
    data = alliance_years.sort_values(["atopid", "year"]).copy()
    ends = alliance_table(warehouse)[["atopid", "end", "ended"]]
    data = data.merge(ends, on="atopid")
    data["ends_next_year"] = ((data["year"] + 1 == data["end"]) & (data["ended"] == 1)).astype(float)
    data = data[data["year"] < data["end"]]
    data["log_partner_alternatives"] = np.log1p(data["partner_alternatives"])
    data["log_partner_disputes"] = np.log1p(data["partner_disputes"])
    covariates = ["log_partner_alternatives", "dependence", "commitment", "log_partner_disputes"]
    table = fit_logit(data, "ends_next_year", covariates, cluster="atopid").table
    return table, data


def snyder_by_polarity(alliance_years, warehouse=None):
    """Snyder's outcome logit fitted separately in each polarity.

    Multipolar (to 1945), bipolar (1946-89) and unipolar (from 1990) systems: Snyder expects the alliance
    security dilemma to be sharper in multipolar systems.

    Parameters
    ----------
    alliance_years : pandas.DataFrame
        ``SnyderIndicators.alliance_years``.
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        One row per polarity and indicator: the ``snyder_outcomes`` coefficients, polarity, n, events.

    References
    ----------
    Snyder, G. H. (1984), "The security dilemma in alliance politics", World Politics 36(4): 461-495.
    """
    frames = []
    data = alliance_years.assign(polarity=polarity_of(alliance_years["year"].to_numpy()))
    for _low, _high, label in POLARITY:
        part = data[data["polarity"] == label]
        table, _ = snyder_outcomes(part, warehouse)
        table = table.drop(index="const").assign(polarity=label, n=table.attrs["n"], events=table.attrs["events"])
        frames.append(table.rename_axis("indicator").reset_index())
    return pd.concat(frames, ignore_index=True)


# --- rivalry-tied alliances and detente -----------------------------------------------------------------
def rivalry_alliances(classified=None, warehouse=None):
    """Alliances tied to a strategic rivalry.

    For a rival dyad (a, b): one rival (``side``) is a member, the other (``adversary``) is not, and the
    treaty names the adversary or the side's alignment decision targets it, during the rivalry.

    Parameters
    ----------
    classified : pandas.DataFrame, optional
        Classified alignment decisions (``alliancelab.theory.empirical.balancing.classify``; computed when None).
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        atopid, side, adversary, dyad (= min * 1000 + max), year, tie ("named" or "targeted").

    References
    ----------
    Thompson, W. R. and Dreyer, D. R. (2012), Handbook of International Rivalries, CQ Press.
    """
    lookup = Lookup.get(warehouse)
    if classified is None:
        classified = balancing.classify(warehouse=warehouse)
    riv = lookup.table("rivalries")[["ccode1", "ccode2", "styear", "endyear"]]
    both = pd.concat(
        [
            riv.rename(columns={"ccode1": "side", "ccode2": "adversary"}),
            riv.rename(columns={"ccode2": "side", "ccode1": "adversary"}),
        ],
        ignore_index=True,
    )
    d = classified[["atopid", "member", "year", "target", "statthr1", "statthr2"]].rename(columns={"member": "side"})
    m = d.merge(both, on="side")
    m = m[(m["year"] >= m["styear"]) & (m["year"] <= m["endyear"])]
    named = (m["statthr1"] == m["adversary"]) | (m["statthr2"] == m["adversary"])
    targeted = m["target"] == m["adversary"]
    m = m[(named.fillna(False) | targeted.fillna(False)).astype(bool)].copy()
    m["tie"] = np.where(named.loc[m.index].fillna(False), "named", "targeted")
    m["dyad"] = np.minimum(m["side"], m["adversary"]) * 1000 + np.maximum(m["side"], m["adversary"])
    return m[["atopid", "side", "adversary", "dyad", "year", "tie"]].drop_duplicates(["atopid", "side", "adversary"])


def detente_weakening(ties, detente_years, warehouse=None):
    """Do rivalry-tied alliances weaken in detente years?

    Alliance-years of rivalry-tied alliances (while the side is a member) with ``weakened`` = the alliance
    ended that year or a member left, and ``detente`` = the rival dyad was in a detente period; a logit of
    weakened on detente and a Cold War dummy, errors clustered by alliance.

    Parameters
    ----------
    ties : pandas.DataFrame
        Rivalry-tied alliances from ``rivalry_alliances``.
    detente_years : pandas.DataFrame
        Columns dyad, year, detente (e.g. ``alliancelab.theory.empirical.detente.Detente.flagged``).
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    rates : pandas.DataFrame
        Mean, sum and count of weakened and terminated, by detente.
    table : pandas.DataFrame
        Logit coefficients (a one-column ``error`` frame when there are too few events to fit).
    data : pandas.DataFrame
        The alliance-years used.
    """
    spells = member_spells(warehouse)
    alliances = alliance_table(warehouse)[["atopid", "end", "ended"]]
    exits = spells.merge(alliances, on="atopid")
    exits = exits[(exits["last"] < exits["end"])]  # left before the alliance ended
    exit_years = exits.groupby(["atopid", "last"]).size().rename("exits").reset_index().rename(columns={"last": "year"})
    side_spells = ties.merge(spells, left_on=["atopid", "side"], right_on=["atopid", "member"])
    side_spells = side_spells.groupby(["atopid", "side", "adversary", "dyad"], as_index=False).agg(
        first=("first", "min"), last=("last", "max")
    )
    r, years = spell_years(side_spells["first"], side_spells["last"])
    data = pd.DataFrame({c: side_spells[c].to_numpy()[r] for c in ("atopid", "side", "adversary", "dyad")})
    data["year"] = years
    data = data.merge(alliances, on="atopid").merge(exit_years, on=["atopid", "year"], how="left")
    data["exits"] = data["exits"].fillna(0)
    data["terminated"] = ((data["year"] == data["end"]) & (data["ended"] == 1)).astype(int)
    data["weakened"] = ((data["terminated"] == 1) | (data["exits"] > 0)).astype(float)
    data = data.merge(detente_years[["dyad", "year", "detente"]], on=["dyad", "year"], how="inner")
    data["detente"] = data["detente"].astype(float)
    data["cold_war"] = data["year"].between(1946, 1991).astype(float)
    data["cluster"] = data["atopid"]
    rates = data.groupby("detente")[["weakened", "terminated"]].agg(["mean", "sum", "size"])
    rates.columns = ["_".join(c) for c in rates.columns]
    rates = rates.reset_index()
    try:
        table = fit_logit(data, "weakened", ["detente", "cold_war"], cluster="cluster").table
    except (ParameterError, np.linalg.LinAlgError) as err:  # too few events to fit: rates only
        table = pd.DataFrame({"error": [str(err)]})
    return rates, table, data
