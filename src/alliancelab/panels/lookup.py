"""Fast positional lookups from panel rows into warehouse tables.

Joining a 2-million-row dyad panel with pandas ``merge`` hashes every key. Instead we map each COW
code to a dense index (0..K-1) once, lay each source out as a dense array over (year, state) or
(year, state, state), and read the values for all panel rows with one fancy-indexing step. A
state-year array for 217 states x 210 years or a dyad cube of 217 x 217 x 210 cells fits easily in
memory and makes each join O(rows).
"""

from functools import lru_cache

import numpy as np

from alliancelab.data import facts, locate, source
from alliancelab.data import warehouse as wh
from alliancelab.data.source import connection_first, warehouse_connection  # noqa: F401  (the one helper, re-exported)
from alliancelab.errors import ParameterError

# the years every dense array covers: from the earliest to the latest year of the sources joined
YEAR0 = min(facts.coverage(name)[0] for name in ("states", "atop_dyads", "atop_members", "nmc"))
YEAR1 = max(facts.coverage(name)[1] for name in ("states", "atop_dyads", "nmc", "min_distance"))
NYEARS = YEAR1 - YEAR0 + 1


class Lookup:
    """Tables of one warehouse, read once per process, with state-code indexing helpers.

    Use ``Lookup.get(warehouse)`` to get the process's shared instance.

    Parameters
    ----------
    path : str or path
        The warehouse file.

    Examples
    --------
    >>> lookup = Lookup.get()
    >>> int(lookup.codes[0])
    2
    """

    def __init__(self, path):
        self.path = path
        self.con = source.shared_connection(path)
        states = self.con.execute("SELECT * FROM states ORDER BY ccode, styear").df()
        self._tables = {"states": states}
        codes = np.unique(states["ccode"].to_numpy())
        self.codes = codes
        self.index = np.full(1000, -1, dtype=np.int64)
        self.index[codes] = np.arange(len(codes))
        abbreviations = states.drop_duplicates("ccode").set_index("ccode")["stateabb"]
        self._abbreviation = np.array([abbreviations.get(c, "") for c in range(1000)], dtype=object)
        self._names = states.drop_duplicates("ccode").set_index("ccode")["statenme"].to_dict()
        self._cache = {}

    @staticmethod
    def get(warehouse=None):
        return _lookup_for(str(locate.warehouse_path(warehouse)))

    @property
    def size(self):
        return len(self.codes)

    def table(self, name, query=None):
        """A warehouse table (or the result of ``query``) as a pandas DataFrame, cached."""
        key = query or name
        if key not in self._tables:
            self._tables[key] = self.con.execute(query or f"SELECT * FROM {name}").df()
        return self._tables[key]

    def spells(self):
        """System-membership spells with day-level dates (``facts.system_spells``)."""
        return self.cached(("spells",), lambda: facts.system_spells(self._tables["states"]))

    def cached(self, key, build):
        """Memoise a derived array (e.g. a dyad cube) under ``key``."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def cache_keys(self):
        """The keys of the memoised arrays (to ``forget`` the ones a temporary computation added)."""
        return set(self._cache)

    def forget(self, keys):
        """Drop memoised arrays by key (e.g. threat cubes of resampled weights, to bound memory)."""
        for key in keys:
            self._cache.pop(key, None)

    def citations(self, names):
        return wh._citations(self.con, names)

    def abbreviation(self, ccode):
        return self._abbreviation[np.asarray(ccode)]

    def name(self, ccode):
        return self._names.get(int(ccode), str(ccode))

    def code_of(self, token, year=None):
        """COW code from a code, abbreviation or name ('GMY', '255', 'Germany'); None when unknown.

        ``resolve`` is the strict form (raises with "did you mean" suggestions)."""
        try:
            return self.resolve(token, year)
        except ParameterError:
            return None

    def resolve(self, value, year=None, argument="state"):
        """COW code of a code, abbreviation, name or alias (``alliancelab.data.names.resolve_state``)."""
        from alliancelab.data.names import resolve_state

        return resolve_state(value, year, warehouse=self.path, argument=argument)

    def parse_pairs(self, text, year=None, argument="pairs"):
        """'USA-RUS,France-Germany' (codes, abbreviations or names) -> [(2, 365), (220, 255)]."""
        from alliancelab.data.names import resolve_pair

        pairs = [
            resolve_pair(part, year, warehouse=self.path, argument=argument)
            for part in str(text).split(",")
            if part.strip()
        ]
        if not pairs:
            raise ParameterError(f"argument {argument}: expected at least one pair A-B, e.g. USA-RUS,FRN-GMY")
        return pairs

    def positions(self, ccode):
        """Dense index of each code; -1 for codes that are not COW states (e.g. ATOP's 8152)."""
        codes = np.asarray(ccode, dtype=np.int64)
        inside = (codes >= 0) & (codes < len(self.index))
        return np.where(inside, self.index[np.clip(codes, 0, len(self.index) - 1)], -1)

    # --- dense layouts ---------------------------------------------------------------------
    def state_array(self, ccode, year, values, fill=np.nan, dtype=np.float64):
        """Dense (state, year) array with ``values`` placed at (ccode, year); other cells ``fill``."""
        out = np.full((self.size, NYEARS), fill, dtype=dtype)
        idx = self.positions(ccode)
        yr = np.asarray(year) - YEAR0
        ok = (idx >= 0) & (yr >= 0) & (yr < NYEARS)
        out[idx[ok], yr[ok]] = np.asarray(values)[ok]
        return out

    def dyad_cube(self, ccode1, ccode2, year, values, fill=0, dtype=np.int8, reducer=None):
        """Dense (year, state1, state2) cube; ``reducer`` ('max'/'min') resolves repeated cells."""
        out = np.full((NYEARS, self.size, self.size), fill, dtype=dtype)
        i = self.positions(ccode1)
        j = self.positions(ccode2)
        yr = np.asarray(year) - YEAR0
        ok = (i >= 0) & (j >= 0) & (yr >= 0) & (yr < NYEARS)
        vals = np.asarray(values)[ok].astype(dtype)
        if reducer == "max":
            np.maximum.at(out, (yr[ok], i[ok], j[ok]), vals)
        elif reducer == "min":
            np.minimum.at(out, (yr[ok], i[ok], j[ok]), vals)
        else:
            out[yr[ok], i[ok], j[ok]] = vals
        return out

    def _dense(self, ccode, argument):
        """Dense index of each code; ParameterError naming the first code that is not a COW state."""
        codes = np.asarray(ccode)
        if codes.size == 0:
            return codes.astype(np.int64)
        inside = (codes.min() >= 0) and (codes.max() < len(self.index))
        if inside:
            dense = self.index[codes]
            if dense.min() >= 0:
                return dense
        flat = codes.ravel()
        known = (flat >= 0) & (flat < len(self.index))
        known[known] = self.index[flat[known]] >= 0
        bad = flat[np.flatnonzero(~known)[0]]
        raise ParameterError(
            f"argument {argument}: code {int(bad)} is not a state of the COW list (states table of {self.path})"
        )

    @staticmethod
    def _year_offsets(year):
        offsets = np.asarray(year) - YEAR0
        if offsets.size and (offsets.min() < 0 or offsets.max() >= NYEARS):
            flat = offsets.ravel()
            bad = flat[(flat < 0) | (flat >= NYEARS)][0] + YEAR0
            raise ParameterError(
                f"argument year: {int(bad)} is outside the years the arrays cover ({YEAR0}-{YEAR0 + NYEARS - 1})"
            )
        return offsets

    def state_positions(self, ccode, year):
        """Flat positions of panel rows in a (state, year) array.

        Raises ParameterError for a code outside the COW state list or a year outside YEAR0..YEAR1
        (either would otherwise address another state's or year's cell).
        """
        return self._dense(ccode, "ccode") * NYEARS + self._year_offsets(year)

    def dyad_positions(self, ccode1, ccode2, year):
        """Flat positions of panel rows in a (year, state1, state2) cube (same checks as ``state_positions``)."""
        k = self.size
        return (self._year_offsets(year) * k + self._dense(ccode1, "ccode1")) * k + self._dense(ccode2, "ccode2")

    def read_state(self, array, ccode, year, positions=None):
        """Values of a (state, year) array for panel rows; pass ``positions`` to reuse them."""
        if positions is None:
            positions = self.state_positions(ccode, year)
        return array.ravel().take(positions)

    def read_dyad(self, cube, ccode1, ccode2, year, positions=None):
        """Values of a (year, state1, state2) cube for panel rows; pass ``positions`` to reuse them."""
        if positions is None:
            positions = self.dyad_positions(ccode1, ccode2, year)
        return cube.ravel().take(positions)


@lru_cache(maxsize=4)
def _lookup_for(path):
    return Lookup(path)


def clear_cache():
    """Forget every loaded warehouse and its cached connection (after a rebuild, or in tests)."""
    _lookup_for.cache_clear()
    source.clear_connections()
