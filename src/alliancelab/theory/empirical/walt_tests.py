"""Tests of Walt's propositions on every ATOP alignment decision.

1. Balancing is more common than bandwagoning: label shares overall, by era, by region and in Walt's
   own universe (the Middle East, 1955-1979), with 95% Wilson intervals.
2. Bandwagoning rises with weakness, proximity to a threatening great power, the absence of
   available allies and war. Logit of bandwagoning (1) against balancing (0) over the decisions the
   rule labels either way, with standard errors clustered by alliance (decisions in one treaty are
   not independent), average marginal effects (statsmodels ``get_margeff``) and plots.
   Covariates (threat year y = t - 1 unless the rule fell back to t):
   - ``log_cinc``: log of i's CINC; ``relative_power``: cinc_i / (cinc_i + cinc_target);
   - ``near_great_power``: the target is a COW major power and contiguous / within the proximity
     gradient: major_target * proximity(i, target) (0 when the target is not a major power);
   - ``no_allies``: i had no defense/offense ally in y; ``available_allies``: log(1 + number of
     other states that have the target among their three top threats and are not allied with it);
   - ``at_war``: i fought a COW inter-state war in t (or y).
3. Ideology vs threat (dyad-years): does regime similarity (Polity) predict alliance onset once
   threat is controlled? Logit of ATOP onset in t on t-1 covariates for politically relevant
   non-directed dyads (contiguous, or one a major power; Lemke & Reed 2001): ``polity_similarity``
   = 1 - |polity2_a - polity2_b| / 20, ``joint_democracy`` (both >= 6), ``shared_threat`` (a third
   state is among both states' three top threats), ``mutual_threat`` (max of the two directed
   threat scores), contiguity, both-major. Reported with likelihood-ratio tests of adding ideology
   to a threat model and threat to an ideology model.

Walt, S. M. (1987) The Origins of Alliances; Schweller, R. (1994) "Bandwagoning for profit",
International Security 19(1); Lemke, D. and Reed, W. (2001) JOP 63(1).
"""

from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.errors import ParameterError
from alliancelab.panels import state_years
from alliancelab.panels.lookup import NYEARS, YEAR0, Lookup
from alliancelab.theory.empirical import balancing
from alliancelab.theory.empirical.results import LogitResult

# dyad samples: t - 1 covariates need the year before, onsets are observed to the GML disputes' last year
DYAD_FIRST, DYAD_LAST = facts.SYSTEM_FIRST + 1, facts.coverage("gml_dyads")[1]
COVARIATES = ("log_cinc", "near_great_power", "no_allies", "available_allies", "at_war")


# --- shares ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class WaltShares:
    """Label shares of the alignment decisions (``walt_shares``), each a ``balancing.shares`` table.

    Attributes
    ----------
    overall, era, region, middle_east_1955_1979 : DataFrame
        All decisions; by era (ordered); by region; Walt's own universe (Middle East 1955-1979).
    by_treaty : DataFrame
        Defense/offense pledges vs the rest, and bilateral vs multilateral treaties (column ``group``).
    """

    overall: pd.DataFrame
    era: pd.DataFrame
    region: pd.DataFrame
    middle_east_1955_1979: pd.DataFrame
    by_treaty: pd.DataFrame

    def items(self):
        """(name, table) pairs in field order, e.g. to write each table to a file."""
        return [(field.name, getattr(self, field.name)) for field in fields(self)]


def walt_shares(classified):
    """Label shares overall, by era, by region, in Walt's Middle East 1955-1979 and by treaty type.

    ``by_treaty`` separates defense/offense pledges from the rest and bilateral from multilateral
    treaties: ATOP counts non-aggression and consultation pacts too, where "allying with the threat"
    is often a settlement between rivals rather than bandwagoning, and large regional treaties put a
    member's neighbours (its usual top threats) inside the alliance.

    Parameters
    ----------
    classified : DataFrame
        ``balancing.classify`` output (or ``with_alignment`` of it).

    Returns
    -------
    WaltShares
        overall, era, region, middle_east_1955_1979, by_treaty.

    Examples
    --------
    >>> shares = walt_shares(balancing.classify())
    >>> int(shares.overall["decisions"].iloc[0])
    2177

    References
    ----------
    Walt, S. M. (1987), The Origins of Alliances, Cornell University Press.
    """
    me = classified[(classified["region"] == "Middle East") & classified["year"].between(1955, 1979)]
    kinds = classified.assign(
        pledge=np.where(
            (classified["defense"].fillna(0) + classified["offense"].fillna(0)) > 0,
            "defense/offense pledge",
            "neutrality/non-aggression/consultation only",
        ),
        size=np.where(classified["n_partners"] <= 1, "bilateral", "multilateral"),
    )
    era = balancing.shares(classified, "era")
    era["era"] = pd.Categorical(era["era"], [e[2] for e in balancing.ERAS], ordered=True)
    return WaltShares(
        overall=balancing.shares(classified),
        era=era.sort_values("era").reset_index(drop=True),
        region=balancing.shares(classified[classified["region"] != ""], "region"),
        middle_east_1955_1979=balancing.shares(me),
        by_treaty=pd.concat(
            [
                balancing.shares(kinds, "pledge").rename(columns={"pledge": "group"}),
                balancing.shares(kinds, "size").rename(columns={"size": "group"}),
            ],
            ignore_index=True,
        ),
    )


BROAD_BANDWAGONING = ("bandwagoning", "bandwagoning_for_profit", "coerced")


def with_alignment(classified, broad=True):
    """The classified decisions relabelled from the richer ``alignment`` for Walt's tests.

    ``label`` becomes balancing (alignment balancing), bandwagoning (alignment bandwagoning; with
    ``broad``, also bandwagoning for profit and coerced alignment, both forms of joining the stronger
    or threatening side) or neither (hedging, buck-passing, not a security alignment, neither);
    ``target`` becomes ``alignment_threat``. Every function of this module then applies unchanged.

    Parameters
    ----------
    classified : pandas.DataFrame
        ``balancing.classify`` output, with columns alignment and alignment_threat.
    broad : bool, default True
        Count bandwagoning for profit and coerced alignment as bandwagoning.

    Returns
    -------
    pandas.DataFrame
        A copy of ``classified`` with ``label`` and ``target`` replaced.

    Raises
    ------
    ParameterError
        When the alignment columns are missing.

    References
    ----------
    Walt, S. M. (1987), The Origins of Alliances, Cornell University Press.
    Schweller, R. L. (1994), "Bandwagoning for profit", International Security 19(1): 72-107.
    """
    missing = [c for c in ("alignment", "alignment_threat") if c not in classified.columns]
    if missing:
        raise ParameterError(f"argument classified: missing column(s) {missing}; expected balancing.classify output")
    wagon = BROAD_BANDWAGONING if broad else ("bandwagoning",)
    out = classified.copy()
    alignment = out["alignment"].to_numpy()
    out["label"] = np.where(
        alignment == "balancing", "balancing", np.where(np.isin(alignment, wagon), "bandwagoning", "neither")
    )
    out["target"] = out["alignment_threat"].where(out["label"] != "neither")
    out.attrs = dict(classified.attrs)
    return out


def plot_alignments(classified, stem):
    """Stacked bars of the seven alignments (and neither) by era and region.

    Parameters
    ----------
    classified : pandas.DataFrame
        ``balancing.classify`` output (or ``with_alignment`` of it).
    stem : str or path
        Output path without suffix; ``.html`` and ``.png`` are written.
    """
    from alliancelab.figures.record import walt_alignments

    era = balancing.alignment_shares(classified, "era")
    era["era"] = pd.Categorical(era["era"], [e[2] for e in balancing.ERAS], ordered=True)
    region = balancing.alignment_shares(classified[classified["region"] != ""], "region")
    walt_alignments(era.sort_values("era"), region, balancing.ALIGNMENTS, stem)


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


# --- ideology vs threat ----------------------------------------------------------------------------------
def dyad_sample(start=DYAD_FIRST, end=DYAD_LAST, relevant=True, classified_parameters=None, warehouse=None):
    """Non-directed dyad-years (a < b) with alliance onset in t and covariates in t - 1.

    Pairs of system members not allied in t - 1; with ``relevant``, only politically relevant dyads
    (contiguous, or one a major power). polity_similarity = 1 - |polity2_a - polity2_b| / 20;
    joint_democracy = both polity2 >= 6; shared_threat = a third state is among both states' three top
    threats; mutual_threat = max of the two directed threat scores.

    Parameters
    ----------
    start, end : int
        Years (default: the second year of the state system to the last year of the GML disputes).
    relevant : bool, default True
        Keep politically relevant dyads only.
    classified_parameters : dict, optional
        Threat parameters (``balancing.DEFAULTS`` when None).
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        ccode1, ccode2, year, onset, polity_similarity, joint_democracy, shared_threat, mutual_threat,
        contiguous, both_major, dyad.

    References
    ----------
    Lemke, D. and Reed, W. (2001), "The relevance of politically relevant dyads", JOP 63(1): 126-144.
    """
    from alliancelab.measures.threat import component_cubes
    from alliancelab.panels.adders import atop_onset_cube, contiguity_cube

    lookup = Lookup.get(warehouse)
    p = dict(balancing.DEFAULTS, **(classified_parameters or {}))
    cube = balancing.candidate_threats(p["form"], p["weights"], "none", False, warehouse)
    top3 = lookup.cached(("top3_all", p["form"], str(p["weights"])), lambda: _top3(cube))
    pair = component_cubes(warehouse)["pair"]
    onset = atop_onset_cube(lookup)
    contiguity = contiguity_cube(lookup)
    allied = balancing.allied_cube("any", warehouse)
    arrays = state_arrays(warehouse)
    frames = []
    n = lookup.size
    a_idx, b_idx = np.triu_indices(n, 1)
    for year in range(start, end + 1):
        t, y = year - YEAR0, year - 1 - YEAR0
        keep = pair[t, a_idx, b_idx] & pair[y, a_idx, b_idx] & ~allied[y, a_idx, b_idx]
        a, b = a_idx[keep], b_idx[keep]
        major_a = np.nan_to_num(arrays["major"][a, y])
        major_b = np.nan_to_num(arrays["major"][b, y])
        contig = contiguity[y, a, b]
        contiguous = (contig >= 1) & (contig <= 5)
        if relevant:
            rel = contiguous | (major_a == 1) | (major_b == 1)
            a, b, major_a, major_b, contiguous = a[rel], b[rel], major_a[rel], major_b[rel], contiguous[rel]
        ta, tb = top3[y, a], top3[y, b]
        shared = np.zeros(len(a), dtype=bool)
        for k in range(3):
            shared |= ((ta[:, [k]] == tb) & (ta[:, [k]] >= 0)).any(axis=1)
        pa, pb = arrays["polity2"][a, y], arrays["polity2"][b, y]
        frames.append(
            pd.DataFrame(
                {
                    "ccode1": lookup.codes[a],
                    "ccode2": lookup.codes[b],
                    "year": year,
                    "onset": np.maximum(onset[t, a, b], onset[t, b, a]).astype(float),
                    "polity_similarity": 1 - np.abs(pa - pb) / 20,
                    "joint_democracy": np.where(
                        np.isnan(pa) | np.isnan(pb), np.nan, ((pa >= 6) & (pb >= 6)).astype(float)
                    ),
                    "shared_threat": shared.astype(float),
                    "mutual_threat": np.fmax(cube[y, a, b], cube[y, b, a]).astype(float),
                    "contiguous": contiguous.astype(float),
                    "both_major": (major_a * major_b).astype(float),
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    out["dyad"] = out["ccode1"] * 1000 + out["ccode2"]
    return out


def ideology_vs_threat(start=DYAD_FIRST, end=DYAD_LAST, relevant=True, warehouse=None, data=None):
    """Does regime similarity predict alliance onset once threat is controlled?

    Logits of onset on threat only, ideology only and both, on a common sample, errors clustered by dyad,
    with likelihood-ratio tests of adding ideology to the threat model and threat to the ideology model.

    Parameters
    ----------
    start, end : int
        Years (as in ``dyad_sample``).
    relevant : bool, default True
        Politically relevant dyads only.
    warehouse : path, optional
        The warehouse (default: the configured one).
    data : pandas.DataFrame, optional
        A ``dyad_sample`` (computed when None).

    Returns
    -------
    dict
        ``tables`` (name -> coefficient table for "threat", "ideology", "both"), ``lr_tests`` (added, to,
        lr_stat, df, p) and ``data`` (the common sample).

    References
    ----------
    Walt, S. M. (1987), The Origins of Alliances, Cornell University Press.
    Lemke, D. and Reed, W. (2001), JOP 63(1): 126-144.
    """
    from scipy import stats

    if data is None:
        data = dyad_sample(start, end, relevant, warehouse=warehouse)
    threat = ["shared_threat", "mutual_threat", "contiguous", "both_major"]
    ideology = ["polity_similarity", "joint_democracy"]
    common = data.dropna(subset=["onset", *threat, *ideology])
    tables = {}
    for name, covariates in (
        ("threat", threat),
        ("ideology", ideology + ["contiguous", "both_major"]),
        ("both", threat + ideology),
    ):
        tables[name] = fit_logit(common, "onset", covariates, cluster="dyad").table
    lr = []
    for small, big, added in (("threat", "both", "ideology"), ("ideology", "both", "threat")):
        stat = 2 * (tables[big].attrs["llf"] - tables[small].attrs["llf"])
        df = len(tables[big]) - len(tables[small])
        lr.append({"added": added, "to": small, "lr_stat": stat, "df": df, "p": float(stats.chi2.sf(stat, df))})
    return {"tables": tables, "lr_tests": pd.DataFrame(lr), "data": common}


# --- plots ------------------------------------------------------------------------------------------------
def plot_shares(share_tables, stem):
    """Stacked bars of label shares by era and region.

    Parameters
    ----------
    share_tables : WaltShares
        From ``walt_shares``.
    stem : str or path
        Output path without suffix; ``.html`` and ``.png`` are written.
    """
    from alliancelab.figures.record import walt_shares

    walt_shares(share_tables.era, share_tables.region, share_tables.middle_east_1955_1979, stem)


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
