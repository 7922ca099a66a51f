"""The alias table and name normalisation behind ``alliancelab.data.names`` (data, not logic; re-exported there)."""

import re
import unicodedata

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
