"""Are the founding characteristics of state alliances embedded? ATOP 4.01, one row per alliance.

Each ATOP 4.01 alliance (alliance-level file, 745 alliances 1815-2016) is classified at signing by

* ``obligation``: "defense/offense" (a member pledges active military support: ATOP ``defense`` or
  ``offense``), else "neutrality/nonaggr." (``neutral`` or ``nonagg``), else "consultation"
  (``consul`` only);
* ``institutions`` (military institutionalisation): "command/bases" when the treaty sets up an
  integrated military command (``intcom`` = 1) or bases / troop placements (``base`` > 0), else
  "organisation/aid" when it creates an organisation (``organ1`` > 0) or provides military aid
  (``milaid`` > 0), else "none"; missing when a component needed for the decision is missing in
  ATOP (missing is not zero);
* ``capability`` (NMC 7.0 CINC of the founding members in the signing year): "dominated" when the
  largest member holds at least two-thirds of the members' summed CINC (at least twice all the
  others together), else "balanced"; missing when a founding member has no CINC that year;
* ``wartime``: "wartime" when signed during a war involving a member (ATOP ``wartime``), else
  "peacetime";
* ``members``: "bilateral" (two founding members) or "multilateral";
* ``era``: "pre-1914", "1914-1945", "Cold War" (1946-1991), "post-1991".

``embeddedness`` fits the hierarchical family to the five-way table (all factors but era) and
selects a model; ``era_change`` asks whether the selected associations differ across eras (the
selected model with every generator crossed with era, against the same model with era only as a
main effect and with its one-way associations) and names each era's dominant configurations.

Kept in one module because every function builds on the one table of ATOP alliance characteristics (patterns,
characteristics, embeddedness, change by era) and is read top to bottom.

References
----------
Leeds, B. A., Ritter, J. M., Mitchell, S. M. and Long, A. G. (2002), "Alliance Treaty Obligations and
Provisions, 1815-1944", International Interactions 28: 237-260.
Leeds, B. A. and Anac, S. (2005), "Alliance institutionalization and alliance performance",
International Interactions 31(3): 183-202.
Singer, J. D., Bremer, S. and Stuckey, J. (1972), "Capability distribution, uncertainty, and major power
war, 1820-1965", in Russett (ed.), Peace, War, and Numbers.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from alliancelab.eras import ERA_LABELS
from alliancelab.errors import ParameterError
from alliancelab.panels.lookup import Lookup
from alliancelab.theory.embedded import loglinear as ll
from alliancelab.theory.empirical import management

FACTORS = ("obligation", "institutions", "capability", "wartime", "members")
DOMINANCE_SHARE = 2 / 3
LEVELS = {
    "obligation": ("defense/offense", "neutrality/nonaggr.", "consultation"),
    "institutions": ("none", "organisation/aid", "command/bases"),
    "capability": ("balanced", "dominated"),
    "wartime": ("peacetime", "wartime"),
    "members": ("bilateral", "multilateral"),
    "era": ERA_LABELS,
}


PATTERNS = {  # the state-alliance analogues of the firm-alliance founding patterns (docs/embedded.md)
    "dominance": {"obligation": "defense/offense", "institutions": "command/bases", "capability": "dominated"},
    "hybridization": {
        "obligation": "defense/offense",
        "institutions": "organisation/aid",
        "capability": "balanced",
        "members": "multilateral",
    },
    "restraint": {"obligation": "neutrality/nonaggr.", "institutions": "none", "members": "bilateral"},
}


def pattern_table(characteristics, patterns=None, factors=FACTORS):
    """How often each named founding pattern occurs, against independence, per era.

    Alliances with a missing factor are left out. The number expected if the characteristics were
    independent is N times the product of the levels' shares within the era.

    Parameters
    ----------
    characteristics : pandas.DataFrame
        One row per alliance (``alliance_characteristics``).
    patterns : dict, optional
        Pattern name -> ``{factor: level}`` (default ``PATTERNS``: dominance, hybridization, restraint).
    factors : sequence of str, default FACTORS
        The factors an alliance must have to be counted.

    Returns
    -------
    pandas.DataFrame
        One row per era (and "all eras") and pattern: ``alliances``, ``observed``,
        ``expected_indep``, ``ratio`` (observed / expected) and ``share`` of the era's alliances.

    Examples
    --------
    >>> table = pattern_table(alliance_characteristics())
    >>> sorted(table["pattern"].unique())
    ['dominance', 'hybridization', 'restraint']

    References
    ----------
    Osborn, R. N., Hagedoorn, J., Denekamp, J. G., Duysters, G., & Baughn, C. C. (1998). Embedded
    patterns of international alliance formation. *Organization Studies*, 19(4), 617-638.
    """
    patterns = PATTERNS if patterns is None else patterns
    kept = characteristics.dropna(subset=list(factors))
    rows = []
    for era in ERA_LABELS + ("all eras",):
        sub = kept if era == "all eras" else kept[kept["era"] == era]
        n = len(sub)
        for name, spec in patterns.items():
            match = np.ones(n, dtype=bool)
            expected = float(n)
            for f, level in spec.items():
                hit = (sub[f] == level).to_numpy()
                match &= hit
                expected *= hit.mean() if n else 0.0
            observed = int(match.sum())
            rows.append(
                {
                    "era": era,
                    "pattern": name,
                    "alliances": n,
                    "observed": observed,
                    "expected_indep": expected,
                    "ratio": observed / expected if expected > 0 else np.nan,
                    "share": observed / n if n else np.nan,
                }
            )
    return pd.DataFrame(rows)


def _obligation(a):
    military = (a["defense"].fillna(0) > 0) | (a["offense"].fillna(0) > 0)
    restraint = (a["neutral"].fillna(0) > 0) | (a["nonagg"].fillna(0) > 0)
    return np.where(
        military, LEVELS["obligation"][0], np.where(restraint, LEVELS["obligation"][1], LEVELS["obligation"][2])
    )


def _institutions(a):
    high = (a["intcom"] == 1) | (a["base"] > 0)
    moderate = (a["organ1"] > 0) | (a["milaid"] > 0)
    known_high = high.fillna(False).astype(bool)
    known_none = (
        (a[["intcom", "base", "organ1", "milaid"]].notna().all(axis=1))
        & ~known_high
        & ~moderate.fillna(False).astype(bool)
    )
    known_moderate = ~known_high & moderate.fillna(False).astype(bool) & a[["intcom", "base"]].notna().all(axis=1)
    out = np.full(len(a), None, dtype=object)
    out[known_none.to_numpy()] = LEVELS["institutions"][0]
    out[known_moderate.to_numpy()] = LEVELS["institutions"][1]
    out[known_high.to_numpy()] = LEVELS["institutions"][2]
    return out


def alliance_characteristics(warehouse=None):
    """One row per ATOP 4.01 alliance: atopid, begyr and the six categorical characteristics.

    Values are missing where ATOP or NMC leave a component missing (missing is not zero).

    Parameters
    ----------
    warehouse : str or pathlib.Path, optional
        The warehouse file (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        ``atopid``, ``begyr``, ``obligation``, ``institutions``, ``capability``, ``wartime``,
        ``members``, ``era`` (categoricals), ``milinst`` and ``cap_share_largest``;
        ``attrs["sources"]`` holds the citations.

    Examples
    --------
    >>> len(alliance_characteristics())
    745

    References
    ----------
    Leeds, B. A., Ritter, J. M., Mitchell, S. M., & Long, A. G. (2002). Alliance Treaty Obligations
    and Provisions, 1815-1944. *International Interactions*, 28, 237-260.

    Leeds, B. A., & Anac, S. (2005). Alliance institutionalization and alliance performance.
    *International Interactions*, 31(3), 183-202.

    Singer, J. D., Bremer, S., & Stuckey, J. (1972). Capability distribution, uncertainty, and major
    power war, 1820-1965. In B. Russett (Ed.), *Peace, War, and Numbers*.
    """
    lookup = Lookup.get(warehouse)
    raw = lookup.table("atop_alliances")
    needed = ["atopid", "intcom", "base", "organ1", "milaid", "milinst"]
    absent = [c for c in needed if c not in raw.columns]
    if absent:
        raise ParameterError(
            f"warehouse table atop_alliances lacks columns {absent}: rebuild the warehouse "
            "('alliancelab data build --force') from the released atop4_01a.csv"
        )
    base = management.alliance_table(warehouse)
    a = base.merge(raw[needed], on="atopid", how="left")
    out = pd.DataFrame({"atopid": a["atopid"].to_numpy(), "begyr": a["begyr"].to_numpy()})
    out["obligation"] = _obligation(a)
    out["institutions"] = _institutions(a)
    share = a["cap_asymmetry"].to_numpy(dtype=float)
    out["capability"] = np.where(
        np.isnan(share), None, np.where(share >= DOMINANCE_SHARE, LEVELS["capability"][1], LEVELS["capability"][0])
    )
    out["wartime"] = np.where(
        a["wartime"].isna(), None, np.where(a["wartime"] == 1, LEVELS["wartime"][1], LEVELS["wartime"][0])
    )
    out["members"] = np.where(
        a["n_members"].isna(), None, np.where(a["n_members"] <= 2, LEVELS["members"][0], LEVELS["members"][1])
    )
    out["era"] = a["era"].to_numpy()
    out["milinst"] = a["milinst"].to_numpy()
    out["cap_share_largest"] = share
    for column, levels in LEVELS.items():
        out[column] = pd.Categorical(out[column], categories=list(levels))
    out.attrs["sources"] = tuple(lookup.citations(["atop_alliances", "atop_members", "nmc"]))
    return out


def atop_table(factors=FACTORS, era=None, characteristics=None, warehouse=None):
    """The contingency table of ATOP alliances by ``factors`` (alliances with a missing factor left out).

    Parameters
    ----------
    factors : sequence of str, default FACTORS
        Characteristics among ``LEVELS`` (``era`` included).
    era : str, optional
        One of ``ERA_LABELS``: keep the alliances signed in that era only.
    characteristics : pandas.DataFrame, optional
        ``alliance_characteristics`` already computed.
    warehouse : str or pathlib.Path, optional
        The warehouse file (default: the configured one).

    Returns
    -------
    ContingencyTable
        The table; ``dropped`` counts the alliances left out.

    Examples
    --------
    >>> table = atop_table(["obligation", "members"])
    >>> table.shape, table.total
    ((3, 2), 745.0)
    """
    frame = alliance_characteristics(warehouse) if characteristics is None else characteristics
    sources = frame.attrs.get("sources", ())
    if era is not None:
        if era not in ERA_LABELS:
            raise ParameterError(f"argument era={era!r}: expected one of {list(ERA_LABELS)}")
        frame = frame[frame["era"] == era]
    unknown = [f for f in factors if f not in LEVELS]
    if unknown:
        raise ParameterError(f"argument factors: {unknown} not among {list(LEVELS)}")
    return ll.contingency_table(frame, list(factors), missing="drop", source="ATOP 4.01 alliances", sources=sources)


@dataclass
class Embeddedness:
    """The five-way analysis: the family of models, k-way tests, both selections and the description.

    Attributes
    ----------
    table : ContingencyTable
        The table of alliances by the factors.
    models : pandas.DataFrame
        The standard hierarchical family (``loglinear.fit_models``).
    partial : pandas.DataFrame
        Tests that all k-way terms are zero (``loglinear.partial_associations``).
    backward, forward : Selection
        The likelihood-ratio selections from the saturated model and from independence.
    description : Description
        Residuals, odds ratios and dominant configurations of the backward selection's model.
    monte_carlo : MonteCarloTest
        Monte-Carlo goodness of fit of that model.
    n_alliances : int
        Alliances in the table.
    n_dropped : int
        Alliances left out (a factor missing).
    """

    table: ll.ContingencyTable
    models: pd.DataFrame
    partial: pd.DataFrame
    backward: ll.Selection
    forward: ll.Selection
    description: ll.Description
    monte_carlo: ll.MonteCarloTest
    n_alliances: int
    n_dropped: int


def embeddedness(factors=FACTORS, characteristics=None, draws=199, seed=0, warehouse=None):
    """Fit, select and describe the log-linear model of ATOP founding characteristics.

    The description and the Monte-Carlo test use the backward (likelihood-ratio) selection.

    Parameters
    ----------
    factors : sequence of str, default FACTORS
        The characteristics cross-classified.
    characteristics : pandas.DataFrame, optional
        ``alliance_characteristics`` already computed.
    draws : int, default 199
        Tables drawn by the Monte-Carlo test.
    seed : int, default 0
        Random seed of the Monte-Carlo test.
    warehouse : str or pathlib.Path, optional
        The warehouse file (default: the configured one).

    Returns
    -------
    Embeddedness
        Models, k-way tests, both selections, the description and the Monte-Carlo test.

    Examples
    --------
    >>> result = embeddedness(["obligation", "wartime", "members"], draws=19)
    >>> result.n_alliances, result.n_dropped
    (745, 0)

    References
    ----------
    Osborn, R. N., Hagedoorn, J., Denekamp, J. G., Duysters, G., & Baughn, C. C. (1998). Embedded
    patterns of international alliance formation. *Organization Studies*, 19(4), 617-638.
    """
    chars = alliance_characteristics(warehouse) if characteristics is None else characteristics
    table = atop_table(factors, characteristics=chars)
    backward = ll.select_model(table, "backward")
    forward = ll.select_model(table, "forward")
    return Embeddedness(
        table=table,
        models=ll.fit_models(table),
        partial=ll.partial_associations(table),
        backward=backward,
        forward=forward,
        description=ll.describe(table, backward.best),
        monte_carlo=ll.monte_carlo_test(table, backward.best.generating_class, draws, seed),
        n_alliances=int(table.total),
        n_dropped=len(chars) - int(table.total),
    )


@dataclass
class EraChange:
    """Whether the embedded pattern changes across eras.

    Attributes
    ----------
    tests : pandas.DataFrame
        Model comparisons with era: era shifting the one-way margins, era changing the associations
        (dG2, ddf, p, dAIC, dBIC, and ``p_monte_carlo`` when drawn).
    selected : pandas.DataFrame
        Per era: alliances, selected model (forward), G2, df, p.
    dominant : pandas.DataFrame
        Per era: top configurations against within-era independence.
    shares : pandas.DataFrame
        Per era: share of alliances in each level of each factor.
    patterns : pandas.DataFrame
        Per era: the named patterns against independence (``pattern_table``).
    """

    tests: pd.DataFrame  # model comparisons with era
    selected: pd.DataFrame  # per era: alliances, selected model (forward), G2, df, p
    dominant: pd.DataFrame  # per era: top configurations against within-era independence
    shares: pd.DataFrame  # per era: share of alliances in each level of each factor
    patterns: pd.DataFrame  # per era: the named patterns against independence (``pattern_table``)


def era_change(model, factors=FACTORS, characteristics=None, top=3, draws=0, seed=0, warehouse=None):
    """Compare a model of the founding characteristics across eras (see the module docstring).

    The model with every generator crossed with era is tested against the same model with era only as
    a main effect and with its one-way associations.

    Parameters
    ----------
    model : str or tuple
        A generating class on ``factors`` (or its string).
    factors : sequence of str, default FACTORS
        The characteristics.
    characteristics : pandas.DataFrame, optional
        ``alliance_characteristics`` already computed.
    top : int, default 3
        Dominant configurations listed per era.
    draws : int, default 0
        When > 0, Monte-Carlo p-values of the two comparisons (``loglinear.monte_carlo_compare``): the
        six-way table is sparse, so the chi-square p-values are only indicative.
    seed : int, default 0
        Random seed of the Monte-Carlo draws.
    warehouse : str or pathlib.Path, optional
        The warehouse file (default: the configured one).

    Returns
    -------
    EraChange
        The tests, each era's selected model, dominant configurations, shares and patterns.
    """
    chars = alliance_characteristics(warehouse) if characteristics is None else characteristics
    full = list(factors) + ["era"]
    table = atop_table(full, characteristics=chars)
    gen = ll.generating_class(model, factors)
    cache = {}
    same = ll.fit_model(table, list(gen) + [("era",)], cache)
    margins = ll.fit_model(table, list(gen) + [(f, "era") for f in factors], cache)
    crossed = ll.fit_model(table, [tuple(g) + ("era",) for g in gen], cache)
    rows = []
    for name, small, big in (
        ("era shifts the one-way margins", same, margins),
        ("era changes the associations", margins, crossed),
    ):
        dg2, ddf = small.g2 - big.g2, small.df - big.df
        row = {
            "test": name,
            "from": small.model,
            "to": big.model,
            "dG2": dg2,
            "ddf": ddf,
            "p": float(stats.chi2.sf(max(dg2, 0), ddf)) if ddf > 0 else float("nan"),
            "dAIC": big.aic - small.aic,
            "dBIC": big.bic - small.bic,
        }
        if draws:
            row["p_monte_carlo"] = ll.monte_carlo_compare(
                table, small.generating_class, big.generating_class, draws, seed
            )["p_monte_carlo"]
        rows.append(row)
    selected, dominant, shares = [], [], []
    for era in ERA_LABELS:
        sub = chars[chars["era"] == era]
        t = ll.contingency_table(sub, list(factors), missing="drop", max_levels=ll.MAX_LEVELS)
        pick = ll.select_model(t, "forward").best
        selected.append(
            {
                "era": era,
                "alliances": int(t.total),
                "selected": pick.model,
                "G2": pick.g2,
                "df": pick.df,
                "p": pick.p_g2,
                "share_expected_below_5": pick.small_expected_share,
            }
        )
        d = ll.describe(t, pick, top=top)
        dominant.append(d.dominant.assign(era=era))
        kept = sub.dropna(subset=list(factors))
        for f in factors:
            for level, share in kept[f].value_counts(normalize=True).sort_index().items():
                shares.append({"era": era, "factor": f, "level": level, "share": share})
    return EraChange(
        tests=pd.DataFrame(rows),
        selected=pd.DataFrame(selected),
        dominant=pd.concat(dominant, ignore_index=True)[
            ["era", "configuration", "observed", "expected_indep", "ratio", "adj_resid"]
        ],
        shares=pd.DataFrame(shares),
        patterns=pattern_table(chars, factors=factors),
    )
