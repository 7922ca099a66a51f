"""The ``Source`` declaration and the constants the source tables share (re-exported by ``data.sources``)."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """One published source file: where it is, how to cite it, and what a valid copy looks like.

    Parameters
    ----------
    name : str
        The warehouse table name.
    path : str
        The file's path relative to the data directory.
    version : str
        The published version.
    citation : str
        How to cite it; carried by every output that uses it.
    published_at : str
        Where a user can get the file when it is missing.
    columns : dict
        Declared column -> ``(type, meaning)``; type is ``"int"``, ``"float"``, ``"str"`` or ``"date"``.
    key : tuple, default ()
        Columns that must be unique together.
    ccode_columns : tuple, default ()
        COW state-code columns, checked against the state-system list.
    known_odd_codes : dict, default {}
        Reviewed non-COW code -> why it is kept.
    year_column : str, default ""
        The column holding the year.
    coverage : tuple, default (None, None)
        First and last year the source covers.
    sentinels : dict, default {}
        Column (``"*"`` = every numeric column) -> values that mean missing.
    allow_duplicate_keys : str, default ""
        Why a non-unique key is the published structure (empty: duplicates are refused).
    bounds : dict, default {}
        Column -> ``(low, high)``: values outside are impossible.
    required : tuple or None, default None
        Columns that may not be blank (None: the key columns).
    spans : tuple, default ()
        ``(first column, last column, open value)`` triples: first <= last unless last is the open
        value.

    Examples
    --------
    >>> from alliancelab.data.sources import SOURCES
    >>> states = next(s for s in SOURCES if s.name == "states")
    >>> states.path
    'cow/states2016.csv'
    """

    name: str  # warehouse table name
    path: str  # relative to the data directory
    version: str
    citation: str
    published_at: str  # where a user can get the file when it is missing
    columns: dict  # declared column -> (type, meaning)
    key: tuple = ()  # columns that must be unique together ('' = no key)
    ccode_columns: tuple = ()  # COW state codes, checked against the state-system list
    known_odd_codes: dict = field(default_factory=dict)  # reviewed non-COW code -> why it is kept
    year_column: str = ""
    coverage: tuple = (None, None)  # first and last year the source covers
    column_coverage: dict = field(default_factory=dict)  # column -> (first, last) where it covers fewer years
    sentinels: dict = field(default_factory=dict)  # column ('*' = every numeric) -> values = missing
    allow_duplicate_keys: str = ""  # why a non-unique key is the published structure
    bounds: dict = field(default_factory=dict)  # column -> (low, high): values outside are impossible
    required: tuple | None = None  # columns that may not be blank (None = the key columns)
    year_columns: bool = False  # a wide file: one column per year of ``coverage``, each required
    spans: tuple = ()  # (first column, last column, open value): first <= last unless last == open value


ATOP_CITATION = (
    "Leeds, Ritter, Mitchell & Long 2002, 'Alliance Treaty Obligations and Provisions, 1815-1944', "
    "International Interactions 28:237-60"
)
ATOP_WHERE = "ATOP project, Rice University (atop.rice.edu), 'Data' page"
COW_WHERE = "Correlates of War Project (correlatesofwar.org), 'Data Sets' page"
OBLIGATIONS = {
    "defense": ("int", "1 if the member pledges active military support when a partner is attacked"),
    "offense": ("int", "1 if the member pledges active military support in an offensive war"),
    "neutral": ("int", "1 if the member pledges neutrality in a partner's conflict"),
    "nonagg": ("int", "1 if the member pledges not to attack its partners"),
    "consul": ("int", "1 if the member pledges to consult in a crisis"),
}


def flags(*names):
    """Bounds of 0/1 indicator columns (the files hold no other value): anything else is impossible.

    Parameters
    ----------
    *names : str
        The 0/1 indicator columns.

    Returns
    -------
    dict
        Column name -> (0, 1), the ``bounds`` of a ``Source``.
    """
    return {name: (0, 1) for name in names}
