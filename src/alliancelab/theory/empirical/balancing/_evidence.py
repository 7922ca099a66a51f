"""State and dyad arrays behind the alignment tests (``_alignment.refine``): major powers, CINC, fighting,
use of force, alliance power, military provisions. Each is built once per warehouse and cached.

References: COW majors, NMC (Singer, Bremer & Stuckey 1972) and inter-state wars; GML disputes (Gibler,
Miller & Little 2016), with the hostility levels of Jones, Bremer & Singer (1996): 3 = display of
force, 4 = use of force, 5 = war; ATOP 4.01 (Leeds et al. 2002) military provisions.
"""

import numpy as np

from alliancelab.measures.threat._membership import carry_state, represented_rows
from alliancelab.panels.adders import gml_cubes, spell_years
from alliancelab.panels.lookup import NYEARS

FORCE_LEVEL = 3  # GML hostility level from which a dispute is coercion: display of force or more
MILITARY_PROVISIONS = ("milcon", "milaid", "intcom", "base")  # ATOP: military contact, aid, command, bases


def _represented(lookup, array):
    """(year, state) ``array`` with the cells of a state the threat model represents (occupied or in exile,
    ``measures.threat.represented``) read from its nearest membership year, as the threat measure reads them."""
    return carry_state(array, represented_rows(lookup))


def _major(lookup):
    """(year, state) boolean: COW major power in the year (a represented state: in its source year)."""

    def build():
        majors = lookup.table("majors")
        rows, years = spell_years(majors["styear"], majors["endyear"])
        array = lookup.state_array(majors["ccode"].to_numpy()[rows], years, np.ones(len(rows)), fill=0, dtype=np.int8)
        return _represented(lookup, array.T.astype(bool))

    return lookup.cached("alignment_majors", build)


def _cinc(lookup):
    """(year, state) CINC (NaN outside NMC coverage; a represented state: its source year's)."""

    def build():
        t = lookup.table("nmc")
        return _represented(lookup, lookup.state_array(t["ccode"], t["year"], t["cinc"].to_numpy(np.float64)).T)

    return lookup.cached("alignment_cinc", build)


def _fought(lookup, window):
    """(year, i, j) boolean: i and j fought a COW inter-state war or were in a GML dispute (either side)
    in some year of [year - window, year]."""

    def build():
        w = lookup.table("wars")
        war = (
            lookup.dyad_cube(
                w["ccode1"], w["ccode2"], w["year"], w["cowinterongoing"].fillna(0).to_numpy(), reducer="max"
            )
            > 0
        )
        gml = gml_cubes(lookup)
        mid = (gml["mid_ongoing"] > 0) | (gml["mid_onset"] > 0)
        any_year = war | mid
        any_year = any_year | any_year.transpose(0, 2, 1)
        total = np.cumsum(any_year, axis=0, dtype=np.int32)
        padded = np.concatenate([np.zeros((1,) + total.shape[1:], dtype=np.int32), total])
        start = np.maximum(np.arange(NYEARS) - window, 0)
        return (total - padded[start]) > 0

    return lookup.cached(("alignment_fought", int(window)), build)


def _wars(lookup):
    """(year, a, b) boolean: a and b fought each other in a COW inter-state war that year (symmetric)."""

    def build():
        w = lookup.table("wars")
        war = (
            lookup.dyad_cube(
                w["ccode1"], w["ccode2"], w["year"], w["cowinterongoing"].fillna(0).to_numpy(), reducer="max"
            )
            > 0
        )
        return war | war.transpose(0, 2, 1)

    return lookup.cached("alignment_wars", build)


def _forced(lookup, window, level=FORCE_LEVEL):
    """(year, a, b) boolean: a used force against b in some year of [year - window, year]: a COW war
    between them, or a GML dispute in which a's hostility level reached ``level`` (3 = display of force).
    Directed by the level a reached, not by who initiated (the Red Army in Poland 1939 is coded as a
    dispute Poland initiated)."""

    def build():
        hostile = (gml_cubes(lookup)["mid_hostlev"] >= level) | _wars(lookup)
        total = np.cumsum(hostile, axis=0, dtype=np.int32)
        padded = np.concatenate([np.zeros((1,) + total.shape[1:], dtype=np.int32), total])
        start = np.maximum(np.arange(NYEARS) - window, 0)
        return (total - padded[start]) > 0

    return lookup.cached(("alignment_forced", int(window), int(level)), build)


def military_provisions(table):
    """Boolean per decision: the treaty has a military provision (ATOP ``MILITARY_PROVISIONS`` > 0);
    None when the table lacks the columns (the not-a-security-alignment test is then not applied)."""
    if not all(name in table.columns for name in MILITARY_PROVISIONS):
        return None
    return (table[list(MILITARY_PROVISIONS)].fillna(0).to_numpy() > 0).any(axis=1)


def stronger_side(lookup, warehouse, cinc, yi, ii, cinc_i, d, okp, ppp, cinc_p, ptpos, okpt, with_allies=False):
    """Boolean per decision: i joins the stronger side against the prize's holder (Schweller 1994): i is
    not the alliance's most capable member, and the alliance's summed CINC in y exceeds that of the prize's
    holder (``with_allies``: plus the holder's defense allies outside the alliance; off by default, because
    standing guarantees such as the 1856 Paris treaty make Britain and France Austria's "allies" in 1865)."""
    from alliancelab.theory.empirical.balancing._inputs import allied_cube

    n = len(yi)
    partners_power = np.bincount(d[okp], weights=np.nan_to_num(cinc_p[okp]), minlength=n)
    strongest = np.full(n, -np.inf)
    np.maximum.at(strongest, d[okp], np.nan_to_num(cinc_p[okp], nan=-np.inf))
    power = np.nan_to_num(cinc_i) + partners_power
    pt = np.where(okpt, ptpos, 0)
    if with_allies:
        allies = allied_cube("defense", warehouse)[yi, pt]  # (n, states): the prize holder's defense allies
    else:
        allies = np.zeros((n, cinc.shape[1]), dtype=bool)
    allies[np.arange(n), pt] = True
    inside = np.zeros_like(allies)
    inside[d[okp], ppp[okp]] = True
    inside[np.arange(n), ii] = True
    rows = np.nan_to_num(cinc[yi])  # (n, states)
    prize_side = np.sum(np.where(allies & ~inside, rows, 0.0), axis=1)
    joiner = np.nan_to_num(cinc_i, nan=-np.inf) < strongest
    return okpt & joiner & (power > prize_side)


def gains_clause(table):
    """Boolean per decision: the treaty provides for acquiring territory or dividing the gains of a war
    (ATOP ``acqterr`` = 1 or ``divgains`` = 1). ``acqterr`` = 2 marks treaties whose members renounce
    territorial gains (the Anglo-French convention of 1854, the Anglo-Soviet agreement of 1941): not gains."""
    out = np.zeros(len(table), dtype=bool)
    for name in ("acqterr", "divgains"):
        if name in table.columns:
            out |= table[name].fillna(0).to_numpy() == 1
    return out
