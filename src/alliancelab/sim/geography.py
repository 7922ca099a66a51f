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

from dataclasses import dataclass

import numpy as np

from alliancelab.errors import ParameterError

REGIONS = {
    # COW code ranges of the region; Europe also takes the Ottoman Empire / Turkey (640), a
    # member of the European great-power system throughout the nineteenth century.
    "europe": (((200, 399), (640, 640)), "Europe (COW 200-399) and the Ottoman Empire (640)"),
    "americas": (((2, 165),), "the Americas (COW 2-165)"),
}


@dataclass
class Geography:
    """Capitals (``x``, ``y``, rescaled), ``neighbours`` (bool n x n, symmetric) and labels.

    ``power`` and ``militarisation`` are set for historical maps (None otherwise); ``lon``/``lat``
    keep the real coordinates of historical capitals for plotting.
    """

    kind: str
    x: np.ndarray
    y: np.ndarray
    neighbours: np.ndarray
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

    def distances(self):
        dx = self.x[:, None] - self.x[None, :]
        dy = self.y[:, None] - self.y[None, :]
        return np.sqrt(dx * dx + dy * dy)


def _rescale(x, y):
    """Divide coordinates by the median nearest-neighbour distance."""
    if len(x) < 2:
        return x.astype(float), y.astype(float)
    d = np.sqrt((x[:, None] - x[None, :]) ** 2 + (y[:, None] - y[None, :]) ** 2)
    np.fill_diagonal(d, np.inf)
    scale = float(np.median(d.min(axis=1)))
    if scale <= 0:
        scale = 1.0
    return x / scale, y / scale


def grid_map(n):
    """n states on a lattice with rook neighbours."""
    side = int(np.ceil(np.sqrt(n)))
    index = np.arange(n)
    row, col = index // side, index % side
    same_row = (row[:, None] == row[None, :]) & (np.abs(col[:, None] - col[None, :]) == 1)
    same_col = (col[:, None] == col[None, :]) & (np.abs(row[:, None] - row[None, :]) == 1)
    x, y = _rescale(col.astype(float), row.astype(float))
    return Geography("grid", x, y, same_row | same_col, [f"S{i}" for i in range(n)])


def planar_map(n, rng):
    """n capitals uniform in a square of side sqrt(n); Delaunay neighbours."""
    from scipy.spatial import Delaunay

    side = np.sqrt(n)
    x = rng.random(n) * side
    y = rng.random(n) * side
    neighbours = np.zeros((n, n), dtype=bool)
    if n >= 3:
        tri = Delaunay(np.column_stack([x, y]))
        for simplex in tri.simplices:
            for a in range(3):
                for b in range(a + 1, 3):
                    i, j = simplex[a], simplex[b]
                    neighbours[i, j] = neighbours[j, i] = True
    elif n == 2:
        neighbours[0, 1] = neighbours[1, 0] = True
    x, y = _rescale(x, y)
    return Geography("planar", x, y, neighbours, [f"S{i}" for i in range(n)])


def historical_map(con, year=1816, region="europe", max_conttype=4):
    """The real system of ``region`` in ``year``: capitals, CINC and COW contiguity.

    Initial power is each state's CINC share within the region. Militarisation (the offensive
    share of power used in threat perception) is the state's share of the region's military
    personnel over its CINC share, clipped to [0.25, 4]; 1 where ``milper`` is missing.
    """
    from alliancelab.data.warehouse import citations

    if region not in REGIONS:
        raise ParameterError(f"argument region={region!r}: expected one of {sorted(REGIONS)}")
    ranges, _ = REGIONS[region]
    where = " OR ".join(f"s.ccode BETWEEN {lo} AND {hi}" for lo, hi in ranges)
    frame = con.execute(f"""
        SELECT s.ccode, s.stateabb, n.cinc, n.milper, c.lat, c.lng
        FROM states s
        LEFT JOIN nmc n ON n.ccode = s.ccode AND n.year = ?
        LEFT JOIN capitals c ON c.ccode = s.ccode AND make_date(?, 7, 1) BETWEEN c.stdate AND c.enddate
        WHERE ? BETWEEN s.styear AND s.endyear AND ({where})
        ORDER BY s.ccode""", [year, year, year]).df()
    frame = frame.drop_duplicates("ccode")
    if len(frame) < 2:
        raise ParameterError(f"historical map: fewer than 2 states of {region} in the system in "
                             f"{year} (states table covers 1816-2016)")
    missing = frame[frame["cinc"].isna() | frame["lat"].isna()]
    if len(missing):
        raise ParameterError(
            f"historical map {region} {year}: no CINC (nmc) or capital for "
            + ", ".join(f"{r.stateabb} ({r.ccode})" for r in missing.itertuples()))
    lat = frame["lat"].to_numpy(float)
    lon = frame["lng"].to_numpy(float)
    # Equirectangular projection, km.
    lat0 = np.deg2rad(np.median(lat))
    x = 6371.0 * np.deg2rad(lon) * np.cos(lat0)
    y = 6371.0 * np.deg2rad(lat)
    codes = frame["ccode"].to_numpy(np.int64)
    index = {int(c): i for i, c in enumerate(codes)}
    rows = con.execute("""
        SELECT ccode1, ccode2 FROM contiguity
        WHERE conttype <= ? AND make_date(?, 7, 1) BETWEEN stdate AND enddate""",
                       [max_conttype, year]).fetchall()
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
    return Geography("historical", xs, ys, neighbours, list(frame["stateabb"]), ccode=codes,
                     power=power, militarisation=militarisation, lon=lon, lat=lat, year=year,
                     citations=tuple(citations(con, ["states", "nmc", "capitals", "contiguity"])))
