"""The one parser of NAME=VALUE text used by the command line, the dashboard and the libraries.

``parse_assignments("power=1,intentions=2", "--weights", float)`` -> ``{"power": 1.0, "intentions": 2.0}``.
Every caller states what a value is (``convert``) and whether a bare NAME is allowed (``bare``); a
malformed part raises one ``ParameterError`` naming the argument and the part.
"""

import json

from alliancelab.errors import ParameterError

_NO_DEFAULT = object()


def parse_assignments(text, argument, convert=str, separators=",", bare=_NO_DEFAULT, expected="NAME=VALUE"):
    """Parse NAME=VALUE parts into a dict ``{NAME: convert(VALUE)}`` (names stripped, order kept).

    Parameters
    ----------
    text : str or iterable of str or None
        One string of parts separated by any of ``separators``, or several strings (each split the
        same way); None or empty gives ``{}``.
    argument : str
        The argument's name for error messages (e.g. "--weights").
    convert : callable
        Applied to each VALUE (stripped); a ``ValueError`` or ``TypeError`` becomes a ``ParameterError``.
    separators : str
        Characters that separate parts; "" keeps each string whole (one part per string, so values
        may contain commas).
    bare : object, optional
        The VALUE text of a part without "=" (e.g. "1" for ``"balance"`` meaning ``"balance=1"``);
        without it such a part is an error.
    expected : str
        The expected form, quoted in error messages (e.g. "NAME=NUMBER").

    Returns
    -------
    dict

    Raises
    ------
    ParameterError
        For a part without "=" (unless ``bare``), an empty NAME, or a VALUE ``convert`` rejects.

    Examples
    --------
    >>> parse_assignments("alliance=1; rivalry=0.5", "weights", float, separators=",;")
    {'alliance': 1.0, 'rivalry': 0.5}
    >>> parse_assignments("balance,bandwagon=2", "strategy", float, bare="1")
    {'balance': 1.0, 'bandwagon': 2.0}
    """
    if text is None:
        return {}
    texts = [text] if isinstance(text, str) else list(text)
    out = {}
    for whole in texts:
        parts = [whole]
        for separator in separators:
            parts = [piece for part in parts for piece in part.split(separator)]
        for part in parts:
            if not part.strip():
                continue
            name, sep, value = part.partition("=")
            if not sep:
                if bare is _NO_DEFAULT:
                    raise ParameterError(f"argument {argument}: {part.strip()!r} is not {expected}")
                value = bare
            name = name.strip()
            if not name:
                raise ParameterError(f"argument {argument}: {part.strip()!r} has no name; expected {expected}")
            try:
                out[name] = convert(value.strip())
            except (ValueError, TypeError):
                raise ParameterError(
                    f"argument {argument}: {part.strip()!r}: {value.strip()!r} is not a valid value "
                    f"(expected {expected})"
                ) from None
    return out


def json_or_text(value):
    """A VALUE read as JSON (numbers, true/false, lists) when it parses, else the text itself.

    Examples
    --------
    >>> [json_or_text(v) for v in ("2", "0.5", "true", "[1, 2]", "planar")]
    [2, 0.5, True, [1, 2], 'planar']
    """
    try:
        return json.loads(value)
    except ValueError:
        return value
