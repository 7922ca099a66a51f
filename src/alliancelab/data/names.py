"""One resolver from what a user types to a COW state code: ``resolve_state("Germany", 1970) == 260``.

Accepted: a COW code (``255`` or ``"255"``), a COW abbreviation (``"GMY"``, any case), the COW state
name (``"German Federal Republic"``, any case, accents and punctuation ignored) or a common English
alias (``"UK"``, ``"Britain"``, ``"United States"``, ``"Soviet Union"``, ``"West Germany"``, ...).

The year decides between the codes one name has had (COW, states2016):

* Germany: 255 (1816-1945, from October 1990); West Germany 260 (1955-1990); East Germany 265;
* Yemen: North Yemen (Yemen Arab Republic) 678 to 1990, unified Yemen 679 from 1990; South Yemen 680;
* Vietnam: 816 (the Democratic Republic, North Vietnam, and unified Vietnam); South Vietnam 817;
* Russia / USSR / Soviet Union: one code, 365; Yugoslavia / Serbia (and Montenegro): one code, 345.

A code or name of such a group given with a year in which that state is not a system member
resolves to the group's member that year (``resolve_state(255, 1970) == 260``,
``resolve_state("Yemen", 1980) == 678``); in a year both exist (1990) the later state wins.
Unknown input raises ``ParameterError`` naming the argument, with "did you mean" suggestions
(closest names by ``difflib``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from alliancelab.errors import ParameterError

# Codes that one name has covered over time, in order of preference when several exist in a year.
GROUPS = ((255, 260), (679, 678))

# Common English aliases (normalised as by ``normalise``) -> COW codes, the first preferred.
ALIASES = {
    "us": (2,),
    "usa": (2,),
    "united states": (2,),
    "america": (2,),
    "united states of america": (2,),
    "uk": (200,),
    "britain": (200,),
    "great britain": (200,),
    "england": (200,),
    "united kingdom": (200,),
    "soviet union": (365,),
    "ussr": (365,),
    "russian federation": (365,),
    "germany": (255, 260),
    "prussia": (255,),
    "deu": (255, 260),
    "west germany": (260,),
    "frg": (260,),
    "brd": (260,),
    "federal republic of germany": (260,),
    "east germany": (265,),
    "ddr": (265,),
    "serbia": (345,),
    "serbia and montenegro": (345,),
    "vietnam": (816,),
    "viet nam": (816,),
    "north vietnam": (816,),
    "south vietnam": (817,),
    "yemen": (679, 678),
    "north yemen": (678,),
    "south yemen": (680,),
    "czechia": (316,),
    "czech republic": (316,),
    "north korea": (731,),
    "dprk": (731,),
    "south korea": (732,),
    "republic of korea": (732,),
    "korea south": (732,),
    "korea north": (731,),
    "prc": (710,),
    "peoples republic of china": (710,),
    "roc": (713,),
    "persia": (630,),
    "ottoman empire": (640,),
    "turkiye": (640,),
    "siam": (800,),
    "burma": (775,),
    "ceylon": (780,),
    "kampuchea": (811,),
    "zaire": (490,),
    "dr congo": (490,),
    "congo kinshasa": (490,),
    "congo brazzaville": (484,),
    "republic of the congo": (484,),
    "cote divoire": (437,),
    "eswatini": (572,),
    "north macedonia": (343,),
    "timor leste": (860,),
    "holland": (210,),
    "upper volta": (439,),
    "dahomey": (434,),
    "rhodesia": (552,),
    "bosnia": (346,),
    "cabo verde": (402,),
    "micronesia": (987,),
    "sardinia": (325,),
    "piedmont": (325,),
    "austria hungary": (300,),
    "habsburg empire": (300,),
    "uae": (696,),
    "saint lucia": (56,),
    "saint kitts and nevis": (60,),
    "saint vincent and the grenadines": (57,),
    "antigua and barbuda": (58,),
    "wurttemberg": (271,),
}


def normalise(text):
    """The form names are compared in: lower case, accents dropped, '&' read as 'and', punctuation
    removed, spaces collapsed, a leading "the" dropped.

    Parameters
    ----------
    text : str
        A state name, abbreviation or alias as typed.

    Returns
    -------
    str
        The normalised text.

    Examples
    --------
    >>> normalise("  The Côte d'Ivoire ")
    'cote divoire'
    """
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii").lower()
    text = text.replace("&", " and ").replace("'", "").replace("’", "")
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


@dataclass
class StateNames:
    """COW states of one warehouse: spells, abbreviations, names and the alias index.

    Parameters
    ----------
    spells : dict
        COW code -> list of (first year, last year) system-membership spells.
    abbreviation : dict
        COW code -> COW abbreviation ("GMY").
    name : dict
        COW code -> COW state name ("Germany").
    keys : dict
        Normalised name, abbreviation or alias -> the COW codes it may mean, in order of preference.
    """

    spells: dict = field(default_factory=dict)  # ccode -> [(styear, endyear), ...]
    abbreviation: dict = field(default_factory=dict)  # ccode -> "GMY"
    name: dict = field(default_factory=dict)  # ccode -> "Germany"
    keys: dict = field(default_factory=dict)  # normalised text -> (ccode, ...)

    @classmethod
    def from_rows(cls, rows):
        """Build from (ccode, stateabb, statenme, styear, endyear) rows of the COW states table."""
        out = cls()
        for ccode, abb, name, first, last in rows:
            ccode = int(ccode)
            out.spells.setdefault(ccode, []).append((int(first), int(last)))
            out.abbreviation.setdefault(ccode, str(abb))
            out.name.setdefault(ccode, str(name))
        for ccode in out.spells:  # names first, abbreviations override (GMY must be 255)
            out.keys.setdefault(normalise(out.name[ccode]), (ccode,))
        for alias, codes in ALIASES.items():
            if all(c in out.spells for c in codes):
                out.keys[alias] = codes
        for ccode in out.spells:
            out.keys[normalise(out.abbreviation[ccode])] = (ccode,)
        return out

    def member(self, ccode, year):
        return any(first <= year <= last for first, last in self.spells.get(ccode, ()))

    def label(self, ccode):
        """'Germany (GMY, 255)'."""
        return f"{self.name.get(ccode, ccode)} ({self.abbreviation.get(ccode, '?')}, {ccode})"

    def candidates(self, value):
        """Codes ``value`` may mean, in order of preference (empty when unknown)."""
        if isinstance(value, bool):
            return ()
        if isinstance(value, (int,)) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "iu"):
            codes = (int(value),)
        else:
            text = str(value).strip()
            if re.fullmatch(r"\d{1,4}(\.0)?", text):
                codes = (int(float(text)),)
            else:
                codes = self.keys.get(normalise(text), ())
        if not codes or codes[0] not in self.spells:
            return ()
        if len(codes) > 1:
            return codes
        code = codes[0]
        for group in GROUPS:
            if code in group:
                return (code,) + tuple(c for c in group if c != code)
        return codes

    def suggestions(self, value, n=3):
        """Closest known names or abbreviations, as labels ('Germany (GMY, 255)')."""
        text = normalise(value)
        if not text:
            return []
        close = difflib.get_close_matches(text, list(self.keys), n=n * 3, cutoff=0.6)
        seen, out = set(), []
        for key in close:
            code = self.keys[key][0]
            if code not in seen:
                seen.add(code)
                out.append(self.label(code))
        return out[:n]


@lru_cache(maxsize=4)
def _names_at(path):
    import duckdb

    with duckdb.connect(path, read_only=True) as con:
        return _from_con(con)


def _from_con(con):
    rows = con.execute("SELECT ccode, stateabb, statenme, styear, endyear FROM states ORDER BY ccode, styear")
    return StateNames.from_rows(rows.fetchall())


def state_names(warehouse=None, con=None):
    """The ``StateNames`` of a warehouse (read once per warehouse path) or of an open connection.

    Parameters
    ----------
    warehouse : str or pathlib.Path, optional
        The warehouse file (default: the configured one).
    con : duckdb connection, optional
        Read the COW states table through this connection instead.

    Returns
    -------
    StateNames
        Spells, abbreviations, names and aliases of every COW state.

    References
    ----------
    Correlates of War Project (2017), "State System Membership List, v2016".
    """
    if con is not None:
        return _from_con(con)
    from alliancelab.data import locate
    from alliancelab.data import warehouse as wh

    path = locate.warehouse_path(warehouse)
    if not path.exists():
        wh.connect(path).close()  # builds it, or says how
    return _names_at(str(path))


def clear_cache():
    """Forget the names read from warehouses (after a rebuild, or in tests)."""
    _names_at.cache_clear()


def resolve_state(value, year=None, warehouse=None, con=None, argument="state"):
    """COW state code of a code, abbreviation, name or alias; the year decides between successors.

    Parameters
    ----------
    value : int or str
        ``255``, ``"255"``, ``"GMY"``, ``"gmy"``, ``"Germany"``, ``"West Germany"``, ``"UK"``, ...
    year : int, optional
        When given, the state must be a COW system member in that year; a name or code of a group
        (Germany 255 / West Germany 260, Yemen 679 / North Yemen 678) resolves to the member that year.
    warehouse : path, optional
        The warehouse whose COW states table is read (default: the configured one).
    con : duckdb connection, optional
        Read the states table through this connection instead.
    argument : str
        The argument name the error message names.

    Returns
    -------
    int
        The COW state code.

    Raises
    ------
    ParameterError
        Unknown input (with "did you mean" suggestions), or a state that is not a system member in ``year``.

    Examples
    --------
    >>> resolve_state("Germany", 1970), resolve_state(255, 2000), resolve_state("gmy", 1913)
    (260, 255, 255)
    >>> resolve_state("Soviet Union"), resolve_state("Yemen", 1980), resolve_state("UK")
    (365, 678, 200)

    References
    ----------
    Correlates of War Project (2017), "State System Membership List, v2016".
    """
    names = state_names(warehouse, con)
    codes = names.candidates(value)
    if not codes:
        hint = names.suggestions(value)
        more = f"; did you mean {', '.join(hint)}?" if hint else " (e.g. 255, GMY or Germany)"
        raise ParameterError(f"argument {argument}={value!r}: not a COW state code, abbreviation or name{more}")
    if year is None:
        return codes[0]
    year = int(year)
    for code in codes:
        if names.member(code, year):
            return code
    spells = ", ".join(f"{a}-{b}" for a, b in names.spells[codes[0]])
    raise ParameterError(
        f"argument {argument}={value!r}: {names.label(codes[0])} is not a system member in {year} (member {spells})"
    )


def resolve_states(values, year=None, warehouse=None, con=None, argument="states"):
    """COW codes of several states: a list, or one string separated by commas or spaces.

    Without commas, words are joined greedily into the longest known name ("United Kingdom France"
    gives [200, 220]). Each state is resolved as by ``resolve_state``.

    Parameters
    ----------
    values : list or str
        States, e.g. ``["USA", 365]`` or ``"GMY AUH ITA"`` or ``"United States, Soviet Union"``.
    year, warehouse, con, argument
        As for ``resolve_state``.

    Returns
    -------
    list of int

    Examples
    --------
    >>> resolve_states("United Kingdom France GMY", 1913)
    [200, 220, 255]

    References
    ----------
    Correlates of War Project (2017), "State System Membership List, v2016".
    """
    if not isinstance(values, str):
        return [resolve_state(v, year, warehouse, con, argument) for v in values]
    if "," in values:
        return [resolve_state(v, year, warehouse, con, argument) for v in values.split(",") if v.strip()]
    names = state_names(warehouse, con)
    words, out, i = values.split(), [], 0
    while i < len(words):
        for length in range(min(6, len(words) - i), 0, -1):
            if length == 1 or names.candidates(" ".join(words[i : i + length])):
                out.append(resolve_state(" ".join(words[i : i + length]), year, warehouse, con, argument))
                i += length
                break
    return out


def resolve_pair(text, year=None, warehouse=None, con=None, argument="pair"):
    """Two different states from 'A-B' or 'A:B' ('USA-RUS', '2:365', 'United States-Soviet Union').

    A hyphen inside a name (Guinea-Bissau, Austria-Hungary) is allowed: the split is the one at which
    both sides resolve.

    Parameters
    ----------
    text : str or pair
        'A-B', 'A:B' or a 2-tuple.
    year, warehouse, con, argument
        As for ``resolve_state``.

    Returns
    -------
    tuple of int
        (ccode_a, ccode_b) in the order given.

    Examples
    --------
    >>> resolve_pair("Austria-Hungary:Russia", 1900), resolve_pair("USA-RUS")
    ((300, 365), (2, 365))

    References
    ----------
    Correlates of War Project (2017), "State System Membership List, v2016".
    """
    if not isinstance(text, str):
        sides = list(text)
        if len(sides) != 2:
            raise ParameterError(f"argument {argument}={text!r}: expected two states")
        pair = tuple(resolve_state(s, year, warehouse, con, argument) for s in sides)
    else:
        pair = _split_pair(text.strip(), year, warehouse, con, argument)
    if pair[0] == pair[1]:
        raise ParameterError(f"argument {argument}={text!r}: pairs a state with itself")
    return pair


def _split_pair(text, year, warehouse, con, argument):
    names = state_names(warehouse, con)
    separator = ":" if ":" in text else "-"
    cuts = [m.start() for m in re.finditer(re.escape(separator), text)]
    if not cuts:
        raise ParameterError(f"argument {argument}={text!r}: not a pair A-B or A:B (e.g. USA-RUS or 2:365)")
    usable = [c for c in cuts if names.candidates(text[:c]) and names.candidates(text[c + 1 :])]
    cut = usable[0] if usable else cuts[0] if len(cuts) == 1 else None
    if cut is None:
        raise ParameterError(f"argument {argument}={text!r}: cannot split into two known states at a '{separator}'")
    left, right = text[:cut].strip(), text[cut + 1 :].strip()
    if not left or not right:
        raise ParameterError(f"argument {argument}={text!r}: expected a pair A-B or A:B (e.g. USA-RUS or 2:365)")
    return resolve_state(left, year, warehouse, con, argument), resolve_state(right, year, warehouse, con, argument)
