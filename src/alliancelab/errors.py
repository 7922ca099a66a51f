"""The one exception family alliancelab raises for expected failures.

The command line prints the message of an ``AllianceLabError`` and exits with status 2; it never
shows a traceback for these. Every message names the file, row, column or argument at fault and
what was expected.
"""


class AllianceLabError(Exception):
    """Base class of every expected failure (bad input, missing data, wrong parameter)."""


class DataMissingError(AllianceLabError):
    """The data directory lacks files alliancelab needs."""


class DataValidationError(AllianceLabError):
    """A source file does not look like the published file: one line per problem.

    Parameters
    ----------
    problems : iterable
        One entry per problem found (each names the file, row and column); the message joins them
        one per line, and ``problems`` keeps them as a list.
    """

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class WarehouseError(AllianceLabError):
    """The warehouse is missing, stale or unreadable."""


class ParameterError(AllianceLabError, ValueError):
    """A function or command was given an argument outside what it accepts."""


def check_choice(name, value, allowed):
    """Raise ParameterError unless ``value`` is one of ``allowed``.

    Parameters
    ----------
    name : str
        The argument's name, for the message.
    value : object
        The value given.
    allowed : iterable
        The accepted values.

    Returns
    -------
    object
        ``value``, unchanged.

    Examples
    --------
    >>> check_choice("over", "majors", ("majors", "all"))
    'majors'
    """
    if value not in allowed:
        raise ParameterError(f"argument {name}={value!r}: expected one of {sorted(map(str, allowed))}")
    return value


def check_range(name, value, low=None, high=None):
    """Raise ParameterError unless low <= value <= high (either bound may be None); NaN never passes, nor an
    infinity unless it is a bound itself.

    Parameters
    ----------
    name : str
        The argument's name, for the message.
    value : float
        The value given.
    low, high : float or None
        The inclusive bounds; None leaves that side open.

    Returns
    -------
    float
        ``value``, unchanged.

    Examples
    --------
    >>> check_range("min_share", 0.1, 0.0, 1.0)
    0.1
    """
    if value != value:  # NaN
        raise ParameterError(f"argument {name}={value!r}: expected a number in [{low}, {high}], got NaN")
    if value in (float("inf"), float("-inf")) and value not in (low, high):
        raise ParameterError(f"argument {name}={value!r}: expected a finite number in [{low}, {high}]")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ParameterError(f"argument {name}={value!r}: expected a value in [{low}, {high}]")
    return value


def parse_numbers(text, name, kind=float):
    """'1, 2,3' -> (1.0, 2.0, 3.0): a comma- or space-separated list of finite numbers.

    Parameters
    ----------
    text : str
        The list as typed, e.g. ``"106, 108"``.
    name : str
        The argument's name, for the message.
    kind : type, default float
        ``int`` or ``float``: the kind every entry must be.

    Returns
    -------
    tuple
        The numbers, in the order given.

    Raises
    ------
    ParameterError
        Naming the argument and the first entry that is not a finite number of that kind.

    Examples
    --------
    >>> parse_numbers("106, 108", "--wars", int)
    (106, 108)
    """
    values = []
    for part in str(text).replace(",", " ").split():
        try:
            value = kind(part)
        except (TypeError, ValueError, OverflowError):
            what = "an integer" if kind is int else "a number"
            raise ParameterError(f"argument {name}: {part!r} is not {what}; expected e.g. 1,2,3") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise ParameterError(f"argument {name}: {part!r} is not a finite number")
        values.append(value)
    return tuple(values)
