"""One parameter style: frozen dataclasses whose fields carry a default, a range or choices and a meaning.

A parameter class subclasses ``Parameters`` and declares each field with ``param(default, doc, low=...,
high=..., choices=...)``. The values are checked when the object is made (type, range, choices); a bad
value raises ``ParameterError`` naming the field and what was expected. ``replace`` copies with changes
(checked again), ``from_dict`` refuses unknown names, and ``resolve`` is what a function taking
``params=None, **overrides`` calls: it maps the old keyword overrides onto the dataclass.
Every public ``*Params`` class in the package subclasses it (``SimParams`` adds its checks across fields in ``_check``).
"""

import functools
import inspect
import math
from dataclasses import asdict, field, fields
from types import MappingProxyType

import numpy as np

from alliancelab.errors import ParameterError


def param(default, doc, low=None, high=None, *, choices=None, source=""):
    """A dataclass field for a parameter: its default, meaning, inclusive range or choices and source.

    Parameters
    ----------
    default : object
        The default value.
    doc : str
        One line saying what the parameter does.
    low, high : float, optional
        Inclusive bounds (None: open).
    choices : tuple, optional
        The accepted values.
    source : str, optional
        Where the default or the rule comes from.

    Returns
    -------
    dataclasses.Field
        The field, with the above in its ``metadata``.

    Examples
    --------
    >>> param(3, "length of the trailing mean, in years", 1, 20).metadata["high"]
    20
    """
    meta = {"doc": doc, "low": low, "high": high, "choices": choices, "source": source}
    return field(default=default, metadata=meta)


def _type_name(f):
    return f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))


class Parameters:
    """Base of the frozen parameter dataclasses (checks, copying, the keyword-override mapping)."""

    _what = "parameter"  # the word used in messages, e.g. "rule parameter"

    def __post_init__(self):
        for f in fields(self):
            value = getattr(self, f.name)
            kind = _type_name(f)
            if kind == "int":
                if isinstance(value, bool) or not isinstance(value, (int, np.integer, float, np.floating)):
                    raise ParameterError(f"parameter {f.name}={value!r}: expected an integer")
                if isinstance(value, (float, np.floating)) and not float(value).is_integer():
                    raise ParameterError(f"parameter {f.name}={value!r}: expected an integer")
                object.__setattr__(self, f.name, int(value))
            elif kind == "float":
                if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
                    raise ParameterError(f"parameter {f.name}={value!r}: expected a number")
                if not math.isfinite(float(value)) and float(value) not in (f.metadata["low"], f.metadata["high"]):
                    raise ParameterError(f"parameter {f.name}={value!r}: expected a finite number")
                object.__setattr__(self, f.name, float(value))
            elif kind == "bool":
                if not isinstance(value, (bool, np.bool_)):
                    raise ParameterError(f"parameter {f.name}={value!r}: expected True or False")
                object.__setattr__(self, f.name, bool(value))
            value = getattr(self, f.name)
            low, high, choices = f.metadata.get("low"), f.metadata.get("high"), f.metadata.get("choices")
            if choices is not None and value not in choices:
                raise ParameterError(f"parameter {f.name}={value!r}: expected one of {list(choices)}")
            if (low is not None and value < low) or (high is not None and value > high):
                span = f"[{low if low is not None else '-inf'}, {high if high is not None else 'inf'}]"
                raise ParameterError(f"parameter {f.name}={value!r}: expected a value in {span}")
        self._check()

    def _check(self):
        """Checks across fields (subclasses override)."""

    def validate(self):
        """The parameters themselves: they were checked when made (the formal models' ``validate()`` idiom).

        Returns
        -------
        Parameters
            ``self``.
        """
        return self

    # Read-only mapping access, so code written for the older dict form (``p["lag"]``, ``dict(p)``,
    # ``{**p}``) keeps working on the dataclass.
    def __getitem__(self, name):
        if name not in self.names():
            raise KeyError(name)
        return getattr(self, name)

    def __contains__(self, name):
        return name in self.names()

    def keys(self):
        """The parameter names (mapping-style access; see ``names``).

        Returns
        -------
        tuple of str
        """
        return self.names()

    def get(self, name, default=None):
        """A parameter by name, or ``default`` when there is no such name (mapping-style access).

        Parameters
        ----------
        name : str
            The parameter name.
        default : object, optional
            Returned for an unknown name.

        Returns
        -------
        object
        """
        return getattr(self, name) if name in self.names() else default

    def to_dict(self):
        """The parameters as a plain dict.

        Returns
        -------
        dict
            Field name -> value.
        """
        return asdict(self)

    def non_defaults(self):
        """The fields whose value differs from the default.

        Returns
        -------
        dict
            Field name -> value (empty when every field has its default).
        """
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) != f.default}

    @classmethod
    def names(cls):
        """The parameter names, in declaration order.

        Returns
        -------
        tuple of str
        """
        return tuple(f.name for f in fields(cls))

    @classmethod
    def from_dict(cls, values):
        """Make parameters from a mapping, refusing unknown names.

        Parameters
        ----------
        values : mapping
            Field name -> value; missing fields take their defaults.

        Returns
        -------
        Parameters
            The checked parameters (of the class it is called on).
        """
        values = dict(values)
        unknown = sorted(set(values) - set(cls.names()))
        if unknown:
            raise ParameterError(f"unknown {cls._what}(s) {unknown}; expected {sorted(cls.names())}")
        return cls(**values)

    def replace(self, **changes):
        """A copy with some parameters changed (and checked).

        Parameters
        ----------
        **changes
            Field name -> new value.

        Returns
        -------
        Parameters
            The new parameters.
        """
        return type(self).from_dict({**self.to_dict(), **changes})

    @classmethod
    def resolve(cls, params=None, overrides=None):
        """``params`` (default: the defaults) with the keyword ``overrides`` of the older call style applied.

        Parameters
        ----------
        params : Parameters, mapping or None
            The parameters (an instance of this class), a mapping of field name -> value, or None.
        overrides : mapping, optional
            Field name -> value, applied on top (unknown names raise ``ParameterError`` naming them).

        Returns
        -------
        Parameters
            The checked parameters.
        """
        if params is None:
            base = cls()
        elif isinstance(params, cls):
            base = params
        elif isinstance(params, Parameters):
            raise ParameterError(f"argument params: expected {cls.__name__}, got {type(params).__name__}")
        elif hasattr(params, "keys"):
            base = cls.from_dict(params)
        else:
            raise ParameterError(f"argument params={params!r}: expected {cls.__name__} or a mapping")
        return base.replace(**overrides) if overrides else base

    @classmethod
    def defaults(cls):
        """The defaults as a read-only mapping (what the module-level ``DEFAULTS`` names hold).

        Returns
        -------
        mappingproxy
            Field name -> default.
        """
        return MappingProxyType(asdict(cls()))

    @classmethod
    def table(cls):
        """Every parameter as a row for the documentation.

        Returns
        -------
        list of tuple
            ``(name, default, range or choices, meaning)`` per parameter.
        """
        rows = []
        for f in fields(cls):
            low, high, choices = f.metadata["low"], f.metadata["high"], f.metadata["choices"]
            if choices is not None:
                span = ", ".join(map(repr, choices))
            elif low is None and high is None:
                span = ""
            else:
                span = f"[{low if low is not None else '-inf'}, {'inf' if high is None else high}]"
            rows.append((f.name, f.default, span, f.metadata["doc"]))
        return rows

    @classmethod
    def keywords(cls, function):
        """Decorator: a function whose keyword arguments include this class's fields also takes ``params=``.

        ``params`` (an instance, a mapping or None) is resolved with the field keywords given explicitly applied on
        top (``resolve``), and the function is called with every field as a keyword. Without ``params`` the call
        is passed on unchanged, so the older keyword calls behave as before.

        Parameters
        ----------
        function : callable
            Declares the fields it uses as keyword arguments, and ``params=None`` last.

        Returns
        -------
        callable
            The wrapped function.

        Examples
        --------
        >>> from dataclasses import dataclass
        >>> @dataclass(frozen=True)
        ... class Smooth(Parameters):
        ...     window: int = param(3, "years in the trailing mean", 1, 20)
        >>> @Smooth.keywords
        ... def smoothed(values, window=3, params=None):
        ...     return window
        >>> smoothed([1], params=Smooth(window=5)), smoothed([1], window=4)
        (5, 4)
        """
        signature = inspect.signature(function)
        names = [name for name in cls.names() if name in signature.parameters]

        @functools.wraps(function)
        def wrapper(*args, params=None, **kwargs):
            if params is None:
                return function(*args, **kwargs)
            bound = signature.bind_partial(*args, **kwargs)
            given = {name: bound.arguments[name] for name in names if name in bound.arguments}
            resolved = cls.resolve(params, given)
            for name in names:
                bound.arguments[name] = getattr(resolved, name)
            return function(*bound.args, **bound.kwargs)

        return wrapper
