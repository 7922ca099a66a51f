"""Page bodies of the alliance network and of the classified alignment decisions."""

import numpy as np
import pandas as pd

from alliancelab.errors import check_choice, check_range
from alliancelab.web import pages
from alliancelab.web.pages_theory._common import ALL, FIRST_YEAR, LAST_YEAR, MAX_ROWS, _sources

# ----------------------------------------------------------------------------------------------
# Network
# ----------------------------------------------------------------------------------------------


def network_body(year, obligation, lookup):
    """Body of the network page: the alliance network of a year, its blocs and their polarisation.

    Parameters
    ----------
    year : int
        The year.
    obligation : str
        Which ties count (one of ``alliancelab.measures.network.NETWORK_OBLIGATIONS``).
    lookup : alliancelab.panels.lookup.Lookup
        The warehouse lookup (state names, cached tables, citations).

    Returns
    -------
    tuple of (markupsafe.Markup, bool)
        The page's HTML fragment, and whether it holds Plotly figures.
    """
    from alliancelab.figures import network as figures
    from alliancelab.measures import network

    check_range("year", year, FIRST_YEAR, LAST_YEAR)
    check_choice("obligation", obligation, network.NETWORK_OBLIGATIONS)
    # every year's members and ties read once per process, so moving the slider only filters
    data = lookup.cached("web_network_data", lambda: network._load_network_data(lookup.con))
    graph = network.alliance_network(year, obligation=obligation, data=data)
    blocs = network.alliance_blocs(graph)
    polarisation, _ = network.polarisation_index(blocs, {n: graph.nodes[n].get("cinc", np.nan) for n in graph})
    camps = figures.bloc_table(graph, blocs)
    parts = [
        pages.paragraph(
            f"{graph.number_of_nodes()} system members, {graph.number_of_edges()} ties "
            f"({obligation} obligation, either direction), {len(camps)} blocs of two or more "
            f"states; polarisation {polarisation:.3f} (Reynal-Querol over the blocs' CINC shares)."
        )
    ]
    if graph.number_of_edges() == 0:
        parts.append(
            pages.paragraph(
                f"No two states share a {obligation} obligation in {year}: every state is "
                "non-aligned, so there are no blocs to colour."
            )
        )
    fig = figures.network_figure(
        graph, blocs, f"Alliance network {year} ({obligation}): blocs coloured, dot size ~ CINC", as_dict=True
    )
    parts.append(pages.figure(fig, "network"))
    if camps:
        frame = pd.DataFrame(
            [
                {"bloc": f"bloc of {c['leader_abb']}", "members": c["members"], "states": c["size"], "CINC": c["cinc"]}
                for c in camps
            ]
        )
        parts += [
            pages.heading("Blocs (Louvain communities of the ties, labelled by their strongest member)"),
            pages.table(frame),
        ]
    parts.append(_sources(lookup.citations(["atop_dyads", "states", "nmc"])))
    return pages.join(*parts), True


# ----------------------------------------------------------------------------------------------
# Alignments
# ----------------------------------------------------------------------------------------------

_CLASSIFIED = {}


def classified(warehouse):
    """``balancing.classify`` with its defaults, computed once per warehouse and process.

    Parameters
    ----------
    warehouse : path or None
        The warehouse (None: the configured one).

    Returns
    -------
    pandas.DataFrame
        The classified alignment decisions.
    """
    from alliancelab.theory.empirical import balancing

    key = str(warehouse)
    if key not in _CLASSIFIED:
        _CLASSIFIED[key] = balancing.classify(warehouse=warehouse)
    return _CLASSIFIED[key]


def alignment_choices():
    """The choices of the alignments page's selectors.

    Returns
    -------
    eras, regions, labels : tuple of str
        Each starting with ``"all"``.

    Examples
    --------
    >>> eras, regions, labels = alignment_choices()
    >>> regions[:2]
    ('all', 'Africa')
    """
    from alliancelab.theory.empirical import balancing

    return (
        (ALL,) + tuple(label for _, _, label in balancing.ERAS),
        (ALL, "Africa", "Americas", "Asia", "Europe", "Middle East"),
        (ALL,) + tuple(balancing.LABELS),
    )


def alignments_body(era, region, label, state, warehouse, lookup):
    """Body of the alignments page: the classified decisions, filtered, with their label shares.

    Parameters
    ----------
    era, region, label : str
        Filters (``"all"`` for no filter; choices from ``alignment_choices``).
    state : str
        A state (code, abbreviation or name) to filter on; blank for all.
    warehouse : path or None
        The warehouse (None: the configured one).
    lookup : alliancelab.panels.lookup.Lookup
        The warehouse lookup (state names, cached tables, citations).

    Returns
    -------
    tuple of (markupsafe.Markup, bool)
        The page's HTML fragment, and whether it holds Plotly figures.
    """
    eras, regions, labels = alignment_choices()
    check_choice("era", era, eras)
    check_choice("region", region, regions)
    check_choice("label", label, labels)
    table = classified(warehouse)
    chosen = table
    if era != ALL:
        chosen = chosen[chosen["era"] == era]
    if region != ALL:
        chosen = chosen[chosen["region"] == region]
    if label != ALL:
        chosen = chosen[chosen["label"] == label]
    if state.strip():
        code = lookup.resolve(state.strip(), argument="state")
        chosen = chosen[chosen["member"] == code]
    counts = chosen["label"].value_counts().reindex(["balancing", "bandwagoning", "neither"], fill_value=0)
    parts = [
        pages.paragraph(
            f"{len(chosen):,} of {len(table):,} decisions match: "
            + ", ".join(f"{k} {v:,}" for k, v in counts.items())
            + ". A decision is a state entering an ATOP alliance; the label says whether its "
            "top threats stay outside the alliance (balancing) or are inside it "
            "(bandwagoning)."
        )
    ]
    if chosen.empty:
        parts.append(
            pages.paragraph("No decision matches these filters: try another era, region or label, or clear the state.")
        )
    else:
        shown = chosen.sort_values(["year", "atopid", "stateabb"]).head(MAX_ROWS)
        frame = pd.DataFrame(
            {
                "year": shown["year"].astype(int),
                "state": shown["stateabb"],
                "region": shown["region"],
                "ATOP id": shown["atopid"].astype(int),
                "label": shown["label"],
                "top threat": shown["jstar_abb"],
                "refers to": shown["target_abb"],
                "reason": shown["reason"],
            }
        )
        if len(chosen) > MAX_ROWS:
            parts.append(
                pages.paragraph(
                    f"The first {MAX_ROWS} by year are listed; narrow the filters or use "
                    "'alliancelab classify --out FILE' for all of them.",
                    "note",
                )
            )
        parts.append(pages.table(frame))
    parts.append(_sources(table.attrs.get("sources", [])))
    return pages.join(*parts), False
