"""The landscape propensity p_ij (Axelrod & Bennett 1993) for every dyad-year, from information up to year t.

``alliancelab.theory.landscape`` builds the propensity of a chosen system of states in one year as a
weighted sum of pairwise components (see ``theory.landscape_data``):

    p_ij = sum_c weight_c * component_c[i, j]

with the default weights fixed before any comparison with an outcome (``DEFAULT_WEIGHTS``). It reads
the warehouse with one query per component and year and loops over pairs in Python, which is right
for a dozen states and far too slow for every pair of the state system in every year. This module
computes the same components for all system pairs of all years at once: the raw event tables are
read once (:func:`load_tables`, each with a ``year`` column), laid out as (year, state, state) arrays,
windowed sums become differences of running sums along the year axis, and the matrix components
(shared allies, allies of rivals) are matrix products per year. Every component of year t reads rows
dated t or earlier only (windows reach back from t); a component that the landscape module
normalises by its largest absolute value over the chosen states is normalised here over the pairs of
system members in year t (the rows given for t). A test checks the result against
``theory.landscape.build_system(...).propensity()`` on whole state systems.

Features (group ``landscape``):

- ``landscape_propensity``: p_ij with the default weights;
- ``landscape_pull``: s_i s_j p_ij with sizes s = CINC in t, the pair's term in the landscape energy
  (how much the system's energy rises when the two are in different camps).

As in the landscape module, an ingredient without data is a reason of strength 0 (e.g. no Polity
score: regime similarity 0), so the propensity is defined for every system pair.

Kept in one module because loading the landscape components and computing each year's propensities from data up to
that year are one backward-looking pipeline.

References
----------
Axelrod, R. and Bennett, D. S. (1993), "A Landscape Theory of Aggregation", British Journal of
Political Science 23(2): 211-233.
"""

import numpy as np
import pandas as pd

from alliancelab.data.source import connection_first, warehouse_connection
from alliancelab.theory.landscape_data import COMPONENTS, DEFAULT_WEIGHTS, RIVALRY_CODE_MAP, LandscapeDataParams

FEATURES = ["landscape_propensity", "landscape_pull"]
TABLES = ("atop", "members", "threats", "rivalries", "disputes", "wars", "contiguity", "polity", "trade", "capitals")
SOURCES = [
    "atop_dyads",
    "atop_members",
    "atop_alliances",
    "rivalries",
    "gml_dyads",
    "wars",
    "contiguity",
    "polity",
    "trade",
    "capitals",
]


def _spell_rows(frame, first, last, columns):
    """One row per year of each spell first..last, carrying ``columns``."""
    first, last = frame[first].to_numpy(dtype=np.int64), frame[last].to_numpy(dtype=np.int64)
    length = np.maximum(last - first + 1, 0)
    rows = np.repeat(np.arange(len(frame)), length)
    offset = np.arange(length.sum()) - np.repeat(np.cumsum(length) - length, length)
    out = frame[columns].iloc[rows].reset_index(drop=True)
    out["year"] = first[rows] + offset
    return out


@connection_first
def load_tables(end, warehouse=None, con=None):
    """Raw event tables of the landscape components, one row per (event, year) with year <= ``end``.

    Parameters
    ----------
    end : int
        The last year to read.
    warehouse : str or pathlib.Path, optional
        The warehouse (default: the configured one).
    con : duckdb.DuckDBPyConnection, optional
        Deprecated (use ``warehouse=``): an open warehouse connection; the old call ``load_tables(con, end)``
        still works and warns.

    Returns
    -------
    dict of DataFrames (``TABLES``), each with a ``year`` column (a spell is one row per year it covers).

    Examples
    --------
    >>> sorted(load_tables(1914)) == sorted(TABLES)
    True

    References
    ----------
    The warehouse tables named in ``SOURCES``: ATOP 5.1 (Leeds et al. 2002), strategic rivalries
    (Thompson 2001), Gibler-Miller-Little MIDs, COW wars, contiguity and trade, Polity, capitals.
    """
    return _load_tables(warehouse_connection(warehouse, con, "load_tables"), end)


def _load_tables(con, end):
    atop = con.execute(
        """SELECT ccode1, ccode2, year,
                  CASE WHEN atop_defense = 1 OR atop_offense = 1 THEN 1.0
                       WHEN atop_neutral = 1 OR atop_consul = 1 THEN 0.5
                       WHEN atop_nonagg = 1 THEN 0.25 ELSE 0.0 END AS level,
                  CASE WHEN (atop_defense + atop_offense + atop_neutral + atop_nonagg + atop_consul) > 0
                       THEN 1 ELSE 0 END AS any_tie,
                  CASE WHEN atop_defense = 1 OR atop_offense = 1 THEN 1 ELSE 0 END AS defense
           FROM atop_dyads WHERE year <= ?""",
        [end],
    ).df()
    members = con.execute(
        "SELECT atopid, member, yrent, CASE WHEN yrexit = 0 THEN ? ELSE yrexit END AS yrexit FROM atop_members", [end]
    ).df()
    members = _spell_rows(members, "yrent", "yrexit", ["atopid", "member"])
    threats = con.execute(
        """SELECT atopid, statthr1 AS threat FROM atop_alliances WHERE statthr1 IS NOT NULL
           UNION ALL SELECT atopid, statthr2 FROM atop_alliances WHERE statthr2 IS NOT NULL"""
    ).df()
    # a treaty's named threat is dated by the treaty's first member-year (it is coded at signature)
    first = members.groupby("atopid")["year"].min().rename("year").reset_index()
    threats = threats.merge(first, on="atopid", how="inner")
    rivalries = con.execute("SELECT ccode1, ccode2, styear, endyear FROM rivalries").df()
    rivalries["endyear"] = np.minimum(rivalries["endyear"], end)
    rivalries = _spell_rows(rivalries, "styear", "endyear", ["ccode1", "ccode2"])
    for column in ("ccode1", "ccode2"):
        rivalries[column] = rivalries[column].replace(RIVALRY_CODE_MAP)
    disputes = con.execute(
        """SELECT least(ccode1, ccode2) AS a, greatest(ccode1, ccode2) AS b, dispnum, year,
                  greatest(coalesce(hostlev1, 0), coalesce(hostlev2, 0)) AS host,
                  CASE WHEN 1 IN (revtype11, revtype12, revtype21, revtype22) THEN 1 ELSE 0 END AS terr
           FROM gml_dyads WHERE year <= ?""",
        [end],
    ).df()
    wars = con.execute(
        """SELECT warnum, ccode1 AS ccode, sidea1 AS side, year FROM wars WHERE year <= ?
           UNION ALL SELECT warnum, ccode2, sidea2, year FROM wars WHERE year <= ?""",
        [end, end],
    ).df()
    contiguity = con.execute(
        """SELECT DISTINCT least(ccode1, ccode2) AS a, greatest(ccode1, ccode2) AS b,
                  year(stdate) AS first, least(year(enddate), ?) AS last
           FROM contiguity WHERE conttype <= 3""",
        [end],
    ).df()
    contiguity = _spell_rows(contiguity, "first", "last", ["a", "b"])
    polity = (
        con.execute(
            "SELECT cow_ccode AS ccode, year, polity2 FROM polity WHERE polity2 IS NOT NULL AND year <= ?", [end]
        )
        .df()
        .drop_duplicates(["ccode", "year"])
    )
    trade = (
        con.execute("SELECT ccode, year, imports, exports FROM trade WHERE year <= ?", [end])
        .df()
        .drop_duplicates(["ccode", "year"])
    )
    capitals = con.execute(
        "SELECT ccode, lat, lng, year(stdate) AS first, least(year(enddate), ?) AS last "
        "FROM capitals ORDER BY ccode, stdate",
        [end],
    ).df()
    capitals = _spell_rows(capitals, "first", "last", ["ccode", "lat", "lng"])
    # the capital in force at the end of the year, as the landscape module uses
    capitals = capitals.sort_values(["ccode", "year"], kind="stable").drop_duplicates(["ccode", "year"], keep="last")
    return {
        "atop": atop,
        "members": members,
        "threats": threats,
        "rivalries": rivalries,
        "disputes": disputes,
        "wars": wars,
        "contiguity": contiguity,
        "polity": polity,
        "trade": trade,
        "capitals": capitals,
    }


class _Cubes:
    """(year, state, state) arrays over years year0..year1 and the states of ``codes``."""

    def __init__(self, codes, year0, year1):
        self.year0, self.n_years = year0, year1 - year0 + 1
        self.index = np.full(int(max(codes)) + 1, -1, dtype=np.int64)
        self.index[np.asarray(codes)] = np.arange(len(codes))
        self.k = len(codes)

    def positions(self, a, b, year):
        a, b, year = (np.asarray(x, dtype=np.int64) for x in (a, b, year))
        ok = (
            (year >= self.year0)
            & (year < self.year0 + self.n_years)
            & (a >= 0)
            & (b >= 0)
            & (a < len(self.index))
            & (b < len(self.index))
        )
        i = np.where(ok, self.index[np.where(ok, a, 0)], -1)
        j = np.where(ok, self.index[np.where(ok, b, 0)], -1)
        ok &= (i >= 0) & (j >= 0) & (i != j)
        return year[ok] - self.year0, i[ok], j[ok], ok

    def symmetric(self, a, b, year, values, dtype=np.float32, how="max"):
        cube = np.zeros((self.n_years, self.k, self.k), dtype=dtype)
        t, i, j, ok = self.positions(a, b, year)
        v = np.asarray(values, dtype=dtype)[ok] if np.ndim(values) else np.full(len(t), values, dtype=dtype)
        ufunc = np.maximum if how == "max" else np.add
        ufunc.at(cube, (t, i, j), v)
        ufunc.at(cube, (t, j, i), v)
        return cube


def _window_sum(cube, years):
    """sum over s in t-years+1..t of cube[s], for every t (running sum along axis 0)."""
    total = np.cumsum(cube, axis=0, dtype=np.int32 if np.issubdtype(cube.dtype, np.integer) else np.float64)
    out = total.copy()
    out[years:] -= total[:-years]
    return out


def _decayed_disputes(disputes, window, half_life):
    """-(sum over disputes with rows in t-window+1..t of host/5 x 0.5^((t - onset)/half_life)) per pair-year,
    onset and host taken over the dispute's rows inside the window (as ``theory.landscape``)."""
    if disputes.empty:
        return pd.DataFrame(columns=["a", "b", "year", "value"])
    rows = disputes.loc[disputes["a"] != disputes["b"], ["a", "b", "dispnum", "year", "host"]]
    lag = np.repeat(np.arange(window), len(rows))
    expanded = pd.concat([rows] * window, ignore_index=True)
    expanded["t"] = expanded["year"].to_numpy() + lag
    per = expanded.groupby(["a", "b", "dispnum", "t"]).agg(onset=("year", "min"), host=("host", "max")).reset_index()
    per["value"] = -(per["host"] / 5.0) * 0.5 ** ((per["t"] - per["onset"]) / half_life)
    out = per.groupby(["a", "b", "t"])["value"].sum().reset_index()
    return out.rename(columns={"t": "year"})


def _war_pairs(wars, window, half_life, same_side):
    """Per pair-year: sum over COW wars with a year in t-window+1..t, fought by both (entry <= t) on the same
    (or opposite) side, of 0.5^((t - the war's first year)/half_life); a pair counts once per war."""
    if wars.empty:
        return pd.DataFrame(columns=["a", "b", "year", "value"])
    entry = wars.groupby(["warnum", "ccode", "side"])["year"].min().rename("entry").reset_index()
    pairs = entry.merge(entry, on="warnum", suffixes=("_x", "_y"))
    pairs = pairs[(pairs["ccode_x"] < pairs["ccode_y"]) & ((pairs["side_x"] == pairs["side_y"]) == same_side)]
    pairs = pairs.assign(entry=np.maximum(pairs["entry_x"], pairs["entry_y"]))
    pairs = pairs.groupby(["warnum", "ccode_x", "ccode_y"])["entry"].min().reset_index()
    # the years t in which a war counts: a war year s makes it count in s..s+window-1
    war_years = wars[["warnum", "year"]].drop_duplicates()
    lag = np.repeat(np.arange(window), len(war_years))
    active = pd.concat([war_years] * window, ignore_index=True)
    active["t"] = active["year"].to_numpy() + lag
    start = war_years.groupby("warnum")["year"].min().rename("start")
    active = active[["warnum", "t"]].drop_duplicates().join(start, on="warnum")
    merged = pairs.merge(active, on="warnum")
    merged = merged[merged["t"] >= merged["entry"]]
    merged["value"] = 0.5 ** ((merged["t"] - merged["start"]) / half_life)
    out = merged.groupby(["ccode_x", "ccode_y", "t"])["value"].sum().reset_index()
    return out.rename(columns={"ccode_x": "a", "ccode_y": "b", "t": "year"})


def _normalised(values, year):
    """values / max |values| over the rows of the same year (unchanged where that max is 0)."""
    top = pd.Series(np.abs(values)).groupby(year).transform("max").to_numpy()
    return np.where(top > 0, values / np.where(top > 0, top, 1.0), values)


def landscape_components(tables, ccode1, ccode2, year, params=None):
    """Every landscape component for the given non-directed dyad-years (see the module doc).

    Parameters
    ----------
    tables : dict from :func:`load_tables`; only rows with year <= t enter the values of year t
    ccode1, ccode2, year : arrays, the dyad-years (the pairs of one year are the system the
        normalised components are scaled over)
    params : LandscapeDataParams or dict, optional; the window parameters (default ``LandscapeDataParams()``)

    Returns
    -------
    DataFrame with one column per component of ``theory.landscape`` COMPONENTS, aligned with the input rows.

    Examples
    --------
    >>> tables = load_tables(1914)
    >>> c = landscape_components(tables, [255], [365], [1914])  # Germany and Russia in 1914
    >>> float(c["opposed_alliances"].iloc[0]), float(c["rivalry"].iloc[0])
    (-1.0, -1.0)

    References
    ----------
    Axelrod, R. and Bennett, D. S. (1993), BJPolS 23(2): 211-233.
    """
    p = LandscapeDataParams.resolve(params)
    c1, c2, y = (np.asarray(x, dtype=np.int64) for x in (ccode1, ccode2, year))
    n = len(y)
    out = {name: np.zeros(n) for name in COMPONENTS}
    if n == 0:
        return pd.DataFrame(out)
    year0, year1 = int(y.min()) - max(int(p["history_years"]), int(p["dispute_years"])), int(y.max())
    codes = np.unique(
        np.concatenate(
            [c1, c2]
            + [
                tables[t][c].to_numpy(dtype=np.int64)
                for t, c in (
                    ("atop", "ccode1"),
                    ("atop", "ccode2"),
                    ("members", "member"),
                    ("threats", "threat"),
                    ("rivalries", "ccode1"),
                    ("rivalries", "ccode2"),
                )
            ]
        )
    )
    codes = codes[codes >= 0]
    cubes = _Cubes(codes, year0, year1)
    tables = {name: frame[frame["year"] <= year1] for name, frame in tables.items()}
    t, i, j, ok = cubes.positions(c1, c2, y)
    rows = np.flatnonzero(ok)

    def read(cube):
        values = np.zeros(n)
        values[rows] = cube[t, i, j]
        return values

    atop = tables["atop"]
    out["alliance"] = read(cubes.symmetric(atop["ccode1"], atop["ccode2"], atop["year"], atop["level"]))
    # share of the history_years years up to t with any tie (a pair-year counts once)
    ties = atop[atop["any_tie"] > 0]
    any_tie = cubes.symmetric(ties["ccode1"], ties["ccode2"], ties["year"], 1, dtype=np.int8)
    h = int(p["history_years"])
    out["alliance_history"] = read(_window_sum(any_tie, h)) / h
    defense_rows = atop[atop["defense"] > 0]
    defense = cubes.symmetric(defense_rows["ccode1"], defense_rows["ccode2"], defense_rows["year"], 1)
    riv = tables["rivalries"]
    rival = cubes.symmetric(riv["ccode1"], riv["ccode2"], riv["year"], 1)
    out["rivalry"] = -read(rival)
    # opposed alliances: a member of a treaty in force in t that names the other, not a member in t, as threat
    members = tables["members"]
    named = members.merge(tables["threats"][["atopid", "threat"]], on="atopid")
    also = members.rename(columns={"member": "threat"}).assign(inside=1)
    named = named.merge(also, on=["atopid", "threat", "year"], how="left")
    named = named[named["inside"].isna()]
    out["opposed_alliances"] = -read(cubes.symmetric(named["member"], named["threat"], named["year"], 1))
    # per-year matrix products: shared defense allies (Jaccard over third states) and allies of rivals
    shared, with_rival = np.zeros(len(rows)), np.zeros(len(rows))
    order = np.argsort(t, kind="stable")
    bounds = np.flatnonzero(np.diff(t[order], prepend=-1, append=t.max() + 1 if len(t) else 0))
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        sel = order[lo:hi]
        year_index = int(t[sel[0]])
        d = defense[year_index]
        a, b = i[sel], j[sel]
        inter = (d @ d)[a, b].astype(np.float64)  # integer counts, exact in float32
        degree = d.sum(axis=1, dtype=np.float64)
        union = degree[a] - d[a, b] + degree[b] - d[b, a] - inter
        shared[sel] = np.where(union > 0, inter / np.where(union > 0, union, 1), 0.0)
        dr = d @ rival[year_index]
        with_rival[sel] = -(dr[a, b] + dr[b, a])
    out["shared_allies"][rows] = shared
    values = np.zeros(n)
    values[rows] = with_rival
    out["allied_with_rival"] = _normalised(values, y)
    # disputes (decayed hostility over the dispute window) and the territorial ingredient
    w = int(p["dispute_years"])
    decayed = _decayed_disputes(tables["disputes"], w, float(p["dispute_half_life"]))
    out["disputes"] = _normalised(
        read(
            cubes.symmetric(
                decayed["a"],
                decayed["b"],
                decayed["year"],
                decayed["value"].to_numpy(dtype=float),
                dtype=np.float64,
                how="add",
            )
        ),
        y,
    )
    disputes = tables["disputes"]
    mid = _window_sum(cubes.symmetric(disputes["a"], disputes["b"], disputes["year"], 1, dtype=np.int8), w)
    terr_rows = disputes[disputes["terr"] == 1]
    terr = _window_sum(cubes.symmetric(terr_rows["a"], terr_rows["b"], terr_rows["year"], 1, dtype=np.int8), w)
    cont = tables["contiguity"]
    contiguous = read(cubes.symmetric(cont["a"], cont["b"], cont["year"], 1, dtype=np.int8)) > 0
    out["territorial"] = np.where(contiguous & (read(mid) > 0), np.where(read(terr) > 0, -1.0, -0.5), 0.0)
    # wars fought against each other / on the same side
    for name, same in (("wars_opposed", False), ("wars_allied", True)):
        pairs = _war_pairs(tables["wars"], int(p["war_years"]), float(p["war_half_life"]), same)
        cube = cubes.symmetric(
            pairs["a"], pairs["b"], pairs["year"], pairs["value"].to_numpy(dtype=float), dtype=np.float64, how="add"
        )
        value = _normalised(read(cube), y)
        out[name] = value if same else -value
    # regime similarity and the trade-gravity proxy: state-year values of t
    polity = _state_values(tables["polity"], ["polity2"], c1, c2, y)
    regime = 1.0 - np.abs(polity["polity2_1"] - polity["polity2_2"]) / 10.0
    out["regime"] = np.where(np.isfinite(regime), regime, 0.0)
    trade = _state_values(tables["trade"], ["imports", "exports"], c1, c2, y)
    caps = _state_values(tables["capitals"], ["lat", "lng"], c1, c2, y)
    from alliancelab.panels.adders import geodesic_km

    km = geodesic_km(caps["lat_1"], caps["lng_1"], caps["lat_2"], caps["lng_2"])
    flow = trade["exports_1"] * trade["imports_2"] + trade["exports_2"] * trade["imports_1"]
    with np.errstate(invalid="ignore", divide="ignore"):
        gravity = flow / np.maximum(km, 100.0)
    out["trade_gravity"] = _normalised(np.where(np.isfinite(gravity), gravity, 0.0), y)
    out["baseline"] = np.ones(n)
    return pd.DataFrame(out)


def _state_values(frame, columns, c1, c2, y):
    """The state-year ``columns`` of each side (suffixes _1, _2), NaN where absent."""
    out = {}
    keyed = frame.drop_duplicates(["ccode", "year"]).set_index(["ccode", "year"])[columns]
    for side, codes in (("1", c1), ("2", c2)):
        index = pd.MultiIndex.from_arrays([codes, y])
        values = keyed.reindex(index)
        for column in columns:
            out[f"{column}_{side}"] = values[column].to_numpy(dtype=float)
    return out


def propensity(components, weights=None):
    """p_ij = sum_c weight_c * component_c (weights completed with ``DEFAULT_WEIGHTS``).

    Parameters
    ----------
    components : DataFrame from :func:`landscape_components`
    weights : dict, optional; component name -> weight (unknown names raise ParameterError)

    Returns
    -------
    array of float, one propensity per row.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({name: [0.0] for name in DEFAULT_WEIGHTS} | {"rivalry": [-1.0]})
    >>> float(propensity(table)[0])
    -1.0
    """
    from alliancelab.theory.landscape_data import check_weights

    weights = check_weights(weights)
    total = np.zeros(len(components))
    for name, weight in weights.items():
        if weight != 0:
            total += weight * components[name].to_numpy()
    return total


def landscape_features(tables, ccode1, ccode2, year, cinc1, cinc2):
    """The ``landscape`` group: p_ij (default weights) and s_i s_j p_ij with CINC sizes (module doc).

    Parameters
    ----------
    tables : dict from :func:`load_tables`
    ccode1, ccode2, year : arrays of the non-directed dyad-years (all system pairs of a year: the scale of
        the normalised components)
    cinc1, cinc2 : arrays, the two states' CINC in t

    Returns
    -------
    dict of arrays ``landscape_propensity`` and ``landscape_pull``.

    Examples
    --------
    >>> out = landscape_features(load_tables(1914), [255], [365], [1914], [0.15], [0.1])
    >>> bool(out["landscape_propensity"][0] < 0)  # Germany and Russia on the eve of war
    True

    References
    ----------
    Axelrod, R. and Bennett, D. S. (1993), BJPolS 23(2): 211-233.
    """
    p = propensity(landscape_components(tables, ccode1, ccode2, year))
    return {"landscape_propensity": p, "landscape_pull": np.asarray(cinc1) * np.asarray(cinc2) * p}


__all__ = ["FEATURES", "DEFAULT_WEIGHTS", "load_tables", "landscape_components", "landscape_features", "propensity"]
