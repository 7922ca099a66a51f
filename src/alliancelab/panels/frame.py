"""State-year and dyad-year panels: pandas DataFrames with chainable ``add_*`` steps.

``dyad_years(1946, 2000).add_atop().add_nmc().add_contiguity()`` reads like peacesciencer's
``create_dyadyears() |> add_atop_alliance() |> add_nmc() |> add_contiguity()``; the functional form
``add_contiguity(add_nmc(add_atop(dyad_years(1946, 2000))))`` gives the same rows.

Definitions (``alliancelab.data.facts``): a state-year is a COW state in a year in which it is a
system member (cow/states2016.csv spells; a state counts in every calendar year a spell touches). A
directed dyad-year is an ordered pair (a, b), a != b, both members on a common day of that year
(peacesciencer's rule: Germany 255 and West Germany 260 in 1990 never coexisted and form no dyad;
``coexist=False`` keeps such pairs); the non-directed form keeps a < b. Rows come sorted by year,
ccode1, ccode2, so the same call gives the same rows.

Each panel carries ``attrs["sources"]``: the citation of every source joined so far.
"""

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.errors import check_choice
from alliancelab.panels.lookup import Lookup

FIRST_YEAR, LAST_YEAR = facts.SYSTEM_FIRST, facts.SYSTEM_LAST


class Panel(pd.DataFrame):
    """A state-year or dyad-year DataFrame with the ``add_*`` steps as methods."""

    _metadata = []

    @property
    def _constructor(self):
        return Panel

    # The methods only delegate to the plain functions in alliancelab.panels.adders.
    def _step(self, name, **options):
        from alliancelab.panels import adders

        if self.attrs.get("system") == "gw":
            from alliancelab.panels.gw import through_cow

            return through_cow(self, getattr(adders, name), **options)
        return getattr(adders, name)(self, **options)

    def add_atop(self, **options):
        return self._step("add_atop", **options)

    def add_alliance_counts(self, **options):
        return self._step("add_alliance_counts", **options)

    def add_nmc(self, **options):
        return self._step("add_nmc", **options)

    def add_majors(self, **options):
        return self._step("add_majors", **options)

    def add_contiguity(self, **options):
        return self._step("add_contiguity", **options)

    def add_min_distance(self, **options):
        return self._step("add_min_distance", **options)

    def add_capital_distance(self, **options):
        return self._step("add_capital_distance", **options)

    def add_gml(self, **options):
        return self._step("add_gml", **options)

    def add_wars(self, **options):
        return self._step("add_wars", **options)

    def add_rivalry(self, **options):
        return self._step("add_rivalry", **options)

    def add_polity(self, **options):
        return self._step("add_polity", **options)

    def add_trade(self, **options):
        return self._step("add_trade", **options)

    def add_territorial_threat(self, **options):
        return self._step("add_territorial_threat", **options)

    def add_peace_years(self, **options):
        return self._step("add_peace_years", **options)

    # Steps for peacesciencer parity live in their own modules (democracy, igo, rivalry_types,
    # economy, powers, leaders, generic); they handle Gleditsch-Ward panels themselves (panels/gw.py).
    def _module_step(self, module, step_name, /, **options):
        import importlib

        return getattr(importlib.import_module(f"alliancelab.panels.{module}"), step_name)(self, **options)

    def add_democracy(self, **options):
        return self._module_step("democracy", "add_democracy", **options)

    def add_igos(self, **options):
        return self._module_step("igo", "add_igos", **options)

    def add_tss_rivalries(self, **options):
        return self._module_step("rivalry_types", "add_tss_rivalries", **options)

    def add_td_rivalry_types(self, **options):
        return self._module_step("rivalry_types", "add_td_rivalry_types", **options)

    def add_sdp_gdp(self, **options):
        return self._module_step("economy", "add_sdp_gdp", **options)

    def add_maoz_powers(self, **options):
        return self._module_step("powers", "add_maoz_powers", **options)

    def add_lead(self, **options):
        return self._module_step("leaders", "add_lead", **options)

    def add_archigos(self, **options):
        return self._module_step("leaders", "add_archigos", **options)

    def add_lags(self, columns, **options):
        return self._module_step("generic", "add_lags", columns=columns, **options)

    def add_spells(self, event, **options):
        return self._module_step("generic", "add_spells", event=event, **options)

    def filter_prd(self, **options):
        return self._module_step("generic", "filter_prd", **options)

    def print_citations(self, **options):
        from alliancelab.panels.generic import print_citations

        return print_citations(self, **options)

    def to_polars(self):
        """The panel as a Polars DataFrame (via Arrow)."""
        import polars as pl

        return pl.from_pandas(pd.DataFrame(self))

    def to_arrow(self):
        """The panel as a PyArrow Table."""
        import pyarrow as pa

        return pa.Table.from_pandas(pd.DataFrame(self), preserve_index=False)

    @property
    def sources(self):
        return list(self.attrs.get("sources", []))


def _path(warehouse):
    return None if warehouse is None else str(warehouse)


def _member_years(lookup, start, end):
    """(ccode, year) arrays of system members, sorted by year then ccode."""
    return facts.member_years(lookup.spells(), start, end)


def state_years(start=FIRST_YEAR, end=LAST_YEAR, warehouse=None, system="cow"):
    """State-years of the COW state system, start..end inclusive (columns ccode, stateabb, year).

    ``system="gw"``: the Gleditsch-Ward system instead (1816-2017; columns gwcode, stateabb, year and
    the COW code ccode, see alliancelab.panels.gw)."""
    check_choice("system", system, ("cow", "gw"))
    if system == "gw":
        from alliancelab.panels.gw import gw_state_years

        return gw_state_years(start, end, warehouse)
    facts.check_years(start, end)
    lookup = Lookup.get(warehouse)
    ccode, year = _member_years(lookup, start, end)
    panel = Panel({"ccode": ccode, "stateabb": lookup.abbreviation(ccode), "year": year})
    panel.attrs = {"unit": "state", "directed": False, "warehouse": _path(warehouse),
                   "sources": lookup.citations(["states"])}
    return panel


def dyad_years(start=FIRST_YEAR, end=LAST_YEAR, directed=True, coexist=True, warehouse=None, system="cow"):
    """Dyad-years: every ordered pair of system members (directed) or pairs with ccode1 < ccode2.

    Columns ccode1, ccode2, year. ``coexist=True`` (default) drops pairs that are members in the
    same year but never on the same day (60 directed dyad-years in 1816-2016, e.g. Germany 255 and
    West Germany 260 in 1990); ``coexist=False`` keeps them. 1816-2016 directed gives 1,912,290
    rows (1,912,350 with ``coexist=False``); peacesciencer's ~2.06 million extends the 2016
    membership to 2020.
    ``system="gw"``: pairs of Gleditsch-Ward members (columns gwcode1, gwcode2, year, ccode1, ccode2).
    """
    check_choice("system", system, ("cow", "gw"))
    if system == "gw":
        from alliancelab.panels.gw import gw_dyad_years

        return gw_dyad_years(start, end, directed, warehouse)
    facts.check_years(start, end)
    lookup = Lookup.get(warehouse)
    ccode, year = _member_years(lookup, start, end)
    bounds = np.flatnonzero(np.diff(year, prepend=-1, append=-1))
    parts1, parts2, parts_year = [], [], []
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        members = ccode[lo:hi]
        n = len(members)
        first = np.repeat(members, n)
        second = np.tile(members, n)
        keep = first < second if not directed else first != second
        parts1.append(first[keep])
        parts2.append(second[keep])
        parts_year.append(np.full(keep.sum(), year[lo], dtype=np.int64))
    ccode1, ccode2, year = np.concatenate(parts1), np.concatenate(parts2), np.concatenate(parts_year)
    if coexist:
        apart = lookup.cached(("non_coexisting",), lambda: facts.non_coexisting(lookup.spells()))
        if len(apart):
            keep = ~np.isin(facts.dyad_key(year, ccode1, ccode2),
                            facts.dyad_key(apart["year"], apart["ccode1"], apart["ccode2"]))
            ccode1, ccode2, year = ccode1[keep], ccode2[keep], year[keep]
    panel = Panel({"ccode1": ccode1, "ccode2": ccode2, "year": year})
    panel.attrs = {"unit": "dyad", "directed": bool(directed), "coexist": bool(coexist), "warehouse": _path(warehouse),
                   "sources": lookup.citations(["states"])}
    return panel
