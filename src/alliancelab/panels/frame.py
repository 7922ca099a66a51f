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

import functools
import inspect

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.errors import check_choice
from alliancelab.panels import adders, democracy, economy, generic, igo, leaders, powers, rivalry_types
from alliancelab.panels.lookup import Lookup

FIRST_YEAR, LAST_YEAR = facts.SYSTEM_FIRST, facts.SYSTEM_LAST


def _step_method(function, cow_only=False):
    """A ``Panel`` method calling ``function(panel, ...)``, with its signature and docstring (for help()).

    ``cow_only``: the step reads COW codes, so a Gleditsch-Ward panel goes through ``gw.through_cow``.
    """

    def method(self, *args, **kwargs):
        if cow_only and self.attrs.get("system") == "gw":
            from alliancelab.panels.gw import through_cow

            bound = inspect.signature(function).bind(self, *args, **kwargs)
            return through_cow(
                self,
                function,
                **{k: v for k, v in bound.arguments.items() if k != next(iter(bound.signature.parameters))},
            )
        return function(self, *args, **kwargs)

    functools.update_wrapper(method, function)
    del method.__wrapped__  # help() shows the signature below, with ``self`` for the panel
    signature = inspect.signature(function)
    parameters = list(signature.parameters.values())
    method.__signature__ = signature.replace(parameters=[parameters[0].replace(name="self")] + parameters[1:])
    method.__qualname__ = f"Panel.{function.__name__}"
    method.__doc__ = (function.__doc__ or "") + f"\n\nSame as ``{function.__module__}.{function.__name__}(panel)``."
    return method


class Panel(pd.DataFrame):
    """A state-year or dyad-year DataFrame with the ``add_*`` steps as chainable methods.

    Every method has the signature and documentation of its function (``help(Panel.add_atop)``) and
    returns a new Panel; ``dyad_years(1990, 1990).add_contiguity().filter_prd().add_threat()``.
    """

    _metadata = []

    @property
    def _constructor(self):
        return Panel

    add_atop = _step_method(adders.add_atop, cow_only=True)
    add_alliance_counts = _step_method(adders.add_alliance_counts, cow_only=True)
    add_nmc = _step_method(adders.add_nmc, cow_only=True)
    add_majors = _step_method(adders.add_majors, cow_only=True)
    add_contiguity = _step_method(adders.add_contiguity, cow_only=True)
    add_min_distance = _step_method(adders.add_min_distance, cow_only=True)
    add_capital_distance = _step_method(adders.add_capital_distance, cow_only=True)
    add_gml = _step_method(adders.add_gml, cow_only=True)
    add_wars = _step_method(adders.add_wars, cow_only=True)
    add_rivalry = _step_method(adders.add_rivalry, cow_only=True)
    add_polity = _step_method(adders.add_polity, cow_only=True)
    add_trade = _step_method(adders.add_trade, cow_only=True)
    add_territorial_threat = _step_method(adders.add_territorial_threat, cow_only=True)
    add_peace_years = _step_method(adders.add_peace_years, cow_only=True)

    # Steps for peacesciencer parity (one module per source family, and the generic steps); they
    # handle Gleditsch-Ward panels themselves (panels/gw.py).
    add_democracy = _step_method(democracy.add_democracy)
    add_igos = _step_method(igo.add_igos)
    add_tss_rivalries = _step_method(rivalry_types.add_tss_rivalries)
    add_td_rivalry_types = _step_method(rivalry_types.add_td_rivalry_types)
    add_sdp_gdp = _step_method(economy.add_sdp_gdp)
    add_maoz_powers = _step_method(powers.add_maoz_powers)
    add_lead = _step_method(leaders.add_lead)
    add_archigos = _step_method(leaders.add_archigos)
    add_lags = _step_method(generic.add_lags)
    add_spells = _step_method(generic.add_spells)
    filter_prd = _step_method(generic.filter_prd)
    print_citations = _step_method(generic.print_citations)
    cite = _step_method(generic.cite)

    def add_threat(self, weights=None, components=False, form=None, **parameters):
        """Threat of ccode2 to ccode1 for every row of a dyad-year panel (column ``threat``, in [0, 1]).

        The score is ``alliancelab.measures.threat``'s: by default the estimated form, sigmoid(b . z_ij + a)
        over the fitted features; ``form="additive"`` or ``"projected"`` combine Walt's four components
        (aggregate power, proximity, offensive power, intentions) with hand weights. Rows whose pair or
        year the sources do not cover get NaN; no row is added or dropped.

        Parameters
        ----------
        weights : dict, optional
            Component weights (hand-weighted forms) or replaced coefficients (estimated form).
        components : bool
            Also add Walt's components as ``threat_power``, ``threat_proximity``, ...
        form : str, optional
            "estimated" (default), "additive" or "projected".
        **parameters
            Component parameters of the hand-weighted forms: ``params=ThreatParams(...)``, or the older keywords
            ``half_distance_km``, ``dispute_half_life``.

        Returns
        -------
        Panel
            The panel with ``threat`` (and the components) added and the threat sources cited.

        Examples
        --------
        >>> d = dyad_years(1913, 1913).add_threat()
        >>> round(float(d.query("ccode1 == 220 and ccode2 == 255")["threat"].iloc[0]), 2) > 0
        True

        References
        ----------
        Walt, S. M. (1987), The Origins of Alliances, Cornell University Press.
        """
        from alliancelab.measures.threat import add_threat

        options = {"weights": weights, "components": components, **parameters}
        if form is not None:
            options["form"] = form
        return self._cow_step(add_threat, **options)

    def add_similarity(
        self,
        measures=("s_unweighted", "s_weighted"),
        direction=None,
        disagreement="quadratic",
        convention="alliancelab",
    ):
        """Alliance-portfolio similarity of ccode1 and ccode2 for every row of a dyad-year panel.

        Signorino & Ritter's S, S = 1 - 2 * sum_k w_k |x_k - y_k| / m / sum_k w_k (unweighted or weighted by
        CINC), and the other measures of ``alliancelab.measures.similarity`` (tau-b, kappa, pi; global and
        regional), from ATOP alliance portfolios. The measures are symmetric: a directed row (a, b) gets the
        value of the pair {a, b}. Rows outside the sources' coverage get NaN; no row is added or dropped.

        Parameters
        ----------
        measures : sequence of str
            Which measures (default S unweighted and CINC-weighted).
        direction : str, optional
            "either", "pledged" or "received" (how an alliance tie enters a portfolio).
        disagreement : str
            "quadratic" or "linear" disagreement weights of kappa / pi.
        convention : str
            "alliancelab" or a published convention of the similarity module.

        Returns
        -------
        Panel
            The panel with one column per measure and the similarity sources cited.

        Examples
        --------
        >>> d = dyad_years(1913, 1913, directed=False).add_similarity(measures=["s_unweighted"])
        >>> bool(d["s_unweighted"].between(-1, 1).all())
        True

        References
        ----------
        Signorino, C. S. and Ritter, J. M. (1999), "Tau-b or not tau-b", ISQ 43(1): 115-144.
        """
        from alliancelab.measures.similarity import add_similarity

        return self._cow_step(
            add_similarity, measures=measures, direction=direction, disagreement=disagreement, convention=convention
        )

    def _cow_step(self, function, **options):
        if self.attrs.get("system") == "gw":
            from alliancelab.panels.gw import through_cow

            return through_cow(self, function, **options)
        return function(self, **options)

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
    """State-years of the COW state system, start..end inclusive.

    Parameters
    ----------
    start, end : int, default 1816 and 2016
        First and last year (the state system's coverage).
    warehouse : path, optional
        The warehouse (default: the configured one).
    system : {"cow", "gw"}, default "cow"
        "gw": the Gleditsch-Ward system instead (1816-2017; columns gwcode, stateabb, year and the COW
        code ccode, see ``alliancelab.panels.gw``).

    Returns
    -------
    Panel
        Columns ccode, stateabb, year; the ``add_*`` steps are its methods.

    Examples
    --------
    >>> panel = state_years(1816, 1816)
    >>> len(panel), list(panel.columns)
    (23, ['ccode', 'stateabb', 'year'])

    References
    ----------
    Correlates of War Project (2017), State System Membership List, v2016.
    """
    check_choice("system", system, ("cow", "gw"))
    if system == "gw":
        from alliancelab.panels.gw import gw_state_years

        return gw_state_years(start, end, warehouse)
    facts.check_years(start, end)
    lookup = Lookup.get(warehouse)
    ccode, year = _member_years(lookup, start, end)
    panel = Panel({"ccode": ccode, "stateabb": lookup.abbreviation(ccode), "year": year})
    panel.attrs = {
        "unit": "state",
        "directed": False,
        "warehouse": _path(warehouse),
        "sources": lookup.citations(["states"]),
    }
    return panel


def dyad_years(start=FIRST_YEAR, end=LAST_YEAR, directed=True, coexist=True, warehouse=None, system="cow"):
    """Dyad-years: every ordered pair of system members (directed) or pairs with ccode1 < ccode2.

    ``coexist=True`` (default) drops pairs that are members in the same year but never on the same day
    (60 directed dyad-years in 1816-2016, e.g. Germany 255 and West Germany 260 in 1990). 1816-2016
    directed gives 1,912,290 rows (1,912,350 with ``coexist=False``); peacesciencer's ~2.06 million
    extends the 2016 membership to 2020.

    Parameters
    ----------
    start, end : int, default 1816 and 2016
        First and last year.
    directed : bool, default True
        Ordered pairs (both directions), else pairs with ccode1 < ccode2.
    coexist : bool, default True
        Drop pairs that never share a day of membership in the year.
    warehouse : path, optional
        The warehouse (default: the configured one).
    system : {"cow", "gw"}, default "cow"
        "gw": pairs of Gleditsch-Ward members (columns gwcode1, gwcode2, year, ccode1, ccode2).

    Returns
    -------
    Panel
        Columns ccode1, ccode2, year.

    Examples
    --------
    >>> len(dyad_years(1816, 1816))
    506

    References
    ----------
    Miller, S. V. (2022), "peacesciencer: An R Package for Quantitative Peace Science Research",
    Conflict Management and Peace Science 39(6): 755-779.
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
            keep = ~np.isin(
                facts.dyad_key(year, ccode1, ccode2), facts.dyad_key(apart["year"], apart["ccode1"], apart["ccode2"])
            )
            ccode1, ccode2, year = ccode1[keep], ccode2[keep], year[keep]
    panel = Panel({"ccode1": ccode1, "ccode2": ccode2, "year": year})
    panel.attrs = {
        "unit": "dyad",
        "directed": bool(directed),
        "coexist": bool(coexist),
        "warehouse": _path(warehouse),
        "sources": lookup.citations(["states"]),
    }
    return panel
