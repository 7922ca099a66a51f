"""The ``add_*`` steps: join one source onto a state-year or dyad-year panel.

Every step takes a panel from ``state_years`` / ``dyad_years`` (or a previous step) and returns a new
panel with extra columns; it never drops or reorders rows. On a dyad panel a state-level value gets
the suffixes ``1`` and ``2`` (``cinc1``, ``cinc2``); on a state panel it keeps its plain name.

Coverage (first and last year of each source, from its specification via ``data.facts.coverage``):
inside a source's years, "no record" means a real zero where the source is exhaustive
(no alliance, no dispute, no border) and missing where it is not (a capability value nobody
recorded). Outside a source's years every value is missing (<NA>), never 0.
Indicator columns are pandas nullable integers (Int8/Int16/Int32) so that missing stays missing.
"""

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.data.facts import spell_years
from alliancelab.errors import ParameterError, check_choice
from alliancelab.panels.lookup import NYEARS, YEAR0, Lookup

OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")
NMC_COLUMNS = ("milex", "milper", "irst", "pec", "tpop", "upop", "cinc")


# --- small shared pieces ------------------------------------------------------------------------
def panel_lookup(panel):
    """The warehouse ``Lookup`` (dense arrays over state and year) of the panel's warehouse.

    Parameters
    ----------
    panel : Panel
        A panel; its ``attrs["warehouse"]`` names the warehouse (None: the default one).

    Returns
    -------
    Lookup
        The cached lookup of that warehouse.

    Examples
    --------
    >>> panel_lookup(panel).polity  # doctest: +SKIP
    """
    return Lookup.get(panel.attrs.get("warehouse"))


def is_dyadic(panel):
    """Whether ``panel`` is a dyad panel (it has a ``ccode1`` column) rather than a state panel.

    Parameters
    ----------
    panel : pandas.DataFrame
        A state or dyad panel.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_dyadic(pd.DataFrame({"ccode1": [2], "ccode2": [200], "year": [1950]}))
    True
    """
    return "ccode1" in panel.columns


def panel_sides(panel):
    """The country-code columns of a panel with the suffix their state columns take.

    Parameters
    ----------
    panel : pandas.DataFrame
        A state panel (``ccode``) or dyad panel (``ccode1``, ``ccode2``).

    Returns
    -------
    list of (str, numpy.ndarray)
        ``[("", ccode)]`` for a state panel, ``[("1", ccode1), ("2", ccode2)]`` for a dyad panel.

    Examples
    --------
    >>> [suffix for suffix, _ in panel_sides(pd.DataFrame({"ccode": [2], "year": [1950]}))]
    ['']
    """
    if is_dyadic(panel):
        return [("1", panel["ccode1"].to_numpy()), ("2", panel["ccode2"].to_numpy())]
    return [("", panel["ccode"].to_numpy())]


def column_name(name, suffix):
    """The name of a state column in a dyad panel.

    A name ending in a digit gets an underscore before the suffix.

    Parameters
    ----------
    name : str
        The state-level column name.
    suffix : str
        ``"1"`` or ``"2"``.

    Returns
    -------
    str

    Examples
    --------
    >>> column_name("cinc", "1"), column_name("polity2", "1")
    ('cinc1', 'polity2_1')
    """
    return f"{name}_{suffix}" if suffix and name[-1].isdigit() else f"{name}{suffix}"


def _outside(year, source):
    return facts.outside(year, source)


def nullable_int(values, missing, dtype="Int8"):
    """A pandas nullable integer column from integer values and a boolean mask of missing entries.

    Parameters
    ----------
    values : array-like of int
        The values (those under ``missing`` are ignored).
    missing : array-like of bool
        True where the value is missing (outside the source's coverage; never 0).
    dtype : {"Int8", "Int16", "Int32", "Int64"}
        The nullable integer type.

    Returns
    -------
    pandas.arrays.IntegerArray

    Examples
    --------
    >>> nullable_int([1, 0], [False, True]).isna().tolist()
    [False, True]
    """
    numpy_type = {"Int8": np.int8, "Int16": np.int16, "Int32": np.int32, "Int64": np.int64}[dtype]
    return pd.arrays.IntegerArray(np.asarray(values).astype(numpy_type), np.asarray(missing, dtype=bool))


def with_columns(panel, columns, sources):
    """A new panel with columns added and the sources' citations recorded.

    Parameters
    ----------
    panel : Panel
        The panel.
    columns : dict
        Column name -> values, in the panel's row order.
    sources : list of str
        Source names whose citations are added to ``attrs["sources"]``.

    Returns
    -------
    Panel
        A shallow copy of ``panel`` with the columns.
    """
    lookup = panel_lookup(panel)
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


def _dyad_values(panel, lookup, cube):
    """Values of a (year, state1, state2) cube for every row of a dyad panel, and the years."""
    year = panel["year"].to_numpy()
    return lookup.read_dyad(cube, panel["ccode1"].to_numpy(), panel["ccode2"].to_numpy(), year), year


def _require_dyadic(panel, step):
    if not is_dyadic(panel):
        raise ParameterError(
            f"{step} needs a dyad-year panel (columns ccode1, ccode2); got a state-year panel: start from dyad_years()"
        )


# --- ATOP -----------------------------------------------------------------------------------------
def atop_cube(lookup):
    """ATOP 5.1 obligations as a dense (year, pledger, receiver) cube.

    Bit k is set when obligation k (defense, offense, neutral, nonagg, consul) is pledged.

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    numpy.ndarray
        (year, state, state) array of bit flags.
    """

    def build():
        t = lookup.table("atop_dyads")
        bits = sum(t[f"atop_{name}"].fillna(0).to_numpy().astype(np.int8) << k for k, name in enumerate(OBLIGATIONS))
        return lookup.dyad_cube(t["ccode1"], t["ccode2"], t["year"], bits, reducer="max")

    return lookup.cached("atop_cube", build)


def atop_onset_cube(lookup):
    """Alliance onsets as a dense (year, a, b) cube.

    1 when a and b start sharing an ATOP 4.01 alliance that year (a != b).

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    numpy.ndarray
        (year, state, state) array of 0/1.
    """

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

    Parameters
    ----------
    panel : Panel
        A dyad-year panel (``dyad_years``).
    collapse : {None, "either", "both"}, optional
        How the two directions combine.
    onset : bool, default False
        Also add atop_onset.

    Returns
    -------
    Panel
        A new panel with the columns added and the source's citation recorded in ``attrs["sources"]``.

    References
    ----------
    Leeds, B. A., Ritter, J. M., Mitchell, S. M. and Long, A. G. (2002), "Alliance Treaty Obligations and
    Provisions, 1815-1944", International Interactions 28: 237-260.
    """
    _require_dyadic(panel, "add_atop")
    check_choice("collapse", collapse, (None, "either", "both"))
    if collapse is None and not panel.attrs.get("directed", True):
        collapse = "either"
    lookup = panel_lookup(panel)
    cube = atop_cube(lookup)
    c1, c2, year = panel["ccode1"].to_numpy(), panel["ccode2"].to_numpy(), panel["year"].to_numpy()
    bits = lookup.read_dyad(cube, c1, c2, year)
    if collapse == "either":
        bits = bits | lookup.read_dyad(cube, c2, c1, year)
    elif collapse == "both":
        bits = bits & lookup.read_dyad(cube, c2, c1, year)
    missing = _outside(year, "atop_dyads")
    columns = {f"atop_{name}": nullable_int((bits >> k) & 1, missing) for k, name in enumerate(OBLIGATIONS)}
    columns["atop_any"] = nullable_int(bits > 0, missing)
    sources = ["atop_dyads"]
    if onset:
        start = lookup.read_dyad(atop_onset_cube(lookup), c1, c2, year)
        columns["atop_onset"] = nullable_int(start, _outside(year, "atop_members"))
        sources.append("atop_members")
    return with_columns(panel, columns, sources)


def alliance_count_arrays(lookup, count="any_day", entry_dates=None):
    """Per state and year, the number of ATOP 4.01 alliances (any, and with a defense pledge).

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).
    count : {"any_day", "full_year"}, default "any_day"
        Which years a membership counts in (``data.facts.alliance_spells``).
    entry_dates : pandas.DataFrame, optional
        Entry dates replacing ATOP's (atopid, member, yrent[, moent, dayent]).

    Returns
    -------
    total, defense : numpy.ndarray
        (state, year) arrays of the number of alliances, and of those with a defense pledge.
    """

    def build():
        spells = facts.alliance_spells(lookup.table("atop_members"), count, entry_dates)
        years = facts.alliance_member_years(spells)
        counts = years.groupby(["member", "year"]).agg(n=("atopid", "size"), d=("defense", "sum")).reset_index()
        total = lookup.state_array(counts["member"], counts["year"], counts["n"], fill=0, dtype=np.int32)
        defense = lookup.state_array(counts["member"], counts["year"], counts["d"], fill=0, dtype=np.int32)
        return total, defense

    if entry_dates is not None:
        return build()
    return lookup.cached(("alliance_counts", count), build)


def add_alliance_counts(panel, count="any_day", entry_dates=None):
    """atop_alliances / atop_defense_alliances: the ATOP 4.01 alliances each state belongs to that year.

    Any alliance / one with a defense pledge (coverage 1815-2016). A membership counts in every year
    from ATOP's entry date (signature of the treaty or of the accession protocol) to its exit
    (``count="any_day"``); ``count="full_year"`` counts only years it covers from 1 January to
    31 December.

    Parameters
    ----------
    panel : Panel
        A state-year panel (``state_years``), or a dyad-year panel (columns for both states, ending in 1 and 2).
    count : {"any_day", "full_year"}, default "any_day"
        Which years a membership counts in.
    entry_dates : pandas.DataFrame, optional
        Columns atopid, member, yrent (and optionally moent, dayent) replacing ATOP's entry dates, e.g.
        with ratification or accession dates (``data.facts.alliance_spells``).

    Returns
    -------
    Panel
        A new panel with the columns added and the source's citation recorded in ``attrs["sources"]``.

    References
    ----------
    Leeds, Ritter, Mitchell & Long (2002), International Interactions 28: 237-260.
    """
    lookup = panel_lookup(panel)
    total, defense = alliance_count_arrays(lookup, count, entry_dates)
    year = panel["year"].to_numpy()
    missing = _outside(year, "atop_members")
    columns = {}
    for suffix, ccode in panel_sides(panel):
        columns[f"atop_alliances{suffix}"] = nullable_int(lookup.read_state(total, ccode, year), missing, "Int16")
        columns[f"atop_defense_alliances{suffix}"] = nullable_int(
            lookup.read_state(defense, ccode, year), missing, "Int16"
        )
    return with_columns(panel, columns, ["atop_members"])


# --- capabilities and status ------------------------------------------------------------------------
def add_nmc(panel, columns=NMC_COLUMNS):
    """COW National Material Capabilities (NMC 7.0): milex, milper, irst, pec, tpop, upop, cinc.

    Values nobody recorded stay missing.

    Parameters
    ----------
    panel : Panel
        A state-year panel (``state_years``), or a dyad-year panel (columns for both states, ending in 1 and 2).
    columns : sequence of str, default all seven
        The NMC columns to add.

    Returns
    -------
    Panel
        A new panel with the columns added and the source's citation recorded in ``attrs["sources"]``.

    Examples
    --------
    >>> from alliancelab.panels import state_years
    >>> panel = state_years(1900, 1900).add_nmc(columns=("cinc",))
    >>> bool(panel["cinc"].notna().any())
    True

    References
    ----------
    Singer, J. D., Bremer, S. and Stuckey, J. (1972), "Capability Distribution, Uncertainty, and Major
    Power War, 1820-1965", in B. Russett (ed.), Peace, War, and Numbers, 19-48.
    """
    for column in columns:
        check_choice("columns", column, NMC_COLUMNS)
    lookup = panel_lookup(panel)
    nmc = lookup.table("nmc")
    year = panel["year"].to_numpy()
    sides = [(suffix, lookup.state_positions(ccode, year)) for suffix, ccode in panel_sides(panel)]
    out = {}
    for column in columns:
        array = lookup.cached(
            f"nmc_{column}", lambda c=column: lookup.state_array(nmc["ccode"], nmc["year"], nmc[c].to_numpy(np.float64))
        )
        for suffix, positions in sides:
            out[f"{column}{suffix}"] = lookup.read_state(array, None, None, positions)
    return with_columns(panel, out, ["nmc"])


def add_majors(panel):
    """major (1/0): COW major-power status in the year (any part of it), 1816-2016.

    Parameters
    ----------
    panel : Panel
        A state-year panel (``state_years``), or a dyad-year panel (columns for both states, ending in 1 and 2).

    Returns
    -------
    Panel
        A new panel with the columns added and the source's citation recorded in ``attrs["sources"]``.
    """
    lookup = panel_lookup(panel)

    def build():
        majors = lookup.table("majors")
        rows, years = spell_years(majors["styear"], majors["endyear"])
        return lookup.state_array(majors["ccode"].to_numpy()[rows], years, np.ones(len(rows)), fill=0, dtype=np.int8)

    array = lookup.cached("majors", build)
    year = panel["year"].to_numpy()
    missing = _outside(year, "majors")
    out = {f"major{s}": nullable_int(lookup.read_state(array, c, year), missing) for s, c in panel_sides(panel)}
    return with_columns(panel, out, ["majors"])


# --- geography ---------------------------------------------------------------------------------------
def contiguity_cube(lookup):
    """COW contiguity type as a dense (year, a, b) cube, 0 = none.

    The closest type among the contiguity spells touching the year. Spells coded 0 (periods without
    contiguity, e.g. Germany-USSR 1918-45) never override a real border record in the same year
    (Germany-USSR 1939-41 is type 1).

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    numpy.ndarray
        (year, state, state) array of types 0-5.
    """

    def build():
        c = lookup.table("contiguity")
        c = c.loc[c["conttype"] > 0]
        first = pd.to_datetime(c["stdate"]).dt.year.to_numpy()
        last = pd.to_datetime(c["enddate"]).dt.year.to_numpy()
        rows, years = spell_years(first, last)
        cube = lookup.dyad_cube(
            c["ccode1"].to_numpy()[rows],
            c["ccode2"].to_numpy()[rows],
            years,
            c["conttype"].to_numpy()[rows],
            fill=9,
            reducer="min",
        )
        cube[cube == 9] = 0
        return cube

    return lookup.cached("contiguity", build)


def add_contiguity(panel):
    """conttype: COW direct contiguity in the year.

    1 land, 2/3/4/5 up to 12/24/150/400 miles of water, 0 none (the closest type when several spells
    touch the year; a period the source codes 0 never hides a border recorded in the same year).

    Parameters
    ----------
    panel : Panel
        A dyad-year panel (``dyad_years``).

    Returns
    -------
    Panel
        A new panel with the columns added and the source's citation recorded in ``attrs["sources"]``.

    References
    ----------
    Stinnett, D. M., Tir, J., Schafer, P., Diehl, P. F. and Gochman, C. (2002), "The Correlates of War
    Project Direct Contiguity Data, Version 3", Conflict Management and Peace Science 19(2): 58-66.
    """
    _require_dyadic(panel, "add_contiguity")
    lookup = panel_lookup(panel)
    cube = contiguity_cube(lookup)
    values, year = _dyad_values(panel, lookup, cube)
    return with_columns(panel, {"conttype": nullable_int(values, _outside(year, "contiguity"))}, ["contiguity"])


def min_distance_cube(lookup):
    """Minimum border distance in km as a dense (year, a, b) cube.

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    numpy.ndarray
        (year, state, state) array of km; NaN where CShapes has no value.
    """

    def build():
        d = lookup.table("min_distance")
        cube = lookup.dyad_cube(d["ccode1"], d["ccode2"], d["year"], d["mindist"], fill=np.nan, dtype=np.float64)
        return np.fmin(cube, cube.transpose(0, 2, 1))  # the file lists each pair once (ccode1 < ccode2)

    return lookup.cached("min_distance", build)


def add_min_distance(panel):
    """mindist: minimum distance between the two states' borders in km (CShapes 2.0, 1886-2019).

    Parameters
    ----------
    panel : Panel
        A dyad-year panel (``dyad_years``).

    Returns
    -------
    Panel
        A new panel with the columns added and the source's citation recorded in ``attrs["sources"]``.

    References
    ----------
    Schvitz, G., Girardin, L., Rüegger, S., Weidmann, N. B., Cederman, L.-E. and Gleditsch, K. S. (2022),
    "Mapping the International System, 1886-2019: The CShapes 2.0 Dataset", JCR 66(1): 144-161.
    """
    _require_dyadic(panel, "add_min_distance")
    lookup = panel_lookup(panel)
    cube = min_distance_cube(lookup)
    values, year = _dyad_values(panel, lookup, cube)
    return with_columns(panel, {"mindist": values.astype(np.float64)}, ["min_distance"])


MEAN_RADIUS_KM = 6371.0088  # IUGG mean Earth radius
EQUATORIAL_RADIUS_KM = 6378.137  # WGS84 semi-major axis; the radius peacesciencer's haversine uses
EARTH_RADIUS_KM = MEAN_RADIUS_KM
WGS84_A_KM = 6378.137
WGS84_F = 1 / 298.257223563
DISTANCE_METHODS = ("geodesic", "peacesciencer", "sphere")


def capital_coordinates(lookup):
    """Coordinates of the capital in force on 31 December of each year.

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    numpy.ndarray
        ``(lat, lng)``: two (state, year) arrays in degrees.
    """

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


def haversine_km(lat1, lng1, lat2, lng2, radius_km=MEAN_RADIUS_KM):
    """Great-circle (haversine) distance in km on a sphere of radius ``radius_km``.

    d = 2 r asin(sqrt(sin^2(dphi/2) + cos(phi1) cos(phi2) sin^2(dlambda/2))).

    Parameters
    ----------
    lat1, lng1, lat2, lng2 : float or array of float
        Latitudes and longitudes in degrees.
    radius_km : float, default 6371.0088
        Radius of the sphere (default: the mean Earth radius).

    Returns
    -------
    float or numpy.ndarray

    Examples
    --------
    >>> round(float(haversine_km(0, 0, 0, 1)), 1)
    111.2
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lng2) - np.asarray(lng1))
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * radius_km * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


def great_circle_km(lat1, lng1, lat2, lng2):
    """Haversine distance in km on a sphere of radius 6371.0088 km (mean Earth radius).

    Parameters
    ----------
    lat1, lng1, lat2, lng2 : float or array of float
        Latitudes and longitudes in degrees.

    Returns
    -------
    float or numpy.ndarray

    Examples
    --------
    >>> round(float(great_circle_km(0, 0, 0, 1)), 1)
    111.2
    """
    return haversine_km(lat1, lng1, lat2, lng2, MEAN_RADIUS_KM)


def geodesic_km(lat1, lng1, lat2, lng2, iterations=200, tolerance=1e-12):
    """Distance in km along the WGS84 ellipsoid, by Vincenty's inverse formula (vectorised).

    Accurate to well under a metre; for nearly antipodal points, where Vincenty's iteration does not
    converge, the Andoyer-Lambert first-order flattening correction of the spherical distance is
    used (error below about 0.1 km). NaN in, NaN out.

    Parameters
    ----------
    lat1, lng1, lat2, lng2 : float or array of float
        Latitudes and longitudes in degrees.
    iterations : int, default 200
        Most iterations of Vincenty's formula.
    tolerance : float, default 1e-12
        Convergence tolerance on the longitude difference (radians).

    Returns
    -------
    float or numpy.ndarray

    Examples
    --------
    >>> round(float(geodesic_km(0, 0, 0, 1)), 3)
    111.319

    References
    ----------
    Vincenty, T. (1975), "Direct and inverse solutions of geodesics on the ellipsoid with
    application of nested equations", Survey Review 23(176): 88-93.
    """
    a, f = WGS84_A_KM, WGS84_F
    b = a * (1 - f)
    lat1, lng1, lat2, lng2 = np.broadcast_arrays(*(np.asarray(v, dtype=np.float64) for v in (lat1, lng1, lat2, lng2)))
    u1 = np.arctan((1 - f) * np.tan(np.radians(lat1)))
    u2 = np.arctan((1 - f) * np.tan(np.radians(lat2)))
    big_l = np.radians(lng2 - lng1)
    su1, cu1, su2, cu2 = np.sin(u1), np.cos(u1), np.sin(u2), np.cos(u2)
    lam = big_l.copy()
    active = np.isfinite(lam) & np.isfinite(u1) & np.isfinite(u2)
    converged = ~active
    with np.errstate(invalid="ignore", divide="ignore"):
        for _ in range(iterations):
            sl, cl = np.sin(lam), np.cos(lam)
            ss = np.sqrt((cu2 * sl) ** 2 + (cu1 * su2 - su1 * cu2 * cl) ** 2)
            cs = su1 * su2 + cu1 * cu2 * cl
            sigma = np.arctan2(ss, cs)
            sa = np.where(ss > 0, cu1 * cu2 * sl / np.where(ss > 0, ss, 1), 0.0)
            c2a = 1 - sa**2
            c2sm = np.where(c2a > 0, cs - 2 * su1 * su2 / np.where(c2a > 0, c2a, 1), 0.0)
            c = f / 16 * c2a * (4 + f * (4 - 3 * c2a))
            new = big_l + (1 - c) * f * sa * (sigma + c * ss * (c2sm + c * cs * (-1 + 2 * c2sm**2)))
            done = np.abs(new - lam) < tolerance
            lam = np.where(converged, lam, new)
            converged |= done
            if converged.all():
                break
        sl, cl = np.sin(lam), np.cos(lam)
        ss = np.sqrt((cu2 * sl) ** 2 + (cu1 * su2 - su1 * cu2 * cl) ** 2)
        cs = su1 * su2 + cu1 * cu2 * cl
        sigma = np.arctan2(ss, cs)
        sa = np.where(ss > 0, cu1 * cu2 * sl / np.where(ss > 0, ss, 1), 0.0)
        c2a = 1 - sa**2
        c2sm = np.where(c2a > 0, cs - 2 * su1 * su2 / np.where(c2a > 0, c2a, 1), 0.0)
        usq = c2a * (a**2 - b**2) / b**2
        big_a = 1 + usq / 16384 * (4096 + usq * (-768 + usq * (320 - 175 * usq)))
        big_b = usq / 1024 * (256 + usq * (-128 + usq * (74 - 47 * usq)))
        ds = (
            big_b
            * ss
            * (c2sm + big_b / 4 * (cs * (-1 + 2 * c2sm**2) - big_b / 6 * c2sm * (-3 + 4 * ss**2) * (-3 + 4 * c2sm**2)))
        )
        distance = b * big_a * (sigma - ds)
    failed = active & ~converged
    if failed.any():
        distance = np.where(failed, _andoyer_lambert_km(lat1, lng1, lat2, lng2), distance)
    return np.where(active, distance, np.nan)


def _andoyer_lambert_km(lat1, lng1, lat2, lng2):
    """Andoyer-Lambert: the spherical distance on the equatorial sphere corrected to first order in f."""
    a, f = WGS84_A_KM, WGS84_F
    b1 = np.arctan((1 - f) * np.tan(np.radians(lat1)))
    b2 = np.arctan((1 - f) * np.tan(np.radians(lat2)))
    dl = np.radians(np.asarray(lng2) - np.asarray(lng1))
    with np.errstate(invalid="ignore", divide="ignore"):
        sigma = np.arccos(np.clip(np.sin(b1) * np.sin(b2) + np.cos(b1) * np.cos(b2) * np.cos(dl), -1, 1))
        p, q = (b1 + b2) / 2, (b2 - b1) / 2
        x = (sigma - np.sin(sigma)) * (np.sin(p) * np.cos(q)) ** 2 / np.cos(sigma / 2) ** 2
        y = (sigma + np.sin(sigma)) * (np.cos(p) * np.sin(q)) ** 2 / np.sin(sigma / 2) ** 2
        return a * (sigma - f / 2 * (x + y))


def add_capital_distance(panel, method="geodesic"):
    """capdist: distance in km between the two capitals in force at the end of the year.

    Capitals of Miller 2022 (peacesciencer); missing where a capital is unknown.

    Parameters
    ----------
    panel : Panel
        A dyad-year panel (``dyad_years``).
    method : {"geodesic", "peacesciencer", "sphere"}, default "geodesic"
        "geodesic": along the WGS84 ellipsoid (Vincenty 1975), the distance a surveyor would measure.
        "peacesciencer": haversine on a sphere of the equatorial radius 6378.137 km, reproducing
        peacesciencer's capdist exactly. "sphere": haversine on the mean radius 6371.0088 km. Both
        spheres are off the ellipsoid by up to about 0.5% (0.1-0.2% typically).

    Returns
    -------
    Panel
        A new panel with the columns added and the source's citation recorded in ``attrs["sources"]``.

    References
    ----------
    Miller, S. V. (2022), "peacesciencer: An R Package for Quantitative Peace Science Research",
    Conflict Management and Peace Science 39(6): 755-779.
    Vincenty, T. (1975), Survey Review 23(176): 88-93.
    """
    _require_dyadic(panel, "add_capital_distance")
    check_choice("method", method, DISTANCE_METHODS)
    lookup = panel_lookup(panel)
    lat, lng = capital_coordinates(lookup)
    year = panel["year"].to_numpy()
    c1, c2 = panel["ccode1"].to_numpy(), panel["ccode2"].to_numpy()
    p1, p2 = lookup.state_positions(c1, year), lookup.state_positions(c2, year)
    coordinates = [lookup.read_state(array, None, None, p) for p, array in ((p1, lat), (p1, lng), (p2, lat), (p2, lng))]
    if method == "geodesic":
        distance = _capital_pair_geodesic(lookup, p1, p2)
    elif method == "peacesciencer":
        distance = haversine_km(*coordinates, radius_km=EQUATORIAL_RADIUS_KM)
    else:
        distance = haversine_km(*coordinates, radius_km=MEAN_RADIUS_KM)
    return with_columns(panel, {"capdist": distance}, ["capitals"])


def capital_geodesic(lookup):
    """Capital-to-capital WGS84 distances, built once per lookup.

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    numpy.ndarray
        ``(index, distances)``: a (state, year) array of capital indices (-1 where unknown) and the
        capital-by-capital distance matrix in km.
    """

    def build():
        caps = lookup.table("capitals").sort_values(["ccode", "stdate"]).reset_index(drop=True)
        first = pd.to_datetime(caps["stdate"]).dt.year.to_numpy()
        last = pd.to_datetime(caps["enddate"]).dt.year.to_numpy()
        rows, years = spell_years(first, last)
        index = lookup.state_array(caps["ccode"].to_numpy()[rows], years, rows, fill=-1, dtype=np.int64)
        lat, lng = caps["lat"].to_numpy(float), caps["lng"].to_numpy(float)
        matrix = geodesic_km(lat[:, None], lng[:, None], lat[None, :], lng[None, :])
        return index, matrix

    return lookup.cached("capital_geodesic", build)


def _capital_pair_geodesic(lookup, p1, p2):
    index, matrix = capital_geodesic(lookup)
    i, j = lookup.read_state(index, None, None, p1), lookup.read_state(index, None, None, p2)
    found = (i >= 0) & (j >= 0)
    out = np.full(len(i), np.nan)
    out[found] = matrix[i[found], j[found]]
    return out


# --- conflict ----------------------------------------------------------------------------------------
GML_FIELDS = ("mid_onset", "mid_ongoing", "mid_init1", "mid_init2", "mid_hostlev1", "mid_hostlev2", "mid_count")


def gml_cubes(lookup):
    """GML dispute indicators as dense (year, a, b) cubes, built once per lookup.

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    numpy.ndarray
        dict of (year, state, state) arrays: mid_onset, mid_ongoing, mid_count, mid_init,
        mid_hostlev, mid_init_hostility.
    """

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
    """GML militarized disputes (2.2.1, 1816-2010), per dyad-year.

    mid_onset / mid_ongoing (a dispute between the two starts / is under way), mid_count (disputes
    starting), mid_init1 / mid_init2 (the first / second state initiated one: side A and an
    originator), mid_hostlev1 / mid_hostlev2 (each side's highest hostility level, 1-5, 0 if none;
    -9 in the source is missing and counts as no level).

    Parameters
    ----------
    panel : Panel
        A dyad-year panel (``dyad_years``).

    Returns
    -------
    Panel
        A new panel with the columns added and the source's citation recorded in ``attrs["sources"]``.

    References
    ----------
    Gibler, D. M., Miller, S. V. and Little, E. K. (2016), "An Analysis of the Militarized Interstate
    Dispute (MID) Dataset, 1816-2001", ISQ 60(4): 719-730.
    """
    _require_dyadic(panel, "add_gml")
    lookup = panel_lookup(panel)
    cubes = gml_cubes(lookup)
    year = panel["year"].to_numpy()
    c1, c2 = panel["ccode1"].to_numpy(), panel["ccode2"].to_numpy()
    forward, backward = lookup.dyad_positions(c1, c2, year), lookup.dyad_positions(c2, c1, year)
    missing = _outside(year, "gml_dyads")

    def read(name, positions, dtype="Int8"):
        return nullable_int(lookup.read_dyad(cubes[name], None, None, None, positions), missing, dtype)

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
    """COW inter-state war (4.0, 1816-2007) of the dyad.

    war_ongoing, war_onset (the two fight each other, on opposite sides), war_init1 (the first state
    initiated that war), warnum (lowest war number).

    Parameters
    ----------
    panel : Panel
        A dyad-year panel (``dyad_years``).

    Returns
    -------
    Panel
        A new panel with the columns added and the source's citation recorded in ``attrs["sources"]``.

    References
    ----------
    Sarkees, M. R. and Wayman, F. (2010), Resort to War: 1816-2007, CQ Press.
    """
    _require_dyadic(panel, "add_wars")
    lookup = panel_lookup(panel)

    def build():
        w = lookup.table("wars")
        c1, c2, y = w["ccode1"], w["ccode2"], w["year"]
        return {
            "ongoing": lookup.dyad_cube(c1, c2, y, w["cowinterongoing"].fillna(0).to_numpy(), reducer="max"),
            "onset": lookup.dyad_cube(c1, c2, y, w["cowinteronset"].fillna(0).to_numpy(), reducer="max"),
            "init": lookup.dyad_cube(c1, c2, y, w["initiator1"].fillna(0).to_numpy(), reducer="max"),
            "warnum": lookup.dyad_cube(c1, c2, y, w["warnum"].to_numpy(), fill=32000, dtype=np.int16, reducer="min"),
        }

    cubes = lookup.cached("wars", build)
    year = panel["year"].to_numpy()
    c1, c2 = panel["ccode1"].to_numpy(), panel["ccode2"].to_numpy()
    missing = _outside(year, "wars")
    warnum = lookup.read_dyad(cubes["warnum"], c1, c2, year)
    out = {
        "war_ongoing": nullable_int(lookup.read_dyad(cubes["ongoing"], c1, c2, year), missing),
        "war_onset": nullable_int(lookup.read_dyad(cubes["onset"], c1, c2, year), missing),
        "war_init1": nullable_int(lookup.read_dyad(cubes["init"], c1, c2, year), missing),
        "warnum": nullable_int(np.where(warnum == 32000, 0, warnum), missing | (warnum == 32000), "Int16"),
    }
    return with_columns(panel, out, ["wars"])


def rivalry_cube(lookup):
    """Strategic rivalry as a dense (year, a, b) cube (symmetric).

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    numpy.ndarray
        (year, state, state) array, 1 when a and b are strategic rivals.
    """

    def build():
        r = lookup.table("rivalries")
        rows, years = spell_years(r["styear"], r["endyear"])
        c1, c2 = r["ccode1"].to_numpy()[rows], r["ccode2"].to_numpy()[rows]
        cube = lookup.dyad_cube(c1, c2, years, np.ones(len(rows)), reducer="max")
        return np.maximum(cube, cube.transpose(0, 2, 1))

    return lookup.cached("rivalry", build)


def add_rivalry(panel):
    """td_rivalry (1/0): the two are strategic rivals that year (to 2010).

    Parameters
    ----------
    panel : Panel
        A dyad-year panel (``dyad_years``).

    Returns
    -------
    Panel
        A new panel with the columns added and the source's citation recorded in ``attrs["sources"]``.

    References
    ----------
    Thompson, W. R. and Dreyer, D. R. (2012), Handbook of International Rivalries, CQ Press.
    """
    _require_dyadic(panel, "add_rivalry")
    lookup = panel_lookup(panel)
    cube = rivalry_cube(lookup)
    values, year = _dyad_values(panel, lookup, cube)
    return with_columns(panel, {"td_rivalry": nullable_int(values, _outside(year, "rivalries"))}, ["rivalries"])


def membership(lookup):
    """System membership as a dense (year, state) boolean array (``data.facts.member_years``).

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    numpy.ndarray
        (year, state) array, True when the state is a COW system member that year.
    """

    def build():
        ccode, year = facts.member_years(lookup.spells(), YEAR0, YEAR0 + NYEARS - 1)
        return lookup.state_array(ccode, year, np.ones(len(ccode)), fill=0, dtype=np.int8).T.astype(bool)

    return lookup.cached("membership", build)


def peace_years_cube(lookup):
    """Years since the pair's last GML dispute onset, as a dense (year, a, b) cube.

    Counted from 0 in the year of a dispute or in the first year both are system members (again after a
    state re-enters).

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    numpy.ndarray
        (year, state, state) array of years.
    """

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
    """gml_peace_years: years since the dyad's last GML dispute onset (see ``peace_years_cube``).

    1816-2010; missing after the GML coverage ends.

    Parameters
    ----------
    panel : Panel
        A dyad-year panel (``dyad_years``).

    Returns
    -------
    Panel
        A new panel with the columns added and the source's citation recorded in ``attrs["sources"]``.
    """
    _require_dyadic(panel, "add_peace_years")
    lookup = panel_lookup(panel)
    values, year = _dyad_values(panel, lookup, peace_years_cube(lookup))
    return with_columns(
        panel, {"gml_peace_years": nullable_int(values, _outside(year, "gml_dyads"), "Int16")}, ["gml_dyads", "states"]
    )


# --- regimes, trade, territory --------------------------------------------------------------------------
def _state_values(panel, source, array_builder, names, key):
    lookup = panel_lookup(panel)
    arrays = lookup.cached(key, array_builder)
    year = panel["year"].to_numpy()
    missing = _outside(year, source)
    out = {}
    for name in names:
        for suffix, ccode in panel_sides(panel):
            values = lookup.read_state(arrays[name], ccode, year)
            out[column_name(name, suffix)] = np.where(missing, np.nan, values)
    return with_columns(panel, out, [source])


def add_polity(panel):
    """polity2 (-10..10), democ, autoc from Polity IV (1800-2015).

    Read through the explicit Polity-to-COW code map (``sources.POLITY_CROSSWALK``). When two Polity units
    map onto one COW state-year (a year of change such as USSR 1922), the unit whose series runs later is
    used.

    Parameters
    ----------
    panel : Panel
        A state-year panel (``state_years``), or a dyad-year panel (columns for both states, ending in 1 and 2).

    Returns
    -------
    Panel
        A new panel with the columns added and the source's citation recorded in ``attrs["sources"]``.

    References
    ----------
    Marshall, M. G., Gurr, T. R. and Jaggers, K. (2016), Polity IV Project: Dataset Users' Manual, Center
    for Systemic Peace.
    """
    lookup = panel_lookup(panel)

    def build():
        p = lookup.table(
            "polity",
            """
            WITH spans AS (SELECT ccode, max(year) AS last_year FROM polity GROUP BY ccode)
            SELECT cow_ccode, year, polity2, democ, autoc FROM (
              SELECT p.*, row_number() OVER (PARTITION BY cow_ccode, year ORDER BY s.last_year DESC) AS pick
              FROM polity p JOIN spans s USING (ccode) WHERE cow_ccode IS NOT NULL) WHERE pick = 1""",
        )
        return {
            c: lookup.state_array(p["cow_ccode"], p["year"], p[c].to_numpy(np.float64))
            for c in ("polity2", "democ", "autoc")
        }

    return _state_values(panel, "polity", build, ("polity2", "democ", "autoc"), "polity")


def add_trade(panel):
    """imports, exports: total trade of each state, millions of current US$ (COW Trade 4.0, 1870-2014).

    Parameters
    ----------
    panel : Panel
        A state-year panel (``state_years``), or a dyad-year panel (columns for both states, ending in 1 and 2).

    Returns
    -------
    Panel
        A new panel with the columns added and the source's citation recorded in ``attrs["sources"]``.

    References
    ----------
    Barbieri, K., Keshk, O. M. G. and Pollins, B. (2009), "Trading Data: Evaluating our Assumptions and
    Coding Rules", Conflict Management and Peace Science 26(5): 471-491.
    """
    lookup = panel_lookup(panel)

    def build():
        t = lookup.table("trade")
        return {c: lookup.state_array(t["ccode"], t["year"], t[c].to_numpy(np.float64)) for c in ("imports", "exports")}

    return _state_values(panel, "trade", build, ("imports", "exports"), "trade")


def add_territorial_threat(panel):
    """lterrthreat: latent territorial threat to each state, posterior mean (1816-2010).

    Parameters
    ----------
    panel : Panel
        A state-year panel (``state_years``), or a dyad-year panel (columns for both states, ending in 1 and 2).

    Returns
    -------
    Panel
        A new panel with the columns added and the source's citation recorded in ``attrs["sources"]``.

    References
    ----------
    Miller, S. V. (2022), "peacesciencer: An R Package for Quantitative Peace Science Research",
    Conflict Management and Peace Science 39(6): 755-779.
    """
    lookup = panel_lookup(panel)

    def build():
        t = lookup.table("territorial_threat")
        return {"lterrthreat": lookup.state_array(t["ccode"], t["year"], t["lterrthreat"].to_numpy(np.float64))}

    return _state_values(panel, "territorial_threat", build, ("lterrthreat",), "territorial_threat")
