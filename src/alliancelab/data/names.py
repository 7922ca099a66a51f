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
from dataclasses import dataclass, field
from functools import lru_cache

from alliancelab.data import facts
from alliancelab.data._aliases import ALIASES, GROUPS, normalise
from alliancelab.data.source import connection_first, warehouse_connection
from alliancelab.errors import ParameterError

__all__ = [
    "GROUPS",
    "ALIASES",
    "normalise",
    "StateNames",
    "state_names",
    "clear_cache",
    "resolve_state",
    "resolve_states",
    "resolve_pair",
]


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
    def from_spells(cls, spells):
        """Build from the COW system-membership spells (``alliancelab.data.facts.system_spells``).

        Parameters
        ----------
        spells : pandas.DataFrame
            Columns ccode, stateabb, statenme, styear, endyear (one row per spell).

        Returns
        -------
        StateNames

        Examples
        --------
        >>> from alliancelab.data.source import shared_connection
        >>> StateNames.from_spells(facts.system_spells(shared_connection())).name[2]
        'United States of America'
        """
        rows = spells.sort_values(["ccode", "styear"])[["ccode", "stateabb", "statenme", "styear", "endyear"]]
        out = cls()
        for ccode, abb, name, first, last in rows.itertuples(index=False):
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

    def resolve(self, value, year=None, argument="state"):
        """``resolve_state`` on these names (no warehouse read).

        Parameters
        ----------
        value, year, argument
            As for ``resolve_state``.

        Returns
        -------
        int
            The COW state code.

        Examples
        --------
        >>> state_names().resolve("West Germany", 1970)
        260
        """
        codes = self.candidates(value)
        if not codes:
            hint = self.suggestions(value)
            more = f"; did you mean {', '.join(hint)}?" if hint else " (e.g. 255, GMY or Germany)"
            raise ParameterError(f"argument {argument}={value!r}: not a COW state code, abbreviation or name{more}")
        if year is None:
            return codes[0]
        year = int(year)
        for code in codes:
            if self.member(code, year):
                return code
        spells = ", ".join(f"{a}-{b}" for a, b in self.spells[codes[0]])
        raise ParameterError(
            f"argument {argument}={value!r}: {self.label(codes[0])} is not a system member in {year} (member {spells})"
        )

    def resolve_many(self, values, year=None, argument="states"):
        """``resolve_states`` on these names (no warehouse read).

        Parameters
        ----------
        values, year, argument
            As for ``resolve_states``.

        Returns
        -------
        list of int

        Examples
        --------
        >>> state_names().resolve_many("UK France", 1913)
        [200, 220]
        """
        if not isinstance(values, str):
            return [self.resolve(v, year, argument) for v in values]
        if "," in values:
            return [self.resolve(v, year, argument) for v in values.split(",") if v.strip()]
        words, out, i = values.split(), [], 0
        while i < len(words):
            for length in range(min(6, len(words) - i), 0, -1):
                if length == 1 or self.candidates(" ".join(words[i : i + length])):
                    out.append(self.resolve(" ".join(words[i : i + length]), year, argument))
                    i += length
                    break
        return out

    def resolve_pair(self, text, year=None, argument="pair"):
        """``resolve_pair`` on these names (no warehouse read).

        Parameters
        ----------
        text, year, argument
            As for ``resolve_pair``.

        Returns
        -------
        tuple of int

        Examples
        --------
        >>> state_names().resolve_pair("USA-RUS")
        (2, 365)
        """
        if not isinstance(text, str):
            sides = list(text)
            if len(sides) != 2:
                raise ParameterError(f"argument {argument}={text!r}: expected two states")
            pair = tuple(self.resolve(s, year, argument) for s in sides)
        else:
            pair = self._split_pair(text.strip(), year, argument)
        if pair[0] == pair[1]:
            raise ParameterError(f"argument {argument}={text!r}: pairs a state with itself")
        return pair

    def _split_pair(self, text, year, argument):
        separator = ":" if ":" in text else "-"
        cuts = [m.start() for m in re.finditer(re.escape(separator), text)]
        if not cuts:
            raise ParameterError(f"argument {argument}={text!r}: not a pair A-B or A:B (e.g. USA-RUS or 2:365)")
        usable = [c for c in cuts if self.candidates(text[:c]) and self.candidates(text[c + 1 :])]
        cut = usable[0] if usable else cuts[0] if len(cuts) == 1 else None
        if cut is None:
            raise ParameterError(f"argument {argument}={text!r}: cannot split into two known states at a '{separator}'")
        left, right = text[:cut].strip(), text[cut + 1 :].strip()
        if not left or not right:
            raise ParameterError(f"argument {argument}={text!r}: expected a pair A-B or A:B (e.g. USA-RUS or 2:365)")
        return self.resolve(left, year, argument), self.resolve(right, year, argument)

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
    from alliancelab.data.source import shared_connection

    return StateNames.from_spells(facts.system_spells(shared_connection(path)))


@connection_first
def state_names(warehouse=None, con=None):
    """The ``StateNames`` of a warehouse (read once per warehouse path).

    Parameters
    ----------
    warehouse : str or pathlib.Path, optional
        The warehouse file (default: the configured one).
    con : duckdb connection, optional
        Deprecated (use ``warehouse=``): read the COW states table through this connection.

    Returns
    -------
    StateNames
        Spells, abbreviations, names and aliases of every COW state.

    Examples
    --------
    >>> state_names().abbreviation[255]
    'GMY'

    References
    ----------
    Correlates of War Project (2017), "State System Membership List, v2016".
    """
    return _names(warehouse, con, "state_names")


def _names(warehouse, con, where):
    if con is not None:
        return StateNames.from_spells(facts.system_spells(warehouse_connection(warehouse, con, where)))
    from alliancelab.data import locate

    return _names_at(str(locate.warehouse_path(warehouse)))


def clear_cache():
    """Forget the names read from warehouses (after a rebuild, or in tests)."""
    _names_at.cache_clear()


@connection_first
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
        Deprecated (use ``warehouse=``): read the states table through this connection.
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
    return _names(warehouse, con, "resolve_state").resolve(value, year, argument)


@connection_first
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
    return _names(warehouse, con, "resolve_states").resolve_many(values, year, argument)


@connection_first
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
    return _names(warehouse, con, "resolve_pair").resolve_pair(text, year, argument)
