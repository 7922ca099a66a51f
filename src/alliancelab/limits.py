"""Bounds on the work one call may ask for: estimate memory before allocating, refuse beyond a limit.

The limit is ``$ALLIANCELAB_MAX_MEMORY`` (bytes, or with a suffix: ``512M``, ``16G``), else half of
this machine's physical memory. A call whose estimate exceeds it raises ``ParameterError`` naming the
argument, the estimate and the limit, before anything is allocated.
"""

import os

from alliancelab.errors import ParameterError

SUFFIXES = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}


def physical_memory():
    """Bytes of physical memory on this machine.

    Returns
    -------
    int or None
        Page size times the number of physical pages; None when the system does not say.

    Examples
    --------
    >>> physical_memory() is None or physical_memory() > 0
    True
    """
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return None


def parse_size(text, name="$ALLIANCELAB_MAX_MEMORY"):
    """Parse a memory size such as ``16G`` or ``512M`` into bytes.

    Suffixes K, M, G, T are powers of 1024 (an optional trailing B is ignored); plain numbers are bytes.

    Parameters
    ----------
    text : str or number
        The size, e.g. ``"16G"``, ``"512M"``, ``"1e9"``.
    name : str, default "$ALLIANCELAB_MAX_MEMORY"
        What the size was given as, named in the error message.

    Returns
    -------
    int
        The size in bytes.

    Raises
    ------
    ParameterError
        When the text is not a positive, finite size.

    Examples
    --------
    >>> parse_size("16G")
    17179869184
    >>> parse_size("512")
    512
    """
    raw = str(text).strip().upper().removesuffix("B")
    unit = raw[-1:] if raw[-1:] in SUFFIXES and raw[-1:] else ""
    number = raw[: len(raw) - len(unit)]
    try:
        value = float(number) * SUFFIXES[unit]
    except ValueError:
        raise ParameterError(f"{name}={text!r}: expected a size such as 8G, 512M or a number of bytes") from None
    if not value > 0 or value == float("inf"):
        raise ParameterError(f"{name}={text!r}: expected a positive size")
    return int(value)


def memory_limit():
    """The memory one call may use, in bytes.

    ``$ALLIANCELAB_MAX_MEMORY`` when set, else half of this machine's physical memory (4 GiB when unknown).

    Returns
    -------
    int
        The limit in bytes.

    Examples
    --------
    >>> memory_limit() > 0
    True
    """
    if os.environ.get("ALLIANCELAB_MAX_MEMORY"):
        return parse_size(os.environ["ALLIANCELAB_MAX_MEMORY"])
    total = physical_memory()
    return total // 2 if total else 4 * 2**30


def human(n_bytes):
    """Format a number of bytes for people (binary units).

    Parameters
    ----------
    n_bytes : int or float
        A number of bytes.

    Returns
    -------
    str
        E.g. ``"1.5 KiB"``.

    Examples
    --------
    >>> human(1536)
    '1.5 KiB'
    >>> human(100)
    '100 B'
    """
    value = float(n_bytes)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if value < 1024 or unit == "TiB":
            return f"{value:,.1f} {unit}" if unit != "B" else f"{int(value)} B"
        value /= 1024
    return f"{value:,.1f} PiB"


def check_memory(argument, estimate_bytes, what="this call"):
    """Refuse a call whose memory estimate exceeds ``memory_limit()``.

    Parameters
    ----------
    argument : str
        The argument that drives the size, named in the error message.
    estimate_bytes : int
        The estimated memory the call needs, in bytes.
    what : str, default "this call"
        What would need the memory, for the error message.

    Returns
    -------
    int
        ``estimate_bytes``, unchanged, when it is within the limit.

    Raises
    ------
    ParameterError
        When ``estimate_bytes`` exceeds the limit.

    Examples
    --------
    >>> check_memory("n_runs", 1024)
    1024
    """
    limit = memory_limit()
    if estimate_bytes > limit:
        raise ParameterError(
            f"argument {argument}: {what} would need about {human(estimate_bytes)} of memory; the "
            f"limit is {human(limit)} (half this machine's memory, or $ALLIANCELAB_MAX_MEMORY). "
            "Ask for less, or raise the limit if the machine has the memory."
        )
    return estimate_bytes
