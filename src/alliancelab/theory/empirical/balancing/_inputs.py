"""Inputs of the alignment classification, shared with other theory modules: the ATOP decisions,
member spells, alliance-member-years, the allied cube, and the threat measure.

``threat_measure`` is the ONE place the classification reads the threat model
(``alliancelab.measures.threat.threat_cube``), and ``threat_weights`` the one place it reads that
model's default weights (resampled for the label stability); switching the threat model is a
change to these two adjacent functions only.
"""

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.data.facts import spell_years
from alliancelab.eras import ERAS, era_of  # noqa: F401  (re-exported; the one eras table)
from alliancelab.errors import check_choice
from alliancelab.measures.threat import DEFAULT_WEIGHTS, fitted_model, threat_cube
from alliancelab.panels.lookup import NYEARS, Lookup

ALLY_FILTERS = ("none", "defense", "any")
LAST_MEMBER_YEAR = facts.ALLIANCE_MEMBERS_LAST  # a membership with yrexit = 0 is in force to here


# --- inputs -------------------------------------------------------------------------------------------
def decisions(warehouse=None):
    """One row per alignment decision from the ATOP 4.01 member-level file.

    Parameters
    ----------
    warehouse : str or Path, optional
        Default the configured one.

    Returns
    -------
    pandas.DataFrame
        atopid, member, year (entry year), exit (last year, 0 = in force at the end of coverage),
        phase, founding (entered in the treaty's first year), reentry, the member's obligations
        (defense offense neutral nonagg consul; max over the rows of the entry year), conditio, and
        from the alliance-level file begyr, endyr, bilat, asymm, wartime, specthrt, statthr1,
        statthr2, acqterr (the treaty provides for acquiring territory), divgains (for dividing
        the gains of a war) and the military provisions milcon, milaid, intcom, base.

    Examples
    --------
    >>> nato = decisions().query("atopid == 3180 and year == 1949")
    >>> sorted(nato["member"])[:3]
    [2, 20, 200]

    References
    ----------
    Leeds, B. A., Ritter, J. M., Mitchell, S. M. and Long, A. G. (2002), "Alliance Treaty
    Obligations and Provisions, 1815-1944", International Interactions 28(3): 237-260.
    """
    lookup = Lookup.get(warehouse)
    m = lookup.table("atop_members").copy()
    a = lookup.table("atop_alliances")[
        [
            "atopid",
            "begyr",
            "endyr",
            "bilat",
            "asymm",
            "wartime",
            "specthrt",
            "statthr1",
            "statthr2",
            "acqterr",
            "divgains",
            "milcon",
            "milaid",
            "intcom",
            "base",
        ]
    ]
    m["exit_"] = np.where(m["yrexit"].to_numpy() == 0, 9999, m["yrexit"].to_numpy())
    m = m.sort_values(["atopid", "member", "yrent", "phase"]).reset_index(drop=True)
    previous = m.groupby(["atopid", "member"])["exit_"].transform(lambda s: s.cummax().shift(1))
    m["spell"] = (previous.isna() | (m["yrent"] > previous)).astype(int)
    m["spell"] = m.groupby(["atopid", "member"])["spell"].cumsum()
    obligations = ["defense", "offense", "neutral", "nonagg", "consul", "conditio"]
    first = m.groupby(["atopid", "member", "spell"], as_index=False).agg(
        year=("yrent", "min"), exit_=("exit_", "max"), phase=("phase", "min")
    )
    entry = m.merge(first[["atopid", "member", "spell", "year"]], on=["atopid", "member", "spell"])
    entry = entry[entry["yrent"] == entry["year"]]
    entry = entry.groupby(["atopid", "member", "spell"], as_index=False)[obligations].max()
    out = first.merge(entry, on=["atopid", "member", "spell"]).merge(a, on="atopid", how="left")
    out["exit"] = np.where(out["exit_"] == 9999, 0, out["exit_"])
    out["founding"] = (out["year"] == out["begyr"]).astype(int)
    out["reentry"] = (out["spell"] > 1).astype(int)
    columns = [
        "atopid",
        "member",
        "year",
        "exit",
        "phase",
        "founding",
        "reentry",
        *obligations,
        "begyr",
        "endyr",
        "bilat",
        "asymm",
        "wartime",
        "specthrt",
        "statthr1",
        "statthr2",
        "acqterr",
        "divgains",
        "milcon",
        "milaid",
        "intcom",
        "base",
    ]
    return out[columns].sort_values(["year", "atopid", "member"]).reset_index(drop=True)


def member_spells(warehouse=None):
    """ATOP 4.01 member rows in force (``facts.alliance_spells``, the one exit-year rule: the exit
    year counts; yrexit = 0 runs to the last ATOP year).

    Parameters
    ----------
    warehouse : str or Path, optional
        The warehouse file (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        atopid, member, first, last, and whether the row carries a defense/offense (``defense``) or any
        obligation (``any``).
    """
    lookup = Lookup.get(warehouse)
    spells = lookup.cached(("alliance_spells",), lambda: facts.alliance_spells(lookup.table("atop_members")))
    ob = spells[list(facts.OBLIGATIONS)].to_numpy()
    return pd.DataFrame(
        {
            "atopid": spells["atopid"].to_numpy(),
            "member": spells["member"].to_numpy(),
            "first": spells["first"].to_numpy(),
            "last": spells["last"].to_numpy(),
            "defense": (ob[:, 0] + ob[:, 1] > 0).astype(np.int8),
            "any": (ob.sum(axis=1) > 0).astype(np.int8),
        }
    )


def alliance_member_years(warehouse=None):
    """(atopid, member, year) for every year a member is in an ATOP 4.01 alliance.

    Parameters
    ----------
    warehouse : str or Path, optional

    Returns
    -------
    pandas.DataFrame
        atopid, member, year, with flags defense (defense/offense obligation in that alliance) and
        any.
    """
    lookup = Lookup.get(warehouse)

    def build():
        s = member_spells(warehouse)
        rows, years = spell_years(s["first"], s["last"])
        out = pd.DataFrame(
            {
                "atopid": s["atopid"].to_numpy()[rows],
                "member": s["member"].to_numpy()[rows],
                "year": years,
                "defense": s["defense"].to_numpy()[rows],
                "any": s["any"].to_numpy()[rows],
            }
        )
        return out.groupby(["atopid", "member", "year"], as_index=False)[["defense", "any"]].max()

    return lookup.cached("alliance_member_years", build)


def allied_cube(kind="defense", warehouse=None):
    """(year, i, j) boolean: i and j share an ATOP 4.01 alliance in force that year.

    Parameters
    ----------
    kind : {"defense", "any"}, default "defense"
        An alliance in which either of them pledges defense or offense, or any ATOP alliance.
    warehouse : str or Path, optional

    Returns
    -------
    numpy.ndarray
        Symmetric boolean cube (years since 1815, states, states).
    """
    check_choice("kind", kind, ("defense", "any"))
    lookup = Lookup.get(warehouse)

    def build():
        amy = alliance_member_years(warehouse)
        pairs = amy.merge(amy, on=["atopid", "year"], suffixes=("1", "2"))
        pairs = pairs[pairs["member1"] != pairs["member2"]]
        if kind == "defense":  # either member's defense/offense pledge makes the pair allied
            pairs = pairs[(pairs["defense1"] > 0) | (pairs["defense2"] > 0)]
        cube = lookup.dyad_cube(
            pairs["member1"], pairs["member2"], pairs["year"], np.ones(len(pairs)), reducer="max"
        ).astype(bool)
        return cube | cube.transpose(0, 2, 1)

    return lookup.cached(("allied_cube", kind), build)


def threat_measure(form="projected", weights=None, warehouse=None, params=None):
    """(year, i, j) threat of j to i for one form of the measure (``measures.threat.threat_cube``).

    Parameters
    ----------
    form : {"projected", "additive", "estimated"}, default "projected"
    weights : dict, optional
        Component weights (or coefficients of the estimated form).
    warehouse : str or Path, optional
    params : ThreatParams or mapping, optional
        Half distance(s) and dispute half-life of the hand-weighted forms (``measures.threat.ThreatParams``).

    Returns
    -------
    numpy.ndarray
    """
    return threat_cube(weights, warehouse, form=form, params=params)


def threat_weights(form="projected"):
    """The threat model's default weights (the centre of the label-stability draws).

    Parameters
    ----------
    form : {"projected", "additive", "estimated"}, default "projected"
        The component weights of the hand-weighted forms, or the fitted coefficients of
        ``form="estimated"``.

    Returns
    -------
    dict

    Examples
    --------
    >>> threat_weights()
    {'power': 1.0, 'proximity': 1.0, 'offensive': 0.5, 'intentions': 2.0}
    """
    if form == "estimated":
        model = fitted_model()
        return dict(zip(model.features, model.coef.tolist()))
    return dict(DEFAULT_WEIGHTS)


def hostile_allies(kind="defense", window=10, warehouse=None):
    """(year, i, j) boolean: j is allied with i (``allied_cube(kind)``) but behaves as an adversary.

    The two are strategic rivals that year (Thompson & Dreyer), or j initiated a GML dispute against
    i during their current alliance spell and within the last ``window`` years. Disputes from before
    the alliance began do not count: forming the alliance signals they were settled.

    Parameters
    ----------
    kind : {"defense", "any"}, default "defense"
    window : int, default 10
        Years.
    warehouse : str or Path, optional

    Returns
    -------
    numpy.ndarray
    """
    from alliancelab.panels.adders import gml_cubes, rivalry_cube

    lookup = Lookup.get(warehouse)

    def build():
        allied = allied_cube(kind, warehouse)
        run = np.zeros(allied.shape, dtype=np.int16)  # consecutive allied years up to t
        run[0] = allied[0]
        for t in range(1, NYEARS):
            run[t] = np.where(allied[t], run[t - 1] + 1, 0)
        init = gml_cubes(lookup)["mid_init"].astype(np.int32).transpose(0, 2, 1)  # [t, i, j]: j on i
        total = np.cumsum(init, axis=0, dtype=np.int32)
        padded = np.concatenate([np.zeros((1,) + total.shape[1:], dtype=np.int32), total])
        span = np.minimum(run, window).astype(np.int64)
        before = np.arange(NYEARS)[:, None, None] + 1 - span  # index into padded of year t - span
        recent = total - np.take_along_axis(padded, before, axis=0)
        return allied & ((recent > 0) | (rivalry_cube(lookup) > 0))

    return lookup.cached(("hostile_allies", kind, window), build)


def candidate_threats(
    form="projected", weights=None, exclude_allies="defense", keep_hostile_allies=True, warehouse=None, params=None
):
    """Threat cube with the excluded candidates set to NaN.

    States allied with i in that year (``exclude_allies``) are excluded, except, when
    ``keep_hostile_allies``, allies that behave as adversaries (``hostile_allies``): an alliance on
    paper does not remove the threat (the Anglo- and Franco-Soviet treaties of 1942/1944 were still
    in force in 1948, the Berlin blockade dispute too).

    Parameters
    ----------
    form : {"projected", "additive", "estimated"}, default "projected"
    weights : dict, optional
    exclude_allies : {"defense", "any", "none"}, default "defense"
    keep_hostile_allies : bool, default True
    warehouse : str or Path, optional
    params : ThreatParams or mapping, optional
        Threat parameters of the hand-weighted forms (``threat_measure``).

    Returns
    -------
    numpy.ndarray
        (year, i, j) threat of j to i.
    """
    check_choice("exclude_allies", exclude_allies, ALLY_FILTERS)
    lookup = Lookup.get(warehouse)
    key = (
        "candidate_threats",
        form,
        weights if weights is None or isinstance(weights, str) else tuple(sorted(weights.items())),
        exclude_allies,
        bool(keep_hostile_allies),
        tuple(sorted(dict(params or {}).items())),
    )

    def build():
        cube = threat_measure(form, weights, warehouse, params)
        if exclude_allies == "none":
            return cube
        drop = allied_cube(exclude_allies, warehouse)
        if keep_hostile_allies:
            drop = drop & ~hostile_allies(exclude_allies, 10, warehouse)
        return np.where(drop, np.nan, cube).astype(np.float32)

    return lookup.cached(key, build)


def hostile_pairs(window=10, warehouse=None):
    """(year, i, j) boolean, symmetric: i and j are strategic rivals (Thompson & Dreyer) that year, or
    fought a COW inter-state war or had a GML dispute onset (either side) in [year - ``window``, year].
    Walt's aggressive intentions made observable: a state with no such record toward i is not a
    source of danger to it, however large and near."""
    from alliancelab.panels.adders import gml_cubes, rivalry_cube

    lookup = Lookup.get(warehouse)

    def build():
        w = lookup.table("wars")
        war = (
            lookup.dyad_cube(
                w["ccode1"], w["ccode2"], w["year"], w["cowinterongoing"].fillna(0).to_numpy(), reducer="max"
            )
            > 0
        )
        events = war | (gml_cubes(lookup)["mid_onset"] > 0)
        events = events | events.transpose(0, 2, 1)
        total = np.cumsum(events, axis=0, dtype=np.int32)
        padded = np.concatenate([np.zeros((1,) + total.shape[1:], dtype=np.int32), total])
        start = np.maximum(np.arange(NYEARS) - window, 0)
        return ((total - padded[start]) > 0) | (rivalry_cube(lookup) > 0)

    return lookup.cached(("hostile_pairs", int(window)), build)
