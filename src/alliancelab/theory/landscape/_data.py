"""Sizes and propensities for landscape theory, built from the warehouse; actual camps from COW wars.

Axelrod & Bennett (1993) built propensities for their European case from a handful of pairwise
ingredients (ethnic conflict, religion, territorial disputes, ideology, economics, past wars) and
used capabilities as sizes. Here each ingredient is a *component*: a symmetric matrix over the
chosen states with a zero diagonal and values in [-1, 1] (positive = reason to be in the same camp,
negative = reason to be apart), documented below and switchable by its weight:

    propensity p_ij = sum_c weight_c * component_c[i, j]

Components (year t is the year the data describe; "window" parameters are in ``DEFAULT_PARAMS``):

==================  =====================================================================  ======
name                definition                                                             source
==================  =====================================================================  ======
alliance            ties in force in t, the stronger direction: 1 defense or offense,       ATOP 5.1
                    0.5 neutrality or consultation, 0.25 non-aggression only
alliance_history    share of the ``history_years`` years up to t with any ATOP tie          ATOP 5.1
shared_allies       Jaccard overlap of the two states' defense/offense allies in t          ATOP 5.1
                    (third states only)
opposed_alliances   -1 if a treaty in force in t with one of them as member names the       ATOP 4.01
                    other as its threat (``statthr1``/``statthr2``) and the other is not
                    itself a member of that treaty in t (Locarno, 1925, guarantees each
                    member against another member: no antipathy among its members)
allied_with_rival   -(number of allies of one that are strategic rivals of the other,       ATOP 5.1,
                    both ways), divided by the largest count among the pairs                T&D
rivalry             -1 if a Thompson-Dreyer strategic rivalry is active in t                T&D 2012
disputes            -(sum over MIDs begun in the ``dispute_years`` up to t of               GML 2.2.1
                    hostility/5 x 0.5^(age/``dispute_half_life``)), divided by the max
wars_opposed        -(sum over COW wars fought against each other in the ``war_years``       COW wars
                    up to t of 0.5^(age/``war_half_life``)), divided by the max
wars_allied         the same for wars fought on the same side, positive                     COW wars
territorial         -1 if contiguous (land or <= 24 miles of water) in t and a MID in the   COW cont.,
                    dispute window had a territorial revision type (``revtype`` = 1);        GML
                    -0.5 if contiguous with only non-territorial MIDs
regime              1 - |polity2_i - polity2_j| / 10 in t (0 when either is missing)        Polity IV
trade_gravity       gravity *proxy* of dyadic trade: (X_i M_j + X_j M_i) / distance between  COW trade,
                    capitals (the capitals in force at the end of t, WGS84 geodesic km as  capitals
                    in the panels' ``add_capital_distance``; at least 100 km), divided by
                    the max (the warehouse has state totals only, not dyadic flows; 0 when
                    missing)
baseline            1 for every pair (a constant; its weight acts as an intercept)           -
==================  =====================================================================  ======

Sizes: ``cinc`` (COW CINC in t, or its mean over ``size_years`` years up to t).

Default weights (``DEFAULT_WEIGHTS``) were fixed before any comparison with an outcome: 1 for
current treaty ties, named threats and strategic rivalry, 0.5 for the history-based and indirect
ingredients, 0.25 for regime similarity, co-belligerence and the trade proxy, 0 for the baseline.
``fit_weights`` estimates weights instead from an alignment that is known (a logistic regression of
"same camp" on the components over the dyads of one or more training systems), to be applied to
another period.

Actual camps: ``war_sides(warnum)`` reads the COW inter-state war dyad-years; a state's side is
the side it fought on in its first year in the war (COW lists states that changed sides, e.g. Italy
and Romania in the Second World War, on both).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.errors import ParameterError, check_range
from alliancelab.panels.lookup import connection_first, warehouse_connection

DEFAULT_WEIGHTS = {
    "alliance": 1.0,
    "alliance_history": 0.5,
    "shared_allies": 0.5,
    "opposed_alliances": 1.0,
    "allied_with_rival": 0.5,
    "rivalry": 1.0,
    "disputes": 0.5,
    "wars_opposed": 0.5,
    "wars_allied": 0.25,
    "territorial": 0.5,
    "regime": 0.25,
    "trade_gravity": 0.25,
    "baseline": 0.0,
}
COMPONENTS = tuple(DEFAULT_WEIGHTS)
DEFAULT_PARAMS = {
    "history_years": 20,
    "dispute_years": 20,
    "dispute_half_life": 10.0,
    "war_years": 50,
    "war_half_life": 25.0,
    "size_years": 1,
}
SOURCES_USED = {
    "alliance": ["atop_dyads"],
    "alliance_history": ["atop_dyads"],
    "shared_allies": ["atop_dyads"],
    "opposed_alliances": ["atop_members", "atop_alliances"],
    "allied_with_rival": ["atop_dyads", "rivalries"],
    "rivalry": ["rivalries"],
    "disputes": ["gml_dyads"],
    "wars_opposed": ["wars"],
    "wars_allied": ["wars"],
    "territorial": ["contiguity", "gml_dyads"],
    "regime": ["polity"],
    "trade_gravity": ["trade", "capitals"],
    "baseline": [],
}

# Thompson-Dreyer code for Sardinia, read as Italy (see data/sources.py known_odd_codes). Public: the
# prediction features read the rivalry table with the same mapping.
RIVALRY_CODE_MAP = {324: 325}


# --------------------------------------------------------------------------------------------
# States
# --------------------------------------------------------------------------------------------


@connection_first
def resolve_states(states, year, *, warehouse=None, con=None):
    """COW codes, abbreviations and names of ``states``, checked to be system members in ``year``.

    Parameters
    ----------
    states : str or sequence
        COW codes, abbreviations or names (resolved by ``alliancelab.data.names.resolve_states``), or
        one string separated by spaces or commas. At least two states, each once.
    year : int
        The year the states must be system members in (decides e.g. Germany 255 vs West Germany 260).
    warehouse : path, optional
        The warehouse (default: the configured one). The old call ``resolve_states(con, states, year)``
        and ``con=`` still work but are deprecated (``DeprecationWarning``).

    Returns
    -------
    DataFrame
        Columns ccode, stateabb, statenme, in the given order.

    Examples
    --------
    >>> resolve_states("United Kingdom FRN 255", 1913).ccode.tolist()
    [200, 220, 255]

    References
    ----------
    Correlates of War Project (2017), State System Membership List, v2016.
    """
    return _resolve_states(warehouse_connection(warehouse, con, "resolve_states"), states, year)


def _resolve_states(con, states, year):
    from alliancelab.data.names import StateNames

    if not isinstance(states, str):
        states = list(states)
    names = StateNames.from_spells(facts.system_spells(con))
    codes = names.resolve_many(states, year, argument="states")
    if len(codes) < 2:
        raise ParameterError(f"argument states: expected at least 2 states, got {states!r}")
    out = pd.DataFrame(
        {"ccode": codes, "stateabb": [names.abbreviation[c] for c in codes], "statenme": [names.name[c] for c in codes]}
    )
    if out.ccode.duplicated().any():
        dup = out.stateabb[out.ccode.duplicated()].tolist()
        raise ParameterError(f"argument states: {dup} given more than once")
    return out


@connection_first
def sizes(codes, year, size_years=1, *, warehouse=None, con=None):
    """Size of each state: COW CINC in ``year``, or its mean over the ``size_years`` years up to it.

    size_i = (1 / Y) sum_{t = year - Y + 1}^{year} CINC_i,t, with Y = ``size_years`` (years without a
    CINC value are left out of the mean, never counted as 0).

    Parameters
    ----------
    codes : sequence of int
        COW state codes.
    year : int
        Last year of the window.
    size_years : int
        Y, the window length (1-200).
    warehouse : path, optional
        The warehouse (default: the configured one). The old call ``sizes(con, codes, year)`` and
        ``con=`` still work but are deprecated (``DeprecationWarning``).

    Returns
    -------
    Series
        CINC per code (index: the codes in the given order), named ``cinc``.

    Raises
    ------
    ParameterError
        Naming the state(s) whose CINC is missing or zero (sizes must be > 0).

    Examples
    --------
    >>> sizes([2, 365], 1950).round(3).tolist()  # doctest: +SKIP

    References
    ----------
    Singer, J. D., Bremer, S. and Stuckey, J. (1972), "Capability Distribution, Uncertainty, and Major
    Power War, 1820-1965", in B. Russett (ed.), Peace, War, and Numbers: 19-48 (CINC; NMC v6.0).
    Axelrod, R. and Bennett, D. S. (1993), British Journal of Political Science 23(2): 211-233.
    """
    return _sizes(warehouse_connection(warehouse, con, "sizes"), codes, year, size_years)


def _sizes(con, codes, year, size_years=1):
    check_range("size_years", size_years, 1, 200)
    codes = [int(c) for c in codes]
    df = (
        con.execute(
            "SELECT ccode, avg(cinc) AS cinc FROM nmc WHERE year BETWEEN ? AND ? AND cinc IS NOT NULL "
            "AND ccode IN (SELECT unnest(?::BIGINT[])) GROUP BY ccode",
            [year - size_years + 1, year, codes],
        )
        .df()
        .set_index("ccode")["cinc"]
    )
    missing = [c for c in codes if c not in df.index or not df[c] > 0]
    if missing:
        raise ParameterError(
            f"nmc: no positive CINC for state(s) {missing} in {year - size_years + 1}-{year}; sizes must be > 0"
        )
    return pd.Series([float(df[c]) for c in codes], index=codes, name="cinc")


# --------------------------------------------------------------------------------------------
# Components
# --------------------------------------------------------------------------------------------


def _matrix(codes, frame, value="value", how="max"):
    """Symmetric matrix from rows (a, b, value) over ``codes``; pairs given both ways are combined
    with ``how`` (max or sum); pairs not in ``codes`` are dropped."""
    n = len(codes)
    pos = {c: i for i, c in enumerate(codes)}
    m = np.zeros((n, n))
    if frame is None or len(frame) == 0:
        return m
    for a, b, v in zip(frame["a"], frame["b"], frame[value]):
        if a in pos and b in pos and a != b and pd.notna(v):
            i, j = pos[int(a)], pos[int(b)]
            if how == "sum":
                m[i, j] += v
                m[j, i] += v
            else:
                m[i, j] = m[j, i] = max(m[i, j], v)
    return m


def _normalise(m):
    top = np.abs(m).max()
    return m / top if top > 0 else m


def _alliance(con, codes, year, params):
    df = con.execute(
        """SELECT ccode1 AS a, ccode2 AS b,
                  CASE WHEN atop_defense = 1 OR atop_offense = 1 THEN 1.0
                       WHEN atop_neutral = 1 OR atop_consul = 1 THEN 0.5
                       WHEN atop_nonagg = 1 THEN 0.25 ELSE 0.0 END AS value
           FROM atop_dyads WHERE year = ?""",
        [year],
    ).df()
    return _matrix(codes, df)


def _alliance_history(con, codes, year, params):
    h = int(params["history_years"])
    df = con.execute(
        """SELECT least(ccode1, ccode2) AS a, greatest(ccode1, ccode2) AS b,
                  count(DISTINCT year) / ? AS value
           FROM atop_dyads WHERE year BETWEEN ? AND ?
             AND (atop_defense + atop_offense + atop_neutral + atop_nonagg + atop_consul) > 0
           GROUP BY 1, 2""",
        [float(h), year - h + 1, year],
    ).df()
    return _matrix(codes, df)


def _defense_allies(con, year):
    df = con.execute(
        "SELECT ccode1, ccode2 FROM atop_dyads WHERE year = ? AND (atop_defense = 1 OR atop_offense = 1)", [year]
    ).df()
    allies = {}
    for a, b in zip(df.ccode1, df.ccode2):
        allies.setdefault(int(a), set()).add(int(b))
        allies.setdefault(int(b), set()).add(int(a))
    return allies


def _shared_allies(con, codes, year, params):
    allies = _defense_allies(con, year)
    n = len(codes)
    m = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a = allies.get(codes[i], set()) - {codes[i], codes[j]}
            b = allies.get(codes[j], set()) - {codes[i], codes[j]}
            union = a | b
            m[i, j] = m[j, i] = len(a & b) / len(union) if union else 0.0
    return m


def _opposed_alliances(con, codes, year, params):
    spells = facts.alliance_spells(con)  # the one rule of membership in force (exit year counts)
    in_force = spells.loc[(spells["first"] <= year) & (spells["last"] >= year), ["atopid", "member"]].drop_duplicates()
    threats = con.execute(
        """SELECT atopid, statthr1 AS threat FROM atop_alliances WHERE statthr1 IS NOT NULL
           UNION ALL
           SELECT atopid, statthr2 FROM atop_alliances WHERE statthr2 IS NOT NULL"""
    ).df()
    df = in_force.rename(columns={"member": "a"}).merge(threats, on="atopid").rename(columns={"threat": "b"})
    # no antipathy when the named threat is itself a member of the treaty that year (Locarno)
    inside = df.merge(in_force, left_on=["atopid", "b"], right_on=["atopid", "member"], how="left")["member"].notna()
    df = df.loc[~inside.to_numpy(), ["a", "b"]].drop_duplicates()
    n = len(codes)
    pos = {c: i for i, c in enumerate(codes)}
    m = np.zeros((n, n))
    for a, b in zip(df.a, df.b):
        if a in pos and b in pos and a != b:
            m[pos[a], pos[b]] = m[pos[b], pos[a]] = -1.0
    return m


def _active_rivalries(con, year):
    df = con.execute("SELECT ccode1, ccode2 FROM rivalries WHERE styear <= ? AND endyear >= ?", [year, year]).df()
    pairs = set()
    for a, b in zip(df.ccode1, df.ccode2):
        a, b = RIVALRY_CODE_MAP.get(int(a), int(a)), RIVALRY_CODE_MAP.get(int(b), int(b))
        pairs.add((a, b))
        pairs.add((b, a))
    return pairs


def _rivalry(con, codes, year, params):
    rivals = _active_rivalries(con, year)
    n = len(codes)
    return np.array([[-1.0 if (codes[i], codes[j]) in rivals else 0.0 for j in range(n)] for i in range(n)])


def _allied_with_rival(con, codes, year, params):
    allies = _defense_allies(con, year)
    rivals = _active_rivalries(con, year)
    n = len(codes)
    m = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a, b = codes[i], codes[j]
            count = sum((k, b) in rivals for k in allies.get(a, set()) - {b})
            count += sum((k, a) in rivals for k in allies.get(b, set()) - {a})
            m[i, j] = m[j, i] = -float(count)
    return _normalise(m)


def _disputes(con, codes, year, params):
    w, half = int(params["dispute_years"]), float(params["dispute_half_life"])
    df = con.execute(
        """SELECT least(ccode1, ccode2) AS a, greatest(ccode1, ccode2) AS b, dispnum,
                  min(year) AS onset, max(greatest(coalesce(hostlev1, 0), coalesce(hostlev2, 0))) AS host
           FROM gml_dyads WHERE year BETWEEN ? AND ? GROUP BY 1, 2, 3""",
        [year - w + 1, year],
    ).df()
    if len(df):
        df["value"] = -(df.host / 5.0) * 0.5 ** ((year - df.onset) / half)
    return _normalise(_matrix(codes, df, how="sum"))


def _war_participation(con, first, last):
    """(warnum, ccode, side, first year) for wars with any year in first..last."""
    return con.execute(
        """WITH rows AS (SELECT warnum, ccode1 AS ccode, sidea1 AS side, year FROM wars
                         UNION ALL SELECT warnum, ccode2, sidea2, year FROM wars)
           SELECT warnum, ccode, side, min(year) AS y0 FROM rows
           WHERE warnum IN (SELECT warnum FROM wars WHERE year BETWEEN ? AND ?) AND year <= ?
           GROUP BY 1, 2, 3""",
        [first, last, last],
    ).df()


def _wars(con, codes, year, params, same_side):
    w, half = int(params["war_years"]), float(params["war_half_life"])
    part = _war_participation(con, year - w + 1, year)
    pairs = {}  # (war, low code, high code) -> decay; a pair counts once per war
    for war, g in part.groupby("warnum"):
        decay = 0.5 ** ((year - int(g.y0.min())) / half)
        recs = list(zip(g.ccode, g.side))
        for x in range(len(recs)):
            for y in range(x + 1, len(recs)):
                (a, sa), (b, sb) = recs[x], recs[y]
                if a != b and (sa == sb) == same_side:
                    pairs[(war, min(a, b), max(a, b))] = decay
    df = pd.DataFrame([(a, b, v) for (_w, a, b), v in pairs.items()], columns=["a", "b", "value"])
    m = _matrix(codes, df, how="sum")
    m = _normalise(m)
    return m if same_side else -m


def _wars_opposed(con, codes, year, params):
    return _wars(con, codes, year, params, same_side=False)


def _wars_allied(con, codes, year, params):
    return _wars(con, codes, year, params, same_side=True)


def _territorial(con, codes, year, params):
    w = int(params["dispute_years"])
    cont = con.execute(
        """SELECT DISTINCT least(ccode1, ccode2) AS a, greatest(ccode1, ccode2) AS b FROM contiguity
           WHERE conttype <= 3 AND year(stdate) <= ? AND year(enddate) >= ?""",
        [year, year],
    ).df()
    mids = con.execute(
        """SELECT least(ccode1, ccode2) AS a, greatest(ccode1, ccode2) AS b,
                  max(CASE WHEN 1 IN (revtype11, revtype12, revtype21, revtype22) THEN 1 ELSE 0 END) AS terr
           FROM gml_dyads WHERE year BETWEEN ? AND ? GROUP BY 1, 2""",
        [year - w + 1, year],
    ).df()
    df = cont.merge(mids, on=["a", "b"], how="inner")
    df["value"] = np.where(df.terr == 1, -1.0, -0.5)
    n = len(codes)
    pos = {c: i for i, c in enumerate(codes)}
    m = np.zeros((n, n))
    for a, b, v in zip(df.a, df.b, df.value):
        if a in pos and b in pos:
            m[pos[a], pos[b]] = m[pos[b], pos[a]] = v
    return m


def _regime(con, codes, year, params):
    df = (
        con.execute("SELECT cow_ccode AS ccode, polity2 FROM polity WHERE year = ? AND polity2 IS NOT NULL", [year])
        .df()
        .drop_duplicates("ccode")
        .set_index("ccode")["polity2"]
    )
    v = np.array([df.get(c, np.nan) for c in codes], dtype=float)
    m = 1.0 - np.abs(v[:, None] - v[None, :]) / 10.0
    m[~np.isfinite(m)] = 0.0
    np.fill_diagonal(m, 0.0)
    return m


def _trade_gravity(con, codes, year, params):
    trade = con.execute("SELECT ccode, imports, exports FROM trade WHERE year = ?", [year]).df()
    trade = trade.drop_duplicates("ccode").set_index("ccode")
    from alliancelab.panels.adders import geodesic_km

    # the capital in force at the end of the year (the later spell in a year of change), as the panels read it
    caps = (
        con.execute(
            """SELECT ccode, lat, lng FROM capitals WHERE year(stdate) <= ? AND year(enddate) >= ?
           ORDER BY ccode, stdate""",
            [year, year],
        )
        .df()
        .drop_duplicates("ccode", keep="last")
        .set_index("ccode")
    )
    n = len(codes)
    x = np.array([trade.exports.get(c, np.nan) for c in codes], dtype=float)
    imp = np.array([trade.imports.get(c, np.nan) for c in codes], dtype=float)
    lat = np.array([caps.lat.get(c, np.nan) for c in codes], dtype=float)
    lng = np.array([caps.lng.get(c, np.nan) for c in codes], dtype=float)
    km = geodesic_km(lat[:, None], lng[:, None], lat[None, :], lng[None, :])
    flow = x[:, None] * imp[None, :] + x[None, :] * imp[:, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        m = flow / np.maximum(km, 100.0)
    m[~np.isfinite(m)] = 0.0
    np.fill_diagonal(m, 0.0)
    return _normalise(m) if n else m


def _baseline(con, codes, year, params):
    n = len(codes)
    return np.ones((n, n)) - np.eye(n)


_BUILDERS = {
    "alliance": _alliance,
    "alliance_history": _alliance_history,
    "shared_allies": _shared_allies,
    "opposed_alliances": _opposed_alliances,
    "allied_with_rival": _allied_with_rival,
    "rivalry": _rivalry,
    "disputes": _disputes,
    "wars_opposed": _wars_opposed,
    "wars_allied": _wars_allied,
    "territorial": _territorial,
    "regime": _regime,
    "trade_gravity": _trade_gravity,
    "baseline": _baseline,
}


@dataclass
class System:
    """A set of states in one year with their sizes and every propensity component.

    Parameters
    ----------
    year : int
        The year.
    states : pandas.DataFrame
        ccode, stateabb, statenme, in the order of every array.
    sizes : numpy.ndarray
        The states' sizes (CINC by default).
    components : dict
        Component name -> (n, n) array of pairwise values.
    params : dict
        The parameters the components were built with.
    citations : list of str
        The sources used.
    """

    year: int
    states: pd.DataFrame  # ccode, stateabb, statenme
    sizes: np.ndarray
    components: dict  # name -> (n, n) array
    params: dict
    citations: list = field(default_factory=list)

    @property
    def names(self):
        return list(self.states.stateabb)

    @property
    def codes(self):
        return [int(c) for c in self.states.ccode]

    def propensity(self, weights=None):
        """p = sum_c weight_c * component_c (weights default to DEFAULT_WEIGHTS; unknown names raise)."""
        weights = check_weights(weights)
        n = len(self.sizes)
        p = np.zeros((n, n))
        for name, wt in weights.items():
            if wt != 0:
                p += wt * self.components[name]
        return p

    def component_table(self):
        """Long table: one row per unordered pair with every component's value."""
        n = len(self.sizes)
        rows = []
        for i in range(n):
            for j in range(i + 1, n):
                row = {"state1": self.names[i], "state2": self.names[j]}
                row.update({c: m[i, j] for c, m in self.components.items()})
                rows.append(row)
        return pd.DataFrame(rows)


def check_weights(weights):
    """Complete ``weights`` with DEFAULT_WEIGHTS; raise ParameterError on unknown component names.

    Parameters
    ----------
    weights : dict or None
        Component name -> weight; missing components take their default.

    Returns
    -------
    dict
        A weight for every component.
    """
    if weights is None:
        return dict(DEFAULT_WEIGHTS)
    unknown = sorted(set(weights) - set(COMPONENTS))
    if unknown:
        raise ParameterError(
            f"argument weights: unknown component(s) {unknown}; expected names from {list(COMPONENTS)}"
        )
    out = dict(DEFAULT_WEIGHTS)
    out.update({k: float(v) for k, v in weights.items()})
    return out


def parse_weights(text):
    """'alliance=1,rivalry=0.5' -> {'alliance': 1.0, 'rivalry': 0.5} (for the command line).

    Parameters
    ----------
    text : str
        NAME=NUMBER pairs separated by commas or semicolons.

    Returns
    -------
    dict
        A weight for every component (``check_weights``).

    Examples
    --------
    >>> parse_weights("alliance=1,rivalry=0.5")["rivalry"]
    0.5
    """
    from alliancelab.assignments import parse_assignments

    return check_weights(parse_assignments(text, "weights", float, separators=",;", expected="NAME=NUMBER"))


@connection_first
def build_system(states, year, components=None, params=None, *, warehouse=None, con=None):
    """Sizes and every propensity component for ``states`` in ``year``.

    The propensity of a pair is p_ij = sum_c weight_c * component_c[i, j] (``System.propensity``);
    each component is a symmetric matrix with zero diagonal and values in [-1, 1], defined in the
    module docstring of ``alliancelab.theory.landscape._data``. Sizes are COW CINC (``sizes``).

    Parameters
    ----------
    states : str or sequence
        Codes, abbreviations or names (``resolve_states``), at least two.
    year : int
        The year the data describe.
    components : sequence of str, optional
        The components to compute (default: all of ``COMPONENTS``); the others are zero matrices.
    params : dict, optional
        Window parameters overriding ``DEFAULT_PARAMS``.
    warehouse : path, optional
        The warehouse (default: the configured one). The old call ``build_system(con, states, year)``
        and ``con=`` still work but are deprecated (``DeprecationWarning``).

    Returns
    -------
    System
        year, states (ccode, stateabb, statenme), sizes, components (name -> matrix), params and
        the citations of the sources used.

    Examples
    --------
    >>> system = build_system("GMY AUH ITA UKG FRN RUS", 1913)
    >>> system.names
    ['GMY', 'AUH', 'ITA', 'UKG', 'FRN', 'RUS']
    >>> p = system.propensity()  # DEFAULT_WEIGHTS

    References
    ----------
    Axelrod, R. and Bennett, D. S. (1993), "A Landscape Theory of Aggregation", British Journal of
    Political Science 23(2): 211-233.
    """
    return _build_system(warehouse_connection(warehouse, con, "build_system"), states, year, components, params)


def _build_system(con, states, year, components=None, params=None):
    from alliancelab.data.warehouse import _citations as citations

    year = int(year)
    check_range("year", year, facts.SYSTEM_FIRST, facts.SYSTEM_LAST)
    params = {**DEFAULT_PARAMS, **(params or {})}
    unknown = sorted(set(params) - set(DEFAULT_PARAMS))
    if unknown:
        raise ParameterError(f"argument params: unknown parameter(s) {unknown}; expected {list(DEFAULT_PARAMS)}")
    names = list(COMPONENTS) if components is None else list(components)
    bad = sorted(set(names) - set(COMPONENTS))
    if bad:
        raise ParameterError(f"argument components: unknown component(s) {bad}; expected {list(COMPONENTS)}")
    table = _resolve_states(con, states, year)
    codes = [int(c) for c in table.ccode]
    size = _sizes(con, codes, year, int(params["size_years"])).to_numpy()
    mats = {}
    n = len(codes)
    for name in COMPONENTS:
        mats[name] = _BUILDERS[name](con, codes, year, params) if name in names else np.zeros((n, n))
    used = ["nmc", "states"] + sorted({t for c in names for t in SOURCES_USED[c]})
    return System(year=year, states=table, sizes=size, components=mats, params=params, citations=citations(con, used))


# --------------------------------------------------------------------------------------------
# Actual camps, scoring, fitting
# --------------------------------------------------------------------------------------------


@connection_first
def war_sides(warnum, *, warehouse=None, con=None):
    """Side (1 or 2, as COW codes it) of every state in COW inter-state war ``warnum``.

    A state listed on both sides (it changed sides, e.g. Italy and Romania in the Second World War)
    gets the side of its first year in the war.

    Parameters
    ----------
    warnum : int
        COW inter-state war number (e.g. 106: the First World War, 139: the Second).
    warehouse : path, optional
        The warehouse (default: the configured one). The old call ``war_sides(con, warnum)`` and
        ``con=`` still work but are deprecated (``DeprecationWarning``).

    Returns
    -------
    DataFrame
        ccode, stateabb, side, first_year; sorted by side and code.

    Examples
    --------
    >>> war_sides(106).query("side == 1").stateabb.tolist()  # doctest: +SKIP

    References
    ----------
    Sarkees, M. R. and Wayman, F. (2010), Resort to War: 1816-2007, CQ Press (COW war data v4.0).
    """
    return _war_sides(warehouse_connection(warehouse, con, "war_sides"), warnum)


def _war_sides(con, warnum):
    part = con.execute(
        """WITH rows AS (SELECT ccode1 AS ccode, sidea1 AS side, year FROM wars WHERE warnum = ?
                         UNION ALL SELECT ccode2, sidea2, year FROM wars WHERE warnum = ?)
           SELECT ccode, side, min(year) AS first_year FROM rows GROUP BY 1, 2""",
        [int(warnum), int(warnum)],
    ).df()
    if part.empty:
        raise ParameterError(f"argument war={warnum}: no such war number in the COW inter-state war data")
    part = part.sort_values(["ccode", "first_year", "side"]).drop_duplicates("ccode")
    abb = con.execute("SELECT DISTINCT ccode, stateabb FROM states").df().drop_duplicates("ccode")
    return (
        part.merge(abb, on="ccode", how="left")[["ccode", "stateabb", "side", "first_year"]]
        .sort_values(["side", "ccode"])
        .reset_index(drop=True)
    )


def actual_camps(codes, sides):
    """Camp (0/1/...) per state in ``codes`` from ``sides`` ({ccode: side} or a war_sides frame);
    states without a side get -1 (not scored).

    Parameters
    ----------
    codes : sequence of int
        COW codes, in the order of the system's states.
    sides : dict or pandas.DataFrame
        {ccode: side}, or a ``war_sides`` frame (columns ccode, side).

    Returns
    -------
    numpy.ndarray
        One camp index per state (sides numbered in sorted order), -1 where unknown.

    Examples
    --------
    >>> actual_camps([2, 200, 255], {2: "A", 255: "B"}).tolist()
    [0, -1, 1]
    """
    if isinstance(sides, pd.DataFrame):
        sides = dict(zip(sides.ccode, sides.side))
    labels = sorted({v for v in sides.values()})
    index = {v: i for i, v in enumerate(labels)}
    return np.array([index[sides[c]] if c in sides else -1 for c in codes], dtype=np.int64)


def placed_right(predicted, actual):
    """How many actors with a known camp (actual >= 0) are placed right, maximised over renamings
    of the predicted camps (two camps: the better of the identity and the swap). The renaming is
    one-to-one: with more predicted camps than actual sides, the members of a camp matched to no
    side count as wrong.

    Parameters
    ----------
    predicted : array of int
        Predicted camp per actor.
    actual : array of int
        Known camp per actor (-1 = unknown, not scored).

    Returns
    -------
    tuple
        (number right, number scored, the camp mapping used).

    Examples
    --------
    >>> placed_right([0, 0, 1], [1, 1, 0])[:2]
    (3, 3)
    """
    from itertools import permutations

    predicted = np.asarray(predicted)
    actual = np.asarray(actual)
    keep = actual >= 0
    k = int(max(predicted.max(), actual[keep].max() if keep.any() else 0)) + 1
    best, best_map = -1, None
    for perm in permutations(range(k)):
        right = int(np.sum(np.array(perm)[predicted[keep]] == actual[keep]))
        if right > best:
            best, best_map = right, perm
    return best, int(keep.sum()), best_map


def fit_weights(examples, components=None, l2=1.0):
    """Fit component weights on systems whose alignment is known; apply them to other periods.

    ``examples``: list of (System, camps) with camps an array (one per state; -1 = unknown, not
    used). Model: logistic regression over the unordered pairs of states with known camps,
    P(same camp) = logistic(b0 + sum_c b_c component_c[i, j]), ridge penalty ``l2`` (scikit-learn,
    C = 1/l2). The coefficients b_c are the weights (b0 becomes the ``baseline`` weight), so the
    fitted propensity is the log-odds of being in the same camp. Components not listed are 0.

    Parameters
    ----------
    examples : list of (System, array)
        Systems with the known camp of each state (-1 = unknown).
    components : sequence of str, optional
        The components to fit (default: all).
    l2 : float, default 1.0
        Ridge penalty.

    Returns
    -------
    dict
        A weight for every component (0 for those not fitted) and ``baseline``.

    References
    ----------
    Axelrod, R. and Bennett, D. S. (1993), "A Landscape Theory of Aggregation", British Journal of
    Political Science 23(2): 211-233.
    """
    from sklearn.linear_model import LogisticRegression

    names = [c for c in (components or COMPONENTS) if c != "baseline"]
    bad = sorted(set(names) - set(COMPONENTS))
    if bad:
        raise ParameterError(f"argument components: unknown component(s) {bad}")
    x, y = [], []
    for system, camps in examples:
        camps = np.asarray(camps)
        n = len(system.sizes)
        if camps.shape != (n,):
            raise ParameterError(f"fit_weights: camps for the {system.year} system must have {n} entries")
        for i in range(n):
            for j in range(i + 1, n):
                if camps[i] >= 0 and camps[j] >= 0:
                    x.append([system.components[c][i, j] for c in names])
                    y.append(int(camps[i] == camps[j]))
    y = np.array(y)
    if len(y) < 3 or y.min() == y.max():
        raise ParameterError("fit_weights: need pairs both in the same camp and in different camps")
    model = LogisticRegression(C=1.0 / l2, max_iter=10_000).fit(np.array(x), y)
    weights = {c: 0.0 for c in COMPONENTS}
    weights.update({c: float(b) for c, b in zip(names, model.coef_[0])})
    weights["baseline"] = float(model.intercept_[0])
    return weights


def read_user_csv(path, required=(), lower=True):
    """A user's CSV file (column names stripped and, with ``lower``, lower-cased); ParameterError
    naming the file when it is missing, unreadable or lacks a ``required`` column.

    Parameters
    ----------
    path : str or Path
        The CSV file.
    required : sequence of str
        Columns that must be present.
    lower : bool, default True
        Lower-case the column names.

    Returns
    -------
    pandas.DataFrame
        The table.
    """
    from pathlib import Path

    if not Path(path).exists():
        raise ParameterError(f"file {path}: does not exist")
    try:
        frame = pd.read_csv(path)
    except Exception as err:  # noqa: BLE001 - any parse failure is reported with the file name
        raise ParameterError(f"file {path}: cannot be read as CSV ({err})") from None
    if lower:
        frame.columns = [str(c).strip().lower() for c in frame.columns]
    if not set(required) <= set(frame.columns):
        raise ParameterError(f"file {path}: expected columns '{','.join(required)}', found {list(frame.columns)}")
    return frame


def read_actor_csv(sizes_path, propensities_path):
    """Read a user's actors: a sizes CSV (columns ``actor,size``) and a propensities CSV, either long
    (``actor1,actor2,propensity``; missing pairs are 0; a pair given twice must agree) or a square
    matrix with actor names as the first column and the header.

    Parameters
    ----------
    sizes_path : str or Path
        CSV with columns actor, size.
    propensities_path : str or Path
        Long (actor1, actor2, propensity) or square CSV.

    Returns
    -------
    tuple
        (names, sizes array, propensity matrix).
    """
    from pathlib import Path

    sp, pp = Path(sizes_path), Path(propensities_path)
    s = read_user_csv(sp, ("actor", "size"))
    names = [str(a) for a in s.actor]
    if len(set(names)) != len(names):
        dup = s.actor[s.actor.duplicated()].iloc[0]
        raise ParameterError(f"file {sp}: actor {dup!r} appears more than once")
    size = pd.to_numeric(s["size"], errors="coerce")
    bad = np.flatnonzero(~(size > 0))
    if bad.size:
        r = int(bad[0])
        raise ParameterError(f"file {sp}, row {r + 2}, column size: {s['size'].iloc[r]!r} is not a number > 0")
    pos = {a: i for i, a in enumerate(names)}
    n = len(names)
    p = read_user_csv(pp, lower=False)
    lower = [c.strip().lower() for c in p.columns]
    m = np.zeros((n, n))
    if {"actor1", "actor2", "propensity"} <= set(lower):
        p.columns = lower
        seen = {}
        for r, (a, b, v) in enumerate(zip(p.actor1.astype(str), p.actor2.astype(str), p.propensity)):
            row = r + 2
            for who, col in ((a, "actor1"), (b, "actor2")):
                if who not in pos:
                    raise ParameterError(f"file {pp}, row {row}, column {col}: actor {who!r} is not in {sp}")
            try:
                v = float(v)
            except (TypeError, ValueError):
                raise ParameterError(f"file {pp}, row {row}, column propensity: {v!r} is not a number") from None
            if not np.isfinite(v):
                raise ParameterError(f"file {pp}, row {row}, column propensity: {v!r} is not a finite number")
            if a == b:
                raise ParameterError(f"file {pp}, row {row}: an actor has no propensity to itself ({a!r})")
            key = (min(a, b), max(a, b))
            if key in seen and seen[key] != v:
                raise ParameterError(
                    f"file {pp}, row {row}: pair {key} given twice with different values "
                    f"({seen[key]} and {v}); propensities are symmetric"
                )
            seen[key] = v
            m[pos[a], pos[b]] = m[pos[b], pos[a]] = v
    else:
        p = p.set_index(p.columns[0])
        p.index = p.index.astype(str)
        p.columns = [str(c).strip() for c in p.columns]
        if set(p.index) != set(names) or set(p.columns) != set(names):
            raise ParameterError(
                f"file {pp}: expected either columns 'actor1,actor2,propensity' or a "
                f"square matrix whose row and column names are the actors of {sp}"
            )
        p = p.loc[names, names].apply(pd.to_numeric, errors="coerce")
        if p.isna().to_numpy().any():
            i, j = np.argwhere(p.isna().to_numpy())[0]
            raise ParameterError(f"file {pp}: row {names[i]!r}, column {names[j]!r} is not a number")
        m = p.to_numpy(dtype=float)
        np.fill_diagonal(m, 0.0)
        if not np.allclose(m, m.T):
            i, j = np.argwhere(~np.isclose(m, m.T))[0]
            raise ParameterError(
                f"file {pp}: not symmetric: ({names[i]}, {names[j]}) = {m[i, j]} but "
                f"({names[j]}, {names[i]}) = {m[j, i]}"
            )
    return names, size.to_numpy(dtype=float), m
