"""State-level steps: capabilities (NMC), major-power status, system membership, regimes, trade, territory."""

import numpy as np

from alliancelab.data import facts
from alliancelab.data.facts import spell_years
from alliancelab.errors import check_choice
from alliancelab.panels.adders._common import (
    _outside,
    _state_values,
    nullable_int,
    panel_lookup,
    panel_sides,
    with_columns,
)
from alliancelab.panels.lookup import NYEARS, YEAR0

NMC_COLUMNS = ("milex", "milper", "irst", "pec", "tpop", "upop", "cinc")


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
