"""What each published source file is, and what a valid copy of it looks like.

One ``Source`` per file listed in the data folder's ``MANIFEST.md``. The warehouse builder reads this
table and nothing else, so adding a source means adding one entry here (and, if it needs one, a
reshaping step in ``warehouse.py``).

Column types: ``int`` (BIGINT), ``float`` (DOUBLE), ``str`` (VARCHAR), ``date`` (DATE). Columns a
file has beyond the declared ones are kept, typed automatically (integer, else double, else text).

The declarations live in private modules by family, all re-exported here: ``_source_spec`` (the
``Source`` dataclass and shared constants), ``_sources_core`` (COW, ATOP and the other core files) and
``_sources_peacesciencer`` (the files exported from the peacesciencer R package).
"""

from alliancelab.data._source_spec import (  # noqa: F401  (re-exported)
    ATOP_CITATION,
    ATOP_WHERE,
    COW_WHERE,
    OBLIGATIONS,
    Source,
    flags,
)
from alliancelab.data._sources_core import CORE
from alliancelab.data._sources_peacesciencer import (  # noqa: F401  (re-exported)
    IGO_CITATION,
    OBSID,
    PEACESCIENCER,
    PEACESCIENCER_WHERE,
    SDP_NON_COW,
)

SOURCES = CORE + PEACESCIENCER
SOURCES_BY_NAME = {s.name: s for s in SOURCES}

# Polity IV country codes that differ from COW's, audited state by state against cow/states2016.csv
# (code, abbreviation and name of every Polity unit; docs/data_and_panels.md lists the result).
# (Polity code, Polity abbreviation, first year, last year, COW code, why); None = no year bound.
# A Polity row is read as the COW code of the entry whose years contain it.
POLITY_CROSSWALK = (
    (305, "AUS", None, 1918, 300, "Polity's one Austria series covers Austria-Hungary (COW 300) to 1918"),
    (305, "AUS", 1919, None, 305, "Austria (COW 305) from 1919"),
    (324, "SAR", None, None, 325, "Sardinia, the core of Italy (COW 325)"),
    (342, "SER", None, None, 345, "Serbia after 2006: COW keeps 345"),
    (347, "YGS", None, None, 345, "Yugoslavia (Serbia and Montenegro) 1991-2006: COW 345"),
    (348, "MNT", None, None, 341, "Montenegro: COW 341"),
    (341, "KOS", None, None, 347, "Kosovo: COW 347"),
    (364, "USR", None, None, 365, "USSR: COW 365 (Russia)"),
    (525, "SSU", None, None, 626, "South Sudan: COW 626"),
    (529, "ETI", None, None, 530, "Ethiopia after Eritrea's secession (1993-): COW 530"),
    (626, "SDN", None, None, 625, "Sudan after South Sudan's secession (2011-): COW 625"),
    (769, "PKS", None, None, 770, "Pakistan before 1971: COW 770"),
    (818, "VIE", None, None, 816, "unified Vietnam (1976-): COW 816"),
)
# Polity units with no COW state: their rows are kept in the polity table and never joined.
POLITY_WITHOUT_COW = {
    89: "United Provinces of Central America 1824-38",
    99: "Gran Colombia 1821-32",
    564: "Orange Free State",
}
# Same code in both lists, different abbreviation (no mapping needed).
POLITY_ABBREVIATION_ONLY = {360: ("RUM", "ROM"), 437: ("IVO", "CDI"), 490: ("ZAI", "DRC"), 950: ("FJI", "FIJ")}

__all__ = [
    "Source",
    "flags",
    "ATOP_CITATION",
    "ATOP_WHERE",
    "COW_WHERE",
    "OBLIGATIONS",
    "CORE",
    "PEACESCIENCER",
    "IGO_CITATION",
    "OBSID",
    "PEACESCIENCER_WHERE",
    "SDP_NON_COW",
    "SOURCES",
    "SOURCES_BY_NAME",
    "POLITY_CROSSWALK",
    "POLITY_WITHOUT_COW",
    "POLITY_ABBREVIATION_ONLY",
]
