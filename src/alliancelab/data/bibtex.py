"""BibTeX entries for every source in the warehouse (see ``sources.SOURCES``).

``BIBTEX`` maps a BibTeX key to its entry; ``SOURCE_KEYS`` maps each warehouse table to the keys a
user must cite when an output used it. A source without an entry here is cited as an ``@misc``
built from its ``citation`` text (``entries_for``), so a new source is never silently uncited.
"""

BIBTEX = {
    "cow2017states": """@misc{cow2017states,
  author = {{Correlates of War Project}},
  title = {State System Membership List, v2016},
  year = {2017},
  howpublished = {\\url{https://correlatesofwar.org}}
}""",
    "singer1972capability": """@incollection{singer1972capability,
  author = {Singer, J. David and Bremer, Stuart and Stuckey, John},
  title = {Capability Distribution, Uncertainty, and Major Power War, 1820-1965},
  booktitle = {Peace, War, and Numbers},
  editor = {Russett, Bruce},
  publisher = {Sage},
  address = {Beverly Hills},
  year = {1972},
  pages = {19--48}
}""",
    "singer1987reconstructing": """@article{singer1987reconstructing,
  author = {Singer, J. David},
  title = {Reconstructing the Correlates of War Dataset on Material Capabilities of States, 1816-1985},
  journal = {International Interactions},
  volume = {14},
  number = {2},
  pages = {115--132},
  year = {1987}
}""",
    "stinnett2002contiguity": """@article{stinnett2002contiguity,
  author = {Stinnett, Douglas M. and Tir, Jaroslav and Schafer, Philip and Diehl, Paul F. and Gochman, Charles},
  title = {The Correlates of War Project Direct Contiguity Data, Version 3},
  journal = {Conflict Management and Peace Science},
  volume = {19},
  number = {2},
  pages = {59--67},
  year = {2002}
}""",
    "sarkees2010resort": """@book{sarkees2010resort,
  author = {Sarkees, Meredith Reid and Wayman, Frank Whelon},
  title = {Resort to War: 1816-2007},
  publisher = {CQ Press},
  address = {Washington, DC},
  year = {2010}
}""",
    "barbieri2009trading": """@article{barbieri2009trading,
  author = {Barbieri, Katherine and Keshk, Omar M. G. and Pollins, Brian M.},
  title = {Trading Data: Evaluating our Assumptions and Coding Rules},
  journal = {Conflict Management and Peace Science},
  volume = {26},
  number = {5},
  pages = {471--491},
  year = {2009}
}""",
    "leeds2002atop": """@article{leeds2002atop,
  author = {Leeds, Brett Ashley and Ritter, Jeffrey M. and Mitchell, Sara McLaughlin and Long, Andrew G.},
  title = {Alliance Treaty Obligations and Provisions, 1815-1944},
  journal = {International Interactions},
  volume = {28},
  number = {3},
  pages = {237--260},
  year = {2002}
}""",
    "gibler2016mid": """@article{gibler2016mid,
  author = {Gibler, Douglas M. and Miller, Steven V. and Little, Erin K.},
  title = {An Analysis of the Militarized Interstate Dispute (MID) Dataset, 1816-2001},
  journal = {International Studies Quarterly},
  volume = {60},
  number = {4},
  pages = {719--730},
  year = {2016}
}""",
    "miller2022peacesciencer": """@article{miller2022peacesciencer,
  author = {Miller, Steven V.},
  title = {peacesciencer: An R Package for Quantitative Peace Science Research},
  journal = {Conflict Management and Peace Science},
  volume = {39},
  year = {2022}
}""",
    "schvitz2022cshapes": """@article{schvitz2022cshapes,
  author = {Schvitz, Guy and Girardin, Luc and R{\\"u}egger, Seraina and Weidmann, Nils B. and Cederman, Lars-Erik
            and Gleditsch, Kristian Skrede},
  title = {Mapping the International System, 1886-2019: The CShapes 2.0 Dataset},
  journal = {Journal of Conflict Resolution},
  volume = {66},
  number = {1},
  pages = {144--161},
  year = {2022}
}""",
    "thompson2012handbook": """@book{thompson2012handbook,
  author = {Thompson, William R. and Dreyer, David R.},
  title = {Handbook of International Rivalries, 1494-2010},
  publisher = {CQ Press},
  address = {Washington, DC},
  year = {2012}
}""",
    "marshall2016polity": """@manual{marshall2016polity,
  author = {Marshall, Monty G. and Gurr, Ted Robert and Jaggers, Keith},
  title = {Polity IV Project: Political Regime Characteristics and Transitions, 1800-2015. Dataset Users' Manual},
  organization = {Center for Systemic Peace},
  year = {2016}
}""",
    "marshall2017polity": """@manual{marshall2017polity,
  author = {Marshall, Monty G. and Gurr, Ted Robert and Jaggers, Keith},
  title = {Polity IV Project: Political Regime Characteristics and Transitions, 1800-2017. Dataset Users' Manual},
  organization = {Center for Systemic Peace},
  year = {2017}
}""",
    "sipri2019milex": """@misc{sipri2019milex,
  author = {{Stockholm International Peace Research Institute}},
  title = {SIPRI Military Expenditure Database},
  year = {2019},
  howpublished = {\\url{https://www.sipri.org/databases/milex}}
}""",
    "bolt2018maddison": """@techreport{bolt2018maddison,
  author = {Bolt, Jutta and Inklaar, Robert and de Jong, Herman and van Zanden, Jan Luiten},
  title = {Rebasing `Maddison': New Income Comparisons and the Shape of Long-Run Economic Development},
  institution = {Groningen Growth and Development Centre},
  type = {GGDC Research Memorandum},
  number = {174},
  year = {2018}
}""",
    "coppedge2020vdem": """@misc{coppedge2020vdem,
  author = {Coppedge, Michael and Gerring, John and Knutsen, Carl Henrik and Lindberg, Staffan I. and others},
  title = {V-Dem Dataset v10},
  howpublished = {Varieties of Democracy (V-Dem) Project},
  year = {2020}
}""",
    "marquez2016uds": """@misc{marquez2016uds,
  author = {M{\\'a}rquez, Xavier},
  title = {A Quick Method for Extending the Unified Democracy Scores},
  howpublished = {SSRN working paper 2753830},
  year = {2016}
}""",
    "pemstein2010democratic": """@article{pemstein2010democratic,
  author = {Pemstein, Daniel and Meserve, Stephen A. and Melton, James},
  title = {Democratic Compromise: A Latent Variable Analysis of Ten Measures of Regime Type},
  journal = {Political Analysis},
  volume = {18},
  number = {4},
  pages = {426--449},
  year = {2010}
}""",
    "pevehouse2020igo": """@article{pevehouse2020igo,
  author = {Pevehouse, Jon C. W. and Nordstrom, Timothy and McManus, Roseanne W. and Jamison, Anne Spencer},
  title = {Tracking Organizations in the World: The Correlates of War IGO Version 3.0 Datasets},
  journal = {Journal of Peace Research},
  volume = {57},
  number = {3},
  pages = {492--503},
  year = {2020}
}""",
    "wallace1970igo": """@article{wallace1970igo,
  author = {Wallace, Michael and Singer, J. David},
  title = {Intergovernmental Organization in the Global System, 1815-1964: A Quantitative Description},
  journal = {International Organization},
  volume = {24},
  number = {2},
  pages = {239--287},
  year = {1970}
}""",
    "thompson2021strategic": """@book{thompson2021strategic,
  author = {Thompson, William R. and Sakuwa, Kentaro and Suhas, Prashant Hosur},
  title = {Analyzing Strategic Rivalries in World Politics: Types of Rivalry, Regional Variation, and
           Escalation/De-escalation},
  publisher = {Springer},
  address = {Singapore},
  year = {2021}
}""",
    "anders2020bread": """@article{anders2020bread,
  author = {Anders, Therese and Fariss, Christopher J. and Markowitz, Jonathan N.},
  title = {Bread Before Guns or Butter: Introducing Surplus Domestic Product (SDP)},
  journal = {International Studies Quarterly},
  volume = {64},
  number = {2},
  pages = {392--405},
  year = {2020}
}""",
    "maoz2010networks": """@book{maoz2010networks,
  author = {Maoz, Zeev},
  title = {Networks of Nations: The Evolution, Structure, and Impact of International Networks, 1816-2001},
  publisher = {Cambridge University Press},
  address = {Cambridge},
  year = {2010}
}""",
    "gleditsch1999revised": """@article{gleditsch1999revised,
  author = {Gleditsch, Kristian S. and Ward, Michael D.},
  title = {A Revised List of Independent States since the Congress of Vienna},
  journal = {International Interactions},
  volume = {25},
  number = {4},
  pages = {393--413},
  year = {1999}
}""",
    "goemans2009archigos": """@article{goemans2009archigos,
  author = {Goemans, Henk E. and Gleditsch, Kristian Skrede and Chiozza, Giacomo},
  title = {Introducing Archigos: A Dataset of Political Leaders},
  journal = {Journal of Peace Research},
  volume = {46},
  number = {2},
  pages = {269--283},
  year = {2009}
}""",
    "ellis2015lead": """@article{ellis2015lead,
  author = {Ellis, Cali Mortenson and Horowitz, Michael C. and Stam, Allan C.},
  title = {Introducing the LEAD Data Set},
  journal = {International Interactions},
  volume = {41},
  number = {4},
  pages = {718--741},
  year = {2015}
}""",
}

SOURCE_KEYS = {
    "states": ["cow2017states"],
    "majors": ["cow2017states"],
    "nmc": ["singer1972capability", "singer1987reconstructing"],
    "contiguity": ["stinnett2002contiguity"],
    "wars": ["sarkees2010resort"],
    "trade": ["barbieri2009trading"],
    "atop_members": ["leeds2002atop"],
    "atop_alliances": ["leeds2002atop"],
    "atop_dyads": ["leeds2002atop"],
    "gml_dyads": ["gibler2016mid"],
    "gml_disputes": ["gibler2016mid"],
    "gml_participants": ["gibler2016mid"],
    "capitals": ["miller2022peacesciencer"],
    "min_distance": ["schvitz2022cshapes"],
    "rivalries": ["thompson2012handbook"],
    "territorial_threat": ["miller2022peacesciencer"],
    "polity": ["marshall2016polity"],
    "sipri_milex": ["sipri2019milex"],
    "maddison": ["bolt2018maddison"],
    "democracy": ["coppedge2020vdem", "marshall2017polity", "marquez2016uds", "pemstein2010democratic"],
    "igo_dyads": ["pevehouse2020igo", "wallace1970igo"],
    "igo_states": ["pevehouse2020igo", "wallace1970igo"],
    "tss_rivalries": ["thompson2021strategic"],
    "sdp_gdp": ["anders2020bread"],
    "maoz_powers": ["maoz2010networks"],
    "gw_states": ["gleditsch1999revised"],
    "cow_gw_years": ["miller2022peacesciencer", "gleditsch1999revised", "cow2017states"],
    "archigos": ["goemans2009archigos"],
    "lead": ["ellis2015lead"],
}


def _misc(name, citation):
    text = citation.replace("{", "").replace("}", "")
    return f"@misc{{{name},\n  note = {{{text}}}\n}}"


def entries_for(names):
    """BibTeX text citing every named source once (entries in first-use order).

    Parameters
    ----------
    names : iterable of str
        Warehouse table names (``Source.name``), e.g. ``["atop_dyads", "nmc"]``.

    Returns
    -------
    str
        The BibTeX entries, separated by blank lines; a source without a curated entry gets an
        ``@misc`` entry with its citation.

    Examples
    --------
    >>> entries_for(["nmc"]).startswith("@")
    True
    """
    from alliancelab.data.sources import SOURCES_BY_NAME

    keys, blocks = [], []
    for name in names:
        for key in SOURCE_KEYS.get(name, []):
            if key not in keys:
                keys.append(key)
                blocks.append(BIBTEX[key])
        if name not in SOURCE_KEYS and name in SOURCES_BY_NAME and name not in keys:
            keys.append(name)
            blocks.append(_misc(name, SOURCES_BY_NAME[name].citation))
    return "\n\n".join(blocks)
