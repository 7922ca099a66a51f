"""Geography steps: contiguity, minimum distance and capital-to-capital distance (geodesic, haversine)."""

import numpy as np
import pandas as pd

from alliancelab.data.facts import spell_years
from alliancelab.errors import check_choice
from alliancelab.panels.adders._common import (
    _dyad_values,
    _outside,
    _require_dyadic,
    nullable_int,
    panel_lookup,
    with_columns,
)


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
