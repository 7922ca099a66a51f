"""Hierarchical models named by their generating class: terms, independence, saturated, k-way."""

import itertools

from alliancelab.errors import ParameterError


# --- models ------------------------------------------------------------------------------------------
def generating_class(model, factors):
    """Canonical generating class: a tuple of maximal terms, each a tuple of factors in table order.

    Every factor not named enters as a main effect.

    Parameters
    ----------
    model : str or sequence
        A string "a*b + c" (also "a:b + c"), or a list of terms ("a*b" or ("a", "b")).
    factors : sequence of str
        The table's factors, in table order.

    Returns
    -------
    tuple of tuple of str
        The maximal terms.

    Examples
    --------
    >>> generating_class("b*a + a", ("a", "b", "c"))
    (('a', 'b'), ('c',))
    """
    factors = tuple(factors)
    if isinstance(model, str):
        parts = [p.strip() for p in model.replace("+", ",").split(",") if p.strip()]
    else:
        parts = list(model)
    terms = []
    for part in parts:
        names = [n.strip() for n in part.replace(":", "*").split("*")] if isinstance(part, str) else list(part)
        unknown = [n for n in names if n not in factors]
        if unknown or not names:
            raise ParameterError(f"argument model={model!r}: {unknown or part!r} not among the factors {list(factors)}")
        terms.append(frozenset(names))
    named = set().union(*terms) if terms else set()
    terms += [frozenset([f]) for f in factors if f not in named]
    maximal = [t for t in set(terms) if not any(t < u for u in terms)]
    order = {f: i for i, f in enumerate(factors)}
    out = [tuple(sorted(t, key=order.get)) for t in maximal]
    return tuple(sorted(out, key=lambda t: (-len(t), [order[f] for f in t])))


def model_name(gen):
    """The name of a generating class: ``'a*b + c'`` for ``(('a', 'b'), ('c',))``.

    Parameters
    ----------
    gen : tuple of tuple of str
        The generating class.

    Returns
    -------
    str
        The model's name.

    Examples
    --------
    >>> model_name((("a", "b"), ("c",)))
    'a*b + c'
    """
    return " + ".join("*".join(t) for t in gen)


def all_terms(gen):
    """Every term of the hierarchical model: the generators and all their non-empty subsets.

    Parameters
    ----------
    gen : tuple of tuple of str
        The generating class.

    Returns
    -------
    list of tuple of str
        The terms, lower orders first.

    Examples
    --------
    >>> all_terms((("a", "b"), ("c",)))
    [('a',), ('b',), ('c',), ('a', 'b')]
    """
    out = set()
    for t in gen:
        for k in range(1, len(t) + 1):
            out.update(itertools.combinations(t, k))
    return sorted(out, key=lambda t: (len(t), t))


def independence(factors):
    """The generating class of the independence model (every factor a main effect only).

    Parameters
    ----------
    factors : sequence of str
        The factors.

    Returns
    -------
    tuple of tuple of str
        One one-factor term per factor.

    Examples
    --------
    >>> independence(("a", "b"))
    (('a',), ('b',))
    """
    return generating_class([(f,) for f in factors], factors)


def saturated(factors):
    """The generating class of the saturated model (one term with every factor: fits every count).

    Parameters
    ----------
    factors : sequence of str
        The factors.

    Returns
    -------
    tuple of tuple of str
        The single maximal term.

    Examples
    --------
    >>> saturated(("a", "b"))
    (('a', 'b'),)
    """
    return generating_class([tuple(factors)], factors)


def all_k_way(factors, k):
    """Every k-factor interaction (and so everything below it).

    Parameters
    ----------
    factors : sequence of str
        The factors.
    k : int
        The order of the interactions.

    Returns
    -------
    tuple of tuple of str
        The generating class.

    Examples
    --------
    >>> all_k_way(("a", "b", "c"), 2)
    (('a', 'b'), ('a', 'c'), ('b', 'c'))
    """
    return generating_class(list(itertools.combinations(factors, k)), factors)


def standard_models(factors):
    """The usual hierarchical family of models.

    Independence; each single association added to independence; all two-way associations; all
    two-way but one (each pair conditionally independent given the rest); all three-way (with four or
    more factors); saturated. For three factors this is all nine hierarchical models.

    Parameters
    ----------
    factors : sequence of str
        The factors.

    Returns
    -------
    dict
        Model name -> generating class.

    Examples
    --------
    >>> standard_models(("a", "b"))
    {'a + b': (('a',), ('b',)), 'a*b': (('a', 'b'),)}
    """
    factors = tuple(factors)
    pairs = list(itertools.combinations(factors, 2))
    gens = [independence(factors)]
    gens += [generating_class([p], factors) for p in pairs]
    if len(factors) >= 3:
        gens.append(all_k_way(factors, 2))
        gens += [generating_class([q for q in pairs if q != p], factors) for p in pairs]
    for k in range(3, len(factors)):
        gens.append(all_k_way(factors, k))
    gens.append(saturated(factors))
    out = {}
    for g in gens:
        out.setdefault(model_name(g), g)
    return out
