"""Walt's second proposition: the covariates of each alignment decision, the logit of bandwagoning with errors
clustered by alliance, its average marginal effects and the bandwagoning rates by condition.
"""

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.errors import ParameterError
from alliancelab.panels import state_years
from alliancelab.panels.lookup import NYEARS, YEAR0, Lookup
from alliancelab.theory.empirical import balancing
from alliancelab.theory.empirical.results import LogitResult

COVARIATES = ("log_cinc", "near_great_power", "no_allies", "available_allies", "at_war")


# --- state arrays ----------------------------------------------------------------------------------------
def state_arrays(warehouse=None):
    """Dense (state, year) arrays of the state attributes Walt's tests use, cached per warehouse.

    Parameters
    ----------
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    dict of numpy.ndarray
        cinc, milex (COW NMC), major (COW major power), polity2 (Polity), at_war (COW inter-state war
        participation, 0/1), each indexed [state position, year - first year].
    """
    lookup = Lookup.get(warehouse)

    def build():
        panel = (
            state_years(facts.SYSTEM_FIRST, facts.SYSTEM_LAST, warehouse=warehouse)
            .add_nmc(columns=("cinc", "milex"))
            .add_majors()
            .add_polity()
        )
        out = {
            name: lookup.state_array(panel["ccode"], panel["year"], pd.to_numeric(panel[name]).astype(float).to_numpy())
            for name in ("cinc", "milex", "major", "polity2")
        }
        wars = lookup.table("wars")
        on = wars[wars["cowinterongoing"] == 1]
        out["at_war"] = lookup.state_array(on["ccode1"], on["year"], np.ones(len(on)), fill=0.0)
        return out

    return lookup.cached("walt_state_arrays", build)


def _top3(cube):
    """(year, i, 3) indices of each state's three largest threats (-1 where fewer)."""
    filled = np.where(np.isnan(cube), -np.inf, cube)
    part = np.argpartition(-filled, 3, axis=2)[:, :, :3]
    values = np.take_along_axis(filled, part, axis=2)
    return np.where(np.isfinite(values), part, -1)


def decision_covariates(classified, warehouse=None):
    """The classified decisions with the covariates of the bandwagoning model.

    Threat year y = t - 1 unless the rule fell back to t. ``log_cinc`` = log cinc_i; ``relative_power`` =
    cinc_i / (cinc_i + cinc_target); ``near_great_power`` = major_target * proximity(i, target);
    ``no_allies`` = i had no defense/offense ally in y; ``available_allies`` = log(1 + number of other
    states with the target among their three top threats and not allied with it); ``at_war`` = i fought a
    COW inter-state war in t or y; ``bandwagon`` = 1 bandwagoning, 0 balancing, NaN otherwise.

    Parameters
    ----------
    classified : pandas.DataFrame
        ``balancing.classify`` output (or ``with_alignment`` of it).
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        ``classified`` with the covariate columns added.

    References
    ----------
    Walt, S. M. (1987), The Origins of Alliances, Cornell University Press.
    """
    lookup = Lookup.get(warehouse)
    p = classified.attrs.get("parameters", balancing.DEFAULTS)
    arrays = state_arrays(warehouse)
    out = classified.copy()
    ok = out["threat_year"].notna().to_numpy() & out["target"].notna().to_numpy()
    y = out["threat_year"].fillna(facts.SYSTEM_FIRST).astype(int).to_numpy()
    t = out["year"].to_numpy()
    i = np.maximum(lookup.positions(out["member"].to_numpy()), 0)
    j = np.maximum(lookup.positions(out["target"].fillna(2).astype(int).to_numpy()), 0)
    yi, ti = y - YEAR0, np.clip(t - YEAR0, 0, NYEARS - 1)
    cinc_i = arrays["cinc"][i, yi]
    cinc_j = arrays["cinc"][j, yi]
    from alliancelab.measures.threat import component_cubes

    prox = component_cubes(warehouse)["proximity"][yi, i, j].astype(float)
    major_j = np.nan_to_num(arrays["major"][j, yi])
    allied = balancing.allied_cube("defense", warehouse)
    cube = balancing.candidate_threats(
        p["form"], p["weights"], p["exclude_allies"], p["keep_hostile_allies"], warehouse
    )
    key = ("top3", p["form"], str(p["weights"]), p["exclude_allies"], p["keep_hostile_allies"])
    top3 = lookup.cached(key, lambda: _top3(cube))
    names_j = (top3[yi] == j[:, None, None]).any(axis=2)  # (n, states): j among k's top-3
    states = np.arange(lookup.size)[None, :]
    names_j &= ~allied[yi[:, None], states, j[:, None]]
    names_j[np.arange(len(i)), i] = False
    names_j[np.arange(len(j)), j] = False
    out["cinc"] = np.where(ok, cinc_i, np.nan)
    out["log_cinc"] = np.log(np.where(ok & (cinc_i > 0), cinc_i, np.nan))
    out["relative_power"] = np.where(ok, cinc_i / (cinc_i + cinc_j), np.nan)
    out["target_major"] = np.where(ok, major_j, np.nan)
    out["target_proximity"] = np.where(ok, prox, np.nan)
    out["near_great_power"] = np.where(ok, major_j * prox, np.nan)
    out["allies_before"] = np.where(ok, allied[yi, i].sum(axis=1), np.nan)
    out["no_allies"] = np.where(ok, (out["allies_before"] == 0).astype(float), np.nan)
    out["available_allies"] = np.where(ok, np.log1p(names_j.sum(axis=1)), np.nan)
    war = np.maximum(arrays["at_war"][i, ti], arrays["at_war"][i, yi])
    out["at_war"] = np.where(ok & (t <= facts.coverage("wars")[1]), war, np.nan)  # COW wars end in 2007
    pol_i = arrays["polity2"][i, yi]
    pol_j = arrays["polity2"][j, yi]
    out["polity_similarity_target"] = np.where(ok, 1 - np.abs(pol_i - pol_j) / 20, np.nan)
    out["bandwagon"] = np.where(out["label"] == "bandwagoning", 1.0, np.where(out["label"] == "balancing", 0.0, np.nan))
    return out


# --- regression machinery --------------------------------------------------------------------------------
def fit_logit(frame, outcome, covariates, cluster=None):
    """Logit with robust standard errors and average marginal effects (statsmodels).

    Fitted over the complete rows of ``frame``, with a constant; standard errors clustered by column
    ``cluster``, or HC1 robust without one; average marginal effects from ``get_margeff(at="overall")``.

    Parameters
    ----------
    frame : pandas.DataFrame
        The data.
    outcome : str
        The 0/1 outcome column.
    covariates : list of str
        Covariate columns.
    cluster : str, optional
        Column of cluster ids.

    Returns
    -------
    LogitResult
        ``table`` (coef, se, z, p, ame, ame_se per term; ``attrs`` n, events, llf, pseudo_r2, cluster) and
        ``result`` (the statsmodels results).

    Raises
    ------
    ParameterError
        When a column is missing or the outcome has one value.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> frame = pd.DataFrame({"x": rng.normal(size=200)})
    >>> frame["y"] = (frame["x"] + rng.normal(size=200) > 0).astype(float)
    >>> fit = fit_logit(frame, "y", ["x"])
    >>> fit.table.index.tolist(), fit.table.attrs["n"]
    (['const', 'x'], 200)
    """
    import statsmodels.api as sm

    columns = [outcome, *covariates] + ([cluster] if cluster else [])
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ParameterError(f"argument frame: missing column(s) {missing}")
    data = frame[columns].apply(pd.to_numeric, errors="coerce").dropna()
    if data[outcome].nunique() < 2:
        raise ParameterError(f"outcome '{outcome}' has one value in the {len(data)} complete rows; cannot fit")
    X = sm.add_constant(data[list(covariates)].astype(float), has_constant="add")
    model = sm.Logit(data[outcome].astype(float), X)
    if cluster:
        result = model.fit(disp=0, cov_type="cluster", cov_kwds={"groups": data[cluster].to_numpy()})
    else:
        result = model.fit(disp=0, cov_type="HC1")
    margins = result.get_margeff(at="overall")
    table = pd.DataFrame({"coef": result.params, "se": result.bse, "z": result.tvalues, "p": result.pvalues})
    table["ame"] = np.nan
    table["ame_se"] = np.nan
    table.loc[list(covariates), "ame"] = margins.margeff
    table.loc[list(covariates), "ame_se"] = margins.margeff_se
    table.attrs.update(
        {
            "n": int(result.nobs),
            "events": int(data[outcome].sum()),
            "llf": float(result.llf),
            "pseudo_r2": float(result.prsquared),
            "cluster": cluster,
        }
    )
    return LogitResult(table, result)


def bandwagoning_model(classified, covariates=COVARIATES, warehouse=None):
    """Walt's conditions for bandwagoning: a logit over the balancing and bandwagoning decisions.

    Bandwagoning (1) against balancing (0) on the ``decision_covariates``, errors clustered by alliance
    (decisions in one treaty are not independent).

    Parameters
    ----------
    classified : pandas.DataFrame
        ``balancing.classify`` output (or ``with_alignment`` of it).
    covariates : sequence of str, default COVARIATES
        log_cinc, near_great_power, no_allies, available_allies, at_war.
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    table : pandas.DataFrame
        Logit coefficients and average marginal effects (``fit_logit``).
    data : pandas.DataFrame
        The decisions used.

    References
    ----------
    Walt, S. M. (1987), The Origins of Alliances, Cornell University Press.
    """
    data = decision_covariates(classified, warehouse)
    data = data[data["bandwagon"].notna()]
    table = fit_logit(data, "bandwagon", list(covariates), cluster="atopid").table
    return table, data


def condition_rates(data):
    """Bandwagoning share among decided cases with and without each of Walt's conditions.

    Parameters
    ----------
    data : pandas.DataFrame
        Decisions with covariates (the ``data`` of ``bandwagoning_model``).

    Returns
    -------
    pandas.DataFrame
        condition, holds (bool), decisions, bandwagoning_share.
    """
    rows = []
    conditions = {
        "weak state (CINC below the median of deciders)": data["cinc"] < data["cinc"].median(),
        "target is a great power within 1000 km (proximity >= 0.5)": (data["target_major"] == 1)
        & (data["target_proximity"] >= 0.5),
        "no ally in the threat year": data["no_allies"] == 1,
        "no available ally (no other state shares the threat)": data["available_allies"] == 0,
        "at war": data["at_war"] == 1,
    }
    for name, mask in conditions.items():
        mask = mask.fillna(False).astype(bool)
        for flag, part in ((True, data[mask]), (False, data[~mask])):
            rows.append(
                {
                    "condition": name,
                    "holds": flag,
                    "decisions": len(part),
                    "bandwagoning_share": float(part["bandwagon"].mean()) if len(part) else np.nan,
                }
            )
    return pd.DataFrame(rows)


def plot_effects(table, stem, title):
    """Average marginal effects with 95% intervals, as ``stem``.html and ``stem``.png.

    Parameters
    ----------
    table : pandas.DataFrame
        A coefficient table with ame and ame_se (``fit_logit``).
    stem : str or path
        Output path without suffix; ``.html`` and ``.png`` are written.
    title : str
        Figure title.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import plotly.graph_objects as go

    from alliancelab.plotting import save_matplotlib, save_plotly

    rows = table.dropna(subset=["ame"])
    low, high = rows["ame"] - 1.96 * rows["ame_se"], rows["ame"] + 1.96 * rows["ame_se"]
    figure = go.Figure(
        go.Scatter(
            x=rows["ame"],
            y=rows.index,
            mode="markers",
            error_x={"type": "data", "symmetric": False, "array": high - rows["ame"], "arrayminus": rows["ame"] - low},
        )
    )
    figure.add_vline(x=0, line_color="grey")
    figure.update_layout(title=title, xaxis_title="average marginal effect on Pr(outcome)", template="plotly_white")
    save_plotly(figure, stem)
    fig, axis = plt.subplots(figsize=(7, 0.5 * len(rows) + 1.5))
    axis.errorbar(rows["ame"], np.arange(len(rows)), xerr=[rows["ame"] - low, high - rows["ame"]], fmt="o")
    axis.set_yticks(np.arange(len(rows)), rows.index)
    axis.axvline(0, color="grey", linewidth=0.8)
    axis.set_xlabel("average marginal effect (95% CI, clustered)")
    axis.set_title(title, fontsize=9)
    fig.tight_layout()
    save_matplotlib(fig, stem, dpi=110, bbox_inches=None)
