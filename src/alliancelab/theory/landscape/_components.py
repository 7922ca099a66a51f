"""The propensity components (one builder per component, with its SQL), their default weights and sources.

Each builder takes (con, codes, year, params) and returns a symmetric (n, n) matrix with zero diagonal and
values in [-1, 1]; the definitions are in the docstring of ``alliancelab.theory.landscape._data``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.errors import ParameterError

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
    h = int(params.history_years)
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
    w, half = int(params.dispute_years), float(params.dispute_half_life)
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
    w, half = int(params.war_years), float(params.war_half_life)
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
    w = int(params.dispute_years)
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
