"""The ``add_*`` steps: join one source onto a state-year or dyad-year panel.

Every step takes a panel from ``state_years`` / ``dyad_years`` (or a previous step) and returns a new
panel with extra columns; it never drops or reorders rows. On a dyad panel a state-level value gets
the suffixes ``1`` and ``2`` (``cinc1``, ``cinc2``); on a state panel it keeps its plain name.

Coverage: inside a source's years, "no record" means a real zero where the source is exhaustive
(no alliance, no dispute, no border) and missing where it is not (a capability value nobody
recorded). Outside a source's years every value is missing (<NA>), never 0 (THEORY.md section 1).
Indicator columns are pandas nullable integers (Int8/Int16/Int32) so that missing stays missing.
"""

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError, check_choice
from alliancelab.panels.lookup import NYEARS, YEAR0, Lookup

COVERAGE = {
    "atop_dyads": (1815, 2018),
    "atop_members": (1815, 2016),
    "nmc": (1816, 2022),
    "majors": (1816, 2016),
    "contiguity": (1816, 2016),
    "min_distance": (1886, 2019),
    "gml_dyads": (1816, 2010),
    "wars": (1816, 2007),
    "rivalries": (1494, 2010),
    "polity": (1800, 2015),
    "trade": (1870, 2014),
    "territorial_threat": (1816, 2010),
}
OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")
NMC_COLUMNS = ("milex", "milper", "irst", "pec", "tpop", "upop", "cinc")


# --- small shared pieces ------------------------------------------------------------------------
def _lookup(panel):
    return Lookup.get(panel.attrs.get("warehouse"))


def _is_dyadic(panel):
    return "ccode1" in panel.columns


def _sides(panel):
    """[(suffix, ccode array)]: one side for a state panel, two for a dyad panel."""
    if _is_dyadic(panel):
        return [("1", panel["ccode1"].to_numpy()), ("2", panel["ccode2"].to_numpy())]
    return [("", panel["ccode"].to_numpy())]


def column_name(name, suffix):
    """'cinc' + '1' -> 'cinc1'; a name ending in a digit gets an underscore: 'polity2_1'."""
    return f"{name}_{suffix}" if suffix and name[-1].isdigit() else f"{name}{suffix}"


def _outside(year, source):
    low, high = COVERAGE[source]
    return (year < low) | (year > high)


def _nullable(values, missing, dtype="Int8"):
    """Nullable integer column from integer values and a boolean 'missing' mask."""
    numpy_type = {"Int8": np.int8, "Int16": np.int16, "Int32": np.int32, "Int64": np.int64}[dtype]
    return pd.arrays.IntegerArray(np.asarray(values).astype(numpy_type), np.asarray(missing, dtype=bool))


def with_columns(panel, columns, sources):
    """A new panel with ``columns`` added and the sources' citations recorded."""
    lookup = _lookup(panel)
    out = panel.copy(deep=False)  # new columns go to the copy only; existing ones are shared
    for name, values in columns.items():
        out[name] = values
    out.attrs = dict(panel.attrs)
    cited = list(panel.attrs.get("sources", []))
    for citation in lookup.citations(sources):
        if citation not in cited:
            cited.append(citation)
    out.attrs["sources"] = cited
    return out


def spell_years(first, last):
    """Expand spells [first, last] into (row index, year) pairs."""
    first = np.asarray(first, dtype=np.int64)
    last = np.asarray(last, dtype=np.int64)
    lengths = np.clip(last - first + 1, 0, None)
    rows = np.repeat(np.arange(len(first)), lengths)
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return rows, first[rows] + offsets


def _dyad_values(panel, lookup, cube):
    """Values of a (year, state1, state2) cube for every row of a dyad panel, and the years."""
    year = panel["year"].to_numpy()
    return lookup.read_dyad(cube, panel["ccode1"].to_numpy(), panel["ccode2"].to_numpy(), year), year


def _require_dyadic(panel, step):
    if not _is_dyadic(panel):
        raise ParameterError(f"{step} needs a dyad-year panel (columns ccode1, ccode2); "
                             "got a state-year panel: start from dyad_years()")


# --- ATOP -----------------------------------------------------------------------------------------
def atop_cube(lookup):
    """(year, pledger, receiver) cube with bit k set when obligation k is pledged (ATOP 5.1)."""
    def build():
        t = lookup.table("atop_dyads")
        bits = sum(t[f"atop_{name}"].fillna(0).to_numpy().astype(np.int8) << k
                   for k, name in enumerate(OBLIGATIONS))
        return lookup.dyad_cube(t["ccode1"], t["ccode2"], t["year"], bits, reducer="max")
    return lookup.cached("atop_cube", build)


def atop_onset_cube(lookup):
    """(year, a, b) = 1 when a and b start sharing an ATOP 4.01 alliance that year (a != b)."""
    def build():
        m = lookup.table("atop_members")
        entry = m.groupby(["atopid", "member"], as_index=False)["yrent"].min()
        pairs = entry.merge(entry, on="atopid", suffixes=("1", "2"))
        pairs = pairs[pairs["member1"] != pairs["member2"]]
        start = np.maximum(pairs["yrent1"].to_numpy(), pairs["yrent2"].to_numpy())
        return lookup.dyad_cube(pairs["member1"], pairs["member2"], start, np.ones(len(pairs)))
    return lookup.cached("atop_onset_cube", build)


def add_atop(panel, collapse=None, onset=False):
    """ATOP 5.1 obligations of the dyad: atop_defense, _offense, _neutral, _nonagg, _consul, atop_any.

    Directed panel, ``collapse=None`` (default): the pledge of ccode1 to ccode2 only, so asymmetric
    pledges stay directed. ``collapse="either"``: an obligation in either direction; ``"both"``: in
    both directions. A non-directed panel needs a collapse and uses "either" by default.
    ``onset=True`` adds atop_onset: 1 in the year the pair starts sharing an alliance (ATOP 4.01
    member-level entry years, coverage 1815-2016). Presence coverage: 1815-2018.
    Leeds, Ritter, Mitchell & Long 2002.
    """
    _require_dyadic(panel, "add_atop")
    check_choice("collapse", collapse, (None, "either", "both"))
    if collapse is None and not panel.attrs.get("directed", True):
        collapse = "either"
    lookup = _lookup(panel)
    cube = atop_cube(lookup)
    c1, c2, year = panel["ccode1"].to_numpy(), panel["ccode2"].to_numpy(), panel["year"].to_numpy()
    bits = lookup.read_dyad(cube, c1, c2, year)
    if collapse == "either":
        bits = bits | lookup.read_dyad(cube, c2, c1, year)
    elif collapse == "both":
        bits = bits & lookup.read_dyad(cube, c2, c1, year)
    missing = _outside(year, "atop_dyads")
    columns = {f"atop_{name}": _nullable((bits >> k) & 1, missing) for k, name in enumerate(OBLIGATIONS)}
    columns["atop_any"] = _nullable(bits > 0, missing)
    sources = ["atop_dyads"]
    if onset:
        start = lookup.read_dyad(atop_onset_cube(lookup), c1, c2, year)
        columns["atop_onset"] = _nullable(start, _outside(year, "atop_members"))
        sources.append("atop_members")
    return with_columns(panel, columns, sources)


def alliance_count_arrays(lookup):
    def build():
        m = lookup.table("atop_members")
        exit_year = np.where(m["yrexit"].to_numpy() == 0, COVERAGE["atop_members"][1], m["yrexit"].to_numpy())
        rows, years = spell_years(m["yrent"].to_numpy(), exit_year)
        spells = pd.DataFrame({"atopid": m["atopid"].to_numpy()[rows], "ccode": m["member"].to_numpy()[rows],
                               "year": years, "defense": m["defense"].fillna(0).to_numpy()[rows]})
        spells = spells.groupby(["atopid", "ccode", "year"], as_index=False)["defense"].max()
        counts = spells.groupby(["ccode", "year"]).agg(n=("atopid", "size"), d=("defense", "sum")).reset_index()
        total = lookup.state_array(counts["ccode"], counts["year"], counts["n"], fill=0, dtype=np.int32)
        defense = lookup.state_array(counts["ccode"], counts["year"], counts["d"], fill=0, dtype=np.int32)
        return total, defense
    return lookup.cached("alliance_counts", build)


def add_alliance_counts(panel):
    """atop_alliances / atop_defense_alliances: ATOP 4.01 alliances (any / with a defense pledge)
    each state belongs to that year (coverage 1815-2016)."""
    lookup = _lookup(panel)
    total, defense = alliance_count_arrays(lookup)
    year = panel["year"].to_numpy()
    missing = _outside(year, "atop_members")
    columns = {}
    for suffix, ccode in _sides(panel):
        columns[f"atop_alliances{suffix}"] = _nullable(lookup.read_state(total, ccode, year), missing, "Int16")
        columns[f"atop_defense_alliances{suffix}"] = _nullable(lookup.read_state(defense, ccode, year),
                                                               missing, "Int16")
    return with_columns(panel, columns, ["atop_members"])


# --- capabilities and status ------------------------------------------------------------------------
def add_nmc(panel, columns=NMC_COLUMNS):
    """COW National Material Capabilities (NMC 7.0): milex, milper, irst, pec, tpop, upop, cinc.
    Singer, Bremer & Stuckey 1972. Values nobody recorded stay missing."""
    for column in columns:
        check_choice("columns", column, NMC_COLUMNS)
    lookup = _lookup(panel)
    nmc = lookup.table("nmc")
    year = panel["year"].to_numpy()
    sides = [(suffix, lookup.state_positions(ccode, year)) for suffix, ccode in _sides(panel)]
    out = {}
    for column in columns:
        array = lookup.cached(f"nmc_{column}", lambda c=column: lookup.state_array(nmc["ccode"], nmc["year"],
                                                                                  nmc[c].to_numpy(np.float64)))
        for suffix, positions in sides:
            out[f"{column}{suffix}"] = lookup.read_state(array, None, None, positions)
    return with_columns(panel, out, ["nmc"])


def add_majors(panel):
    """major (1/0): COW major-power status in the year (any part of it), 1816-2016."""
    lookup = _lookup(panel)

    def build():
        majors = lookup.table("majors")
        rows, years = spell_years(majors["styear"], majors["endyear"])
        return lookup.state_array(majors["ccode"].to_numpy()[rows], years, np.ones(len(rows)), fill=0,
                                  dtype=np.int8)
    array = lookup.cached("majors", build)
    year = panel["year"].to_numpy()
    missing = _outside(year, "majors")
    out = {f"major{s}": _nullable(lookup.read_state(array, c, year), missing) for s, c in _sides(panel)}
    return with_columns(panel, out, ["majors"])


# --- geography ---------------------------------------------------------------------------------------
def contiguity_cube(lookup):
    """(year, a, b) COW contiguity type, 0 = none (closest type of the spells touching the year)."""
    def build():
        c = lookup.table("contiguity")
        first = pd.to_datetime(c["stdate"]).dt.year.to_numpy()
        last = pd.to_datetime(c["enddate"]).dt.year.to_numpy()
        rows, years = spell_years(first, last)
        cube = lookup.dyad_cube(c["ccode1"].to_numpy()[rows], c["ccode2"].to_numpy()[rows], years,
                                c["conttype"].to_numpy()[rows], fill=9, reducer="min")
        cube[cube == 9] = 0
        return cube
    return lookup.cached("contiguity", build)


def add_contiguity(panel):
    """conttype: COW direct contiguity in the year, 1 land, 2/3/4/5 up to 12/24/150/400 miles of
    water, 0 none (the closest type when several spells touch the year). Stinnett et al. 2002."""
    _require_dyadic(panel, "add_contiguity")
    lookup = _lookup(panel)
    cube = contiguity_cube(lookup)
    values, year = _dyad_values(panel, lookup, cube)
    return with_columns(panel, {"conttype": _nullable(values, _outside(year, "contiguity"))}, ["contiguity"])


def min_distance_cube(lookup):
    """(year, a, b) minimum border distance in km, NaN where CShapes has no value."""
    def build():
        d = lookup.table("min_distance")
        cube = lookup.dyad_cube(d["ccode1"], d["ccode2"], d["year"], d["mindist"], fill=np.nan, dtype=np.float32)
        return np.fmin(cube, cube.transpose(0, 2, 1))  # the file lists each pair once (ccode1 < ccode2)
    return lookup.cached("min_distance", build)


def add_min_distance(panel):
    """mindist: minimum distance between the two states' borders in km (CShapes 2.0, 1886-2019)."""
    _require_dyadic(panel, "add_min_distance")
    lookup = _lookup(panel)
    cube = min_distance_cube(lookup)
    values, year = _dyad_values(panel, lookup, cube)
    return with_columns(panel, {"mindist": values.astype(np.float64)}, ["min_distance"])


EARTH_RADIUS_KM = 6371.0088


def capital_coordinates(lookup):
    """(lat, lng) state-year arrays: the capital in force on 31 December of each year."""
    def build():
        caps = lookup.table("capitals").sort_values(["ccode", "stdate"])
        first = pd.to_datetime(caps["stdate"]).dt.year.to_numpy()
        last = pd.to_datetime(caps["enddate"]).dt.year.to_numpy()
        rows, years = spell_years(first, last)
        # later spells overwrite earlier ones in a year of change: the capital at year's end
        lat = lookup.state_array(caps["ccode"].to_numpy()[rows], years, caps["lat"].to_numpy()[rows])
        lng = lookup.state_array(caps["ccode"].to_numpy()[rows], years, caps["lng"].to_numpy()[rows])
        return lat, lng
    return lookup.cached("capitals", build)


def great_circle_km(lat1, lng1, lat2, lng2):
    """Haversine distance in km on a sphere of radius 6371.0088 km (mean Earth radius)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lng2) - np.asarray(lng1))
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


def add_capital_distance(panel):
    """capdist: great-circle distance in km between the two capitals in force at the end of the year
    (capitals of Miller 2022 / peacesciencer; missing where a capital is unknown)."""
    _require_dyadic(panel, "add_capital_distance")
    lookup = _lookup(panel)
    lat, lng = capital_coordinates(lookup)
    year = panel["year"].to_numpy()
    c1, c2 = panel["ccode1"].to_numpy(), panel["ccode2"].to_numpy()
    distance = great_circle_km(lookup.read_state(lat, c1, year), lookup.read_state(lng, c1, year),
                               lookup.read_state(lat, c2, year), lookup.read_state(lng, c2, year))
    return with_columns(panel, {"capdist": distance}, ["capitals"])


# --- conflict ----------------------------------------------------------------------------------------
GML_FIELDS = ("mid_onset", "mid_ongoing", "mid_init1", "mid_init2", "mid_hostlev1", "mid_hostlev2", "mid_count")


def gml_cubes(lookup):
    def build():
        g = lookup.table("gml_dyads")
        c1, c2, y = g["ccode1"], g["ccode2"], g["year"]
        onset = g["midonset"].fillna(0).to_numpy()
        init = onset * (g["sidea1"].fillna(0).to_numpy() == 1) * (g["orig1"].fillna(0).to_numpy() == 1)
        cubes = {
            "mid_onset": lookup.dyad_cube(c1, c2, y, onset, reducer="max"),
            "mid_ongoing": lookup.dyad_cube(c1, c2, y, g["midongoing"].fillna(0).to_numpy(), reducer="max"),
            "mid_init": lookup.dyad_cube(c1, c2, y, init, reducer="max"),
            "mid_hostlev": lookup.dyad_cube(c1, c2, y, g["hostlev1"].fillna(0).to_numpy(), reducer="max"),
        }
        cell = (y.to_numpy() - YEAR0, lookup.positions(c1), lookup.positions(c2))
        count = np.zeros_like(cubes["mid_onset"], dtype=np.int16)
        np.add.at(count, cell, onset.astype(np.int16))
        cubes["mid_count"] = count
        # sum over the disputes ccode1 initiated against ccode2 that year of ccode1's hostility level
        hostility = np.zeros_like(cubes["mid_onset"], dtype=np.int16)
        np.add.at(hostility, cell, (init * g["hostlev1"].fillna(0).to_numpy()).astype(np.int16))
        cubes["mid_init_hostility"] = hostility
        return cubes
    return lookup.cached("gml", build)


def add_gml(panel):
    """GML militarized disputes (2.2.1, 1816-2010), per dyad-year:
    mid_onset / mid_ongoing (a dispute between the two starts / is under way), mid_count (disputes
    starting), mid_init1 / mid_init2 (the first / second state initiated one: side A and an
    originator), mid_hostlev1 / mid_hostlev2 (each side's highest hostility level, 1-5, 0 if none;
    -9 in the source is missing and counts as no level). Gibler, Miller & Little 2016."""
    _require_dyadic(panel, "add_gml")
    lookup = _lookup(panel)
    cubes = gml_cubes(lookup)
    year = panel["year"].to_numpy()
    c1, c2 = panel["ccode1"].to_numpy(), panel["ccode2"].to_numpy()
    forward, backward = lookup.dyad_positions(c1, c2, year), lookup.dyad_positions(c2, c1, year)
    missing = _outside(year, "gml_dyads")

    def read(name, positions, dtype="Int8"):
        return _nullable(lookup.read_dyad(cubes[name], None, None, None, positions), missing, dtype)

    out = {
        "mid_onset": read("mid_onset", forward),
        "mid_ongoing": read("mid_ongoing", forward),
        "mid_count": read("mid_count", forward, "Int16"),
        "mid_init1": read("mid_init", forward),
        "mid_init2": read("mid_init", backward),
        "mid_hostlev1": read("mid_hostlev", forward),
        "mid_hostlev2": read("mid_hostlev", backward),
    }
    return with_columns(panel, out, ["gml_dyads"])


def add_wars(panel):
    """COW inter-state war (4.0, 1816-2007): war_ongoing, war_onset (the two fight each other, on
    opposite sides), war_init1 (the first state initiated that war), warnum (lowest war number)."""
    _require_dyadic(panel, "add_wars")
    lookup = _lookup(panel)

    def build():
        w = lookup.table("wars")
        c1, c2, y = w["ccode1"], w["ccode2"], w["year"]
        return {
            "ongoing": lookup.dyad_cube(c1, c2, y, w["cowinterongoing"].fillna(0).to_numpy(), reducer="max"),
            "onset": lookup.dyad_cube(c1, c2, y, w["cowinteronset"].fillna(0).to_numpy(), reducer="max"),
            "init": lookup.dyad_cube(c1, c2, y, w["initiator1"].fillna(0).to_numpy(), reducer="max"),
            "warnum": lookup.dyad_cube(c1, c2, y, w["warnum"].to_numpy(), fill=32000, dtype=np.int16,
                                       reducer="min"),
        }
    cubes = lookup.cached("wars", build)
    year = panel["year"].to_numpy()
    c1, c2 = panel["ccode1"].to_numpy(), panel["ccode2"].to_numpy()
    missing = _outside(year, "wars")
    warnum = lookup.read_dyad(cubes["warnum"], c1, c2, year)
    out = {
        "war_ongoing": _nullable(lookup.read_dyad(cubes["ongoing"], c1, c2, year), missing),
        "war_onset": _nullable(lookup.read_dyad(cubes["onset"], c1, c2, year), missing),
        "war_init1": _nullable(lookup.read_dyad(cubes["init"], c1, c2, year), missing),
        "warnum": _nullable(np.where(warnum == 32000, 0, warnum), missing | (warnum == 32000), "Int16"),
    }
    return with_columns(panel, out, ["wars"])


def rivalry_cube(lookup):
    """(year, a, b) 1 when a and b are strategic rivals (symmetric)."""
    def build():
        r = lookup.table("rivalries")
        rows, years = spell_years(r["styear"], r["endyear"])
        c1, c2 = r["ccode1"].to_numpy()[rows], r["ccode2"].to_numpy()[rows]
        cube = lookup.dyad_cube(c1, c2, years, np.ones(len(rows)), reducer="max")
        return np.maximum(cube, cube.transpose(0, 2, 1))
    return lookup.cached("rivalry", build)


def add_rivalry(panel):
    """td_rivalry (1/0): the two are strategic rivals that year (Thompson & Dreyer 2012, to 2010)."""
    _require_dyadic(panel, "add_rivalry")
    lookup = _lookup(panel)
    cube = rivalry_cube(lookup)
    values, year = _dyad_values(panel, lookup, cube)
    return with_columns(panel, {"td_rivalry": _nullable(values, _outside(year, "rivalries"))}, ["rivalries"])


def membership(lookup):
    """(year, state) boolean array: True when the state is a COW system member that year."""
    def build():
        states = lookup.table("states")
        rows, years = spell_years(states["styear"], states["endyear"])
        return lookup.state_array(states["ccode"].to_numpy()[rows], years, np.ones(len(rows)), fill=0,
                                  dtype=np.int8).T.astype(bool)
    return lookup.cached("membership", build)


def peace_years_cube(lookup):
    """(year, a, b) years since the pair's last GML dispute onset, counted from 0 in the year of a
    dispute or in the first year both are system members (again after a state re-enters)."""
    def build():
        onset = gml_cubes(lookup)["mid_onset"]
        onset = np.maximum(onset, onset.transpose(0, 2, 1))
        member = membership(lookup)
        peace = np.zeros(onset.shape, dtype=np.int16)
        for t in range(1, NYEARS):
            existed = member[t - 1][:, None] & member[t - 1][None, :]
            peace[t] = np.where(onset[t] == 1, 0, np.where(existed, peace[t - 1] + 1, 0))
        return peace
    return lookup.cached("peace_years", build)


def add_peace_years(panel):
    """gml_peace_years: years since the dyad's last GML dispute onset (see peace_years_cube),
    1816-2010; missing after the GML coverage ends."""
    _require_dyadic(panel, "add_peace_years")
    lookup = _lookup(panel)
    values, year = _dyad_values(panel, lookup, peace_years_cube(lookup))
    return with_columns(panel, {"gml_peace_years": _nullable(values, _outside(year, "gml_dyads"), "Int16")},
                        ["gml_dyads", "states"])


# --- regimes, trade, territory --------------------------------------------------------------------------
def _state_values(panel, source, array_builder, names, key):
    lookup = _lookup(panel)
    arrays = lookup.cached(key, array_builder)
    year = panel["year"].to_numpy()
    missing = _outside(year, source)
    out = {}
    for name in names:
        for suffix, ccode in _sides(panel):
            values = lookup.read_state(arrays[name], ccode, year)
            out[column_name(name, suffix)] = np.where(missing, np.nan, values)
    return with_columns(panel, out, [source])


def add_polity(panel):
    """polity2 (-10..10), democ, autoc from Polity IV (1800-2015), read through the explicit
    Polity-to-COW code map (sources.POLITY_TO_COW). When two Polity units map onto one COW
    state-year (a year of change such as USSR 1922), the unit whose series runs later is used.
    Marshall, Gurr & Jaggers 2016."""
    lookup = _lookup(panel)

    def build():
        p = lookup.table("polity", """
            WITH spans AS (SELECT ccode, max(year) AS last_year FROM polity GROUP BY ccode)
            SELECT cow_ccode, year, polity2, democ, autoc FROM (
              SELECT p.*, row_number() OVER (PARTITION BY cow_ccode, year ORDER BY s.last_year DESC) AS pick
              FROM polity p JOIN spans s USING (ccode) WHERE cow_ccode IS NOT NULL) WHERE pick = 1""")
        return {c: lookup.state_array(p["cow_ccode"], p["year"], p[c].to_numpy(np.float64))
                for c in ("polity2", "democ", "autoc")}
    return _state_values(panel, "polity", build, ("polity2", "democ", "autoc"), "polity")


def add_trade(panel):
    """imports, exports: total trade of each state, millions of current US$ (COW Trade 4.0,
    1870-2014). Barbieri, Keshk & Pollins 2009."""
    lookup = _lookup(panel)

    def build():
        t = lookup.table("trade")
        return {c: lookup.state_array(t["ccode"], t["year"], t[c].to_numpy(np.float64)) for c in ("imports", "exports")}
    return _state_values(panel, "trade", build, ("imports", "exports"), "trade")


def add_territorial_threat(panel):
    """lterrthreat: latent territorial threat to each state, posterior mean (Miller 2022, 1816-2010)."""
    lookup = _lookup(panel)

    def build():
        t = lookup.table("territorial_threat")
        return {"lterrthreat": lookup.state_array(t["ccode"], t["year"], t["lterrthreat"].to_numpy(np.float64))}
    return _state_values(panel, "territorial_threat", build, ("lterrthreat",), "territorial_threat")
