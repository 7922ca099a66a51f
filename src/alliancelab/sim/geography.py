"""The map a simulated system lives on: capitals, borders (who can attack whom) and distances.

Three kinds of map:

- ``grid``: states on a square lattice (side ceil(sqrt(n)), filled row by row), neighbours share
  an edge (rook contiguity), as in Bremer & Mihalka's (1977) and Cederman's (1997) worlds;
- ``planar``: capitals drawn uniformly in a square from the run's seed; neighbours are the edges
  of the Delaunay triangulation (the borders of the Voronoi map around the capitals);
- ``historical``: the real states of a region in a start year (default Europe 1816), with their
  capitals (Miller 2022 capitals file), their published CINC as initial capability (COW NMC 7.0),
  and COW Direct Contiguity 3.2 borders (``conttype`` <= ``max_conttype``, default 4 = at most
  150 miles of water). A state with no contiguous partner gets its nearest capital as neighbour.

Coordinates are rescaled so that the median distance from a capital to its nearest other capital
is 1: the model's ``reach`` (loss-of-strength distance) is then in "typical neighbour distances"
whatever the map.
"""

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.errors import ParameterError, check_range
from alliancelab.panels.lookup import connection_first, warehouse_connection

SYSTEM_FIRST, SYSTEM_LAST = facts.SYSTEM_FIRST, facts.SYSTEM_LAST  # years of the real system (COW states)

REGIONS = {
    # COW code ranges of the region; Europe also takes the Ottoman Empire / Turkey (640), a
    # member of the European great-power system throughout the nineteenth century.
    "europe": (((200, 399), (640, 640)), "Europe (COW 200-399) and the Ottoman Empire (640)"),
    "americas": (((2, 165),), "the Americas (COW 2-165)"),
}


@dataclass
class Geography:
    """Capitals (``x``, ``y``, rescaled), borders as ``edges`` (int array (m, 2), i < j, sorted,
    unique) and labels. Memory is O(n + borders): nothing here is n x n.

    ``power`` and ``militarisation`` are set for historical maps (None otherwise); ``lon``/``lat``
    keep the real coordinates of historical capitals for plotting.

    Parameters
    ----------
    kind : str
        "grid", "planar" or "historical".
    x, y : numpy.ndarray
        Capital coordinates, rescaled to [0, 1].
    edges : numpy.ndarray
        Borders, int array (m, 2) with i < j.
    labels : list of str
        State labels.
    ccode, power, militarisation, lon, lat : numpy.ndarray, optional
        Historical maps only: COW codes, CINC power, military share, real capital coordinates.
    year : int, optional
        The year of a historical map.
    citations : tuple of str
        The sources of a historical map.
    """

    kind: str
    x: np.ndarray
    y: np.ndarray
    edges: np.ndarray
    labels: list
    ccode: np.ndarray | None = None
    power: np.ndarray | None = None
    militarisation: np.ndarray | None = None
    lon: np.ndarray | None = None
    lat: np.ndarray | None = None
    year: int | None = None
    citations: tuple = ()

    @property
    def n(self):
        return len(self.x)

    @property
    def neighbours(self):
        """Borders as a bool n x n matrix (small maps, reference models and plots only)."""
        matrix = np.zeros((self.n, self.n), dtype=bool)
        matrix[self.edges[:, 0], self.edges[:, 1]] = True
        matrix[self.edges[:, 1], self.edges[:, 0]] = True
        return matrix

    def distances(self):
        """Capital distances, n x n (small maps and reference models only)."""
        dx = self.x[:, None] - self.x[None, :]
        dy = self.y[:, None] - self.y[None, :]
        return np.sqrt(dx * dx + dy * dy)


def _edges(pairs):
    """Unique sorted (i < j) rows of an int array of pairs."""
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    pairs = np.sort(pairs, axis=1)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    return np.unique(pairs, axis=0) if len(pairs) else pairs


def _rescale(x, y):
    """Divide coordinates by the median nearest-neighbour distance (k-d tree: O(n log n))."""
    from scipy.spatial import cKDTree

    if len(x) < 2:
        return x.astype(float), y.astype(float)
    _, nearest = cKDTree(np.column_stack([x, y])).query(np.column_stack([x, y]), k=2)
    j = nearest[:, 1]
    # the distance recomputed exactly as an n x n matrix would give it (bit-identical maps)
    d = np.sqrt((x - x[j]) ** 2 + (y - y[j]) ** 2)
    scale = float(np.median(d))
    if scale <= 0:
        scale = 1.0
    return x / scale, y / scale


def grid_map(n):
    """n states on a lattice with rook neighbours.

    Parameters
    ----------
    n : int
        Number of states.

    Returns
    -------
    Geography
        Kind "grid"; states S0..S(n-1) row by row, borders to the right and below.

    Examples
    --------
    >>> len(grid_map(4).edges)
    4
    """
    side = int(np.ceil(np.sqrt(n)))
    index = np.arange(n)
    row, col = index // side, index % side
    right = index[(col < side - 1) & (index + 1 < n)]
    below = index[index + side < n]
    edges = _edges(np.concatenate([np.column_stack([right, right + 1]), np.column_stack([below, below + side])]))
    x, y = _rescale(col.astype(float), row.astype(float))
    return Geography("grid", x, y, edges, [f"S{i}" for i in range(n)])


def planar_map(n, rng):
    """n capitals uniform in a square of side sqrt(n); Delaunay neighbours.

    Parameters
    ----------
    n : int
        Number of states.
    rng : numpy.random.Generator
        The random generator that places the capitals.

    Returns
    -------
    Geography
        Kind "planar"; borders are the edges of the Delaunay triangulation of the capitals.

    References
    ----------
    Delaunay, B. (1934), "Sur la sphere vide", Bulletin de l'Academie des Sciences de l'URSS 6: 793-800.
    """
    from scipy.spatial import Delaunay

    side = np.sqrt(n)
    x = rng.random(n) * side
    y = rng.random(n) * side
    if n >= 3:
        s = Delaunay(np.column_stack([x, y])).simplices
        edges = _edges(np.concatenate([s[:, [0, 1]], s[:, [0, 2]], s[:, [1, 2]]]))
    else:
        edges = _edges([[0, 1]])
    x, y = _rescale(x, y)
    return Geography("planar", x, y, edges, [f"S{i}" for i in range(n)])


@connection_first
def historical_map(year=SYSTEM_FIRST, region="europe", max_conttype=4, *, warehouse=None, con=None):
    """The real system of ``region`` in ``year``: capitals, CINC and COW contiguity.

    The states are the COW system members in ``year`` (``data.facts.system_members``: a state
    counts when a membership spell touches the year), placed at their capitals in force at the end
    of the year; neighbours are the pairs whose closest contiguity type in the year is at most
    ``max_conttype`` (the rules of the panels' ``add_capital_distance`` and ``add_contiguity``).

    Initial power is each state's CINC share within the region, power_i = CINC_i / sum_j CINC_j.
    Militarisation (the offensive share of power used in threat perception) is the state's share of
    the region's military personnel over its CINC share, clip((milper_i / sum_j milper_j) / power_i,
    0.25, 4); 1 where ``milper`` is missing.

    Parameters
    ----------
    year : int
        The start year (a year of the COW state system).
    region : str
        A key of ``REGIONS`` (default "europe").
    max_conttype : int
        Largest COW contiguity type that counts as a border (1 land ... 5 up to 400 miles of water).
    warehouse : path, optional
        The warehouse (default: the configured one). The old call ``historical_map(con, year, ...)``
        and ``con=`` still work but are deprecated (``DeprecationWarning``).

    Returns
    -------
    Geography
        Positions (rescaled so the median nearest-capital distance is 1), edges, names, codes,
        power, militarisation, longitude and latitude, the year and the citations of the sources.

    Examples
    --------
    >>> world = historical_map(1816)
    >>> world.names[:3]  # doctest: +SKIP

    References
    ----------
    Correlates of War Project, Direct Contiguity v3.2 and National Material Capabilities;
    Bremer, S. A. and Mihalka, M. (1977), "Machiavelli in Machina", in K. Deutsch (ed.), Problems
    of World Modeling: 303-338.
    """
    return _historical_map_from_connection(
        warehouse_connection(warehouse, con, "historical_map"), year, region, max_conttype
    )


def __getattr__(name):
    if name == "historical_map_from_connection":  # the old public name (deprecated): historical_map(con=...)
        return functools.partial(historical_map, warehouse=None)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _historical_map_from_connection(con, year=SYSTEM_FIRST, region="europe", max_conttype=4):
    """``historical_map`` read through an open warehouse connection (the caller keeps and closes it)."""
    from alliancelab.data.warehouse import _citations as citations

    if region not in REGIONS:
        raise ParameterError(f"argument region={region!r}: expected one of {sorted(REGIONS)}")
    ranges, _ = REGIONS[region]
    check_range("year", year, SYSTEM_FIRST, SYSTEM_LAST)
    # the toolkit's facts: system members in the year, the capital at the year's end, the closest
    # contiguity type of the year (the same rules as the panels)
    members = facts.system_members(facts.system_spells(con), year, year)["ccode"].to_numpy()
    inside = np.zeros(len(members), dtype=bool)
    for lo, hi in ranges:
        inside |= (members >= lo) & (members <= hi)
    frame = pd.DataFrame({"ccode": members[inside]})
    names = con.execute("SELECT DISTINCT ccode, stateabb FROM states").df().drop_duplicates("ccode")
    nmc = con.execute("SELECT ccode, cinc, milper FROM nmc WHERE year = ?", [year]).df()
    frame = (
        frame.merge(names, on="ccode", how="left")
        .merge(nmc, on="ccode", how="left")
        .merge(facts.capitals_at_year_end(con, year), on="ccode", how="left")
        .sort_values("ccode")
        .reset_index(drop=True)
    )
    if len(frame) < 2:
        raise ParameterError(
            f"historical map: fewer than 2 states of {region} in the system in "
            f"{year} (states table covers {facts.SYSTEM_FIRST}-{facts.SYSTEM_LAST})"
        )
    missing = frame[frame["cinc"].isna() | frame["lat"].isna()]
    if len(missing):
        raise ParameterError(
            f"historical map {region} {year}: no CINC (nmc) or capital for "
            + ", ".join(f"{r.stateabb} ({r.ccode})" for r in missing.itertuples())
        )
    lat = frame["lat"].to_numpy(float)
    lon = frame["lng"].to_numpy(float)
    # Equirectangular projection, km.
    lat0 = np.deg2rad(np.median(lat))
    x = 6371.0 * np.deg2rad(lon) * np.cos(lat0)
    y = 6371.0 * np.deg2rad(lat)
    codes = frame["ccode"].to_numpy(np.int64)
    index = {int(c): i for i, c in enumerate(codes)}
    borders = facts.contiguity_in_year(con, year)
    rows = borders.loc[borders["conttype"] <= max_conttype, ["ccode1", "ccode2"]].itertuples(index=False)
    n = len(codes)
    neighbours = np.zeros((n, n), dtype=bool)
    for a, b in rows:
        if a in index and b in index:
            neighbours[index[a], index[b]] = neighbours[index[b], index[a]] = True
    xs, ys = _rescale(x, y)
    dist = np.sqrt((xs[:, None] - xs[None, :]) ** 2 + (ys[:, None] - ys[None, :]) ** 2)
    np.fill_diagonal(dist, np.inf)
    for i in np.flatnonzero(~neighbours.any(axis=1)):
        j = int(np.argmin(dist[i]))
        neighbours[i, j] = neighbours[j, i] = True
    cinc = frame["cinc"].to_numpy(float)
    power = cinc / cinc.sum()
    milper = frame["milper"].to_numpy(float)
    mil_share = milper / np.nansum(milper)
    militarisation = np.where(np.isnan(mil_share), 1.0, mil_share / power)
    militarisation = np.clip(militarisation, 0.25, 4.0)
    return Geography(
        "historical",
        xs,
        ys,
        _edges(np.argwhere(neighbours)),
        list(frame["stateabb"]),
        ccode=codes,
        power=power,
        militarisation=militarisation,
        lon=lon,
        lat=lat,
        year=year,
        citations=tuple(citations(con, ["states", "nmc", "capitals", "contiguity"])),
    )
