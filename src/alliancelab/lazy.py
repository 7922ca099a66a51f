"""``lazy_module``: a module imported on its first attribute access, for imports only some paths need.

Used where a heavy library (SciPy's optimisers, the threat model) is needed by a few functions of a module
that is imported on a fast path, e.g. the command line's start-up or a one-year threat lookup.
"""

import importlib


class lazy_module:  # noqa: N801 (stands in for a module name)
    """A module imported on its first attribute access: ``threat = lazy_module("alliancelab.measures.threat")``.

    Parameters
    ----------
    name : str
        The module's dotted name.

    Examples
    --------
    >>> json = lazy_module("json")
    >>> json.dumps([1])
    '[1]'
    """

    def __init__(self, name):
        self._name = name

    def __getattr__(self, attribute):
        return getattr(importlib.import_module(self._name), attribute)

    def __repr__(self):
        return f"<lazy module {self._name!r}>"
