"""Alliance survival (Morrow 1991): Kaplan-Meier curves, log-rank tests, the Cox model and the hazard of ending
after large capability changes.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from alliancelab.data.facts import spell_years
from alliancelab.errors import ParameterError, check_range
from alliancelab.panels.lookup import NYEARS, YEAR0, Lookup
from alliancelab.theory.empirical.management._alliances import alliance_table, member_spells
from alliancelab.theory.empirical.results import HazardResult
from alliancelab.theory.empirical.walt_tests import fit_logit, state_arrays


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
