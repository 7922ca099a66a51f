"""One way to name the data source: ``warehouse=`` across the public API; ``con=`` only with a deprecation warning."""

import importlib
import inspect
import pkgutil
import warnings

import numpy as np
import pandas as pd
import pytest

import alliancelab
from alliancelab.data import source
from alliancelab.errors import ParameterError

SOURCE_FILE = inspect.getsourcefile(source)


def _public_modules():
    for info in pkgutil.walk_packages(alliancelab.__path__, "alliancelab."):
        if not any(part.startswith("_") for part in info.name.split(".")[1:]):
            yield info.name


def _public_functions(module):
    """Public functions and public methods of public classes of ``module`` (its ``__all__``, or what it defines)."""
    exported = getattr(module, "__all__", None)
    names = exported if exported is not None else [n for n in vars(module) if not n.startswith("_")]
    for name in names:
        obj = getattr(module, name, None)
        if exported is None and getattr(obj, "__module__", None) != module.__name__:
            continue  # imported from elsewhere: checked where it is defined
        if inspect.isclass(obj):
            for attr, member in vars(obj).items():
                member = getattr(member, "__func__", member)
                if not attr.startswith("_") and inspect.isfunction(member):
                    yield f"{module.__name__}.{name}.{attr}", member
        elif inspect.isfunction(obj):
            yield f"{module.__name__}.{name}", obj


def _deprecation_path(function):
    """True when a ``con`` argument goes through ``data.source`` (a decorator of it, or ``warehouse_connection``)."""
    if getattr(function, "__code__", None) is not None and function.__code__.co_filename == SOURCE_FILE:
        return True  # connection_first / deprecated_con wrapper
    text = inspect.getsource(inspect.unwrap(function))
    return "warehouse_connection(" in text


def test_every_public_function_names_its_data_source_warehouse():
    offenders, checked = [], 0
    for name in _public_modules():
        if name == "alliancelab.data.source":
            continue  # the helper itself
        module = importlib.import_module(name)
        for qualname, function in _public_functions(module):
            try:
                parameters = inspect.signature(function).parameters
            except (TypeError, ValueError):
                continue
            connection = [p for p in parameters if p in ("con", "conn", "connection")]
            if not connection:
                continue
            checked += 1
            ok = (
                connection == ["con"]
                and "warehouse" in parameters
                and parameters["con"].default is None
                and _deprecation_path(function)
            )
            if not ok:
                offenders.append(f"{qualname}{inspect.signature(function)}")
    assert not offenders, "public functions taking a connection without warehouse= and the deprecation path:\n" + (
        "\n".join(offenders)
    )
    assert checked >= 30  # the walk really reaches the deprecated con= parameters


def test_the_walk_catches_a_connection_parameter_without_the_deprecation_path():
    def reads(con, year):
        return con.execute("SELECT ?", [year]).fetchone()

    assert not _deprecation_path(reads)

    @source.connection_first
    def checked(year, warehouse=None, con=None):
        return source.warehouse_connection(warehouse, con, "checked")

    assert _deprecation_path(checked)


def _same(a, b):
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))
    elif isinstance(a, tuple) and a and isinstance(a[0], pd.DataFrame):
        for x, y in zip(a, b, strict=True):
            _same(x, y)
    elif isinstance(a, dict) and a and all(isinstance(v, pd.DataFrame) for v in a.values()):
        assert a.keys() == b.keys()
        for key in a:
            _same(a[key], b[key])
    elif hasattr(a, "spells") and hasattr(a, "keys"):  # StateNames
        assert a.spells == b.spells and a.keys == b.keys
    elif hasattr(a, "portfolios"):  # PortfolioSet
        assert [p.year for p in a] == [p.year for p in b]
        assert all(np.array_equal(p.levels, q.levels) for p, q in zip(a, b, strict=True))
    else:
        assert a == b


def _calls():
    from alliancelab.data import country_codes, names, warehouse
    from alliancelab.measures import capabilities, portfolios
    from alliancelab.predict import landscape

    # (function, positional arguments, keyword arguments); the old call puts the connection first
    # for the connection-first functions and passes con= for the others
    return [
        (names.state_names, (), {}, "first"),
        (names.resolve_state, ("West Germany", 1970), {}, "first"),
        (names.resolve_states, ("UK France", 1913), {}, "first"),
        (names.resolve_pair, ("USA-RUS",), {}, "first"),
        (country_codes.system_members, (), {}, "first"),
        (country_codes.sipri_milex_cow, (), {}, "first"),
        (country_codes.maddison_gdp_cow, (), {}, "first"),
        (country_codes.unmapped_report, (), {}, "first"),
        (warehouse.citations, (["states", "nmc"],), {}, "first"),
        (capabilities.cinc_check, (), {}, "first"),
        (landscape.load_tables, (1900,), {}, "first"),
        (portfolios.system_members, (1900, 1901), {}, "keyword"),
        (portfolios.load_portfolios, (1900, 1901), {}, "keyword"),
    ]


@pytest.mark.parametrize("index", range(13))
def test_old_connection_calls_warn_and_give_the_same_result(con, warehouse_path, index):
    function, args, kwargs, style = _calls()[index]
    new = function(*args, warehouse=warehouse_path, **kwargs)
    with pytest.warns(DeprecationWarning, match="con=.*deprecated.*warehouse="):
        old = function(con, *args, **kwargs) if style == "first" else function(*args, con=con, **kwargs)
    _same(old, new)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        _same(function(*args, **kwargs), new)  # the configured warehouse (the tests' one), no warning
    with pytest.raises(ParameterError, match="not both"):
        function(*args, warehouse=warehouse_path, con=con, **kwargs)


def test_the_similarity_functions_refuse_a_connection_and_a_warehouse_together(con, warehouse_path):
    from alliancelab.measures.similarity import pair_similarity

    with pytest.raises(ParameterError, match="not both"):
        pair_similarity(2, 200, 1950, 1950, ["s_unweighted"], con=con, warehouse=warehouse_path)


def test_the_simulation_reads_the_warehouse_named(con, warehouse_path):
    from alliancelab.sim import runs
    from alliancelab.sim.model import SimParams

    params = SimParams(geography="historical", start_year=1816, n_steps=5)
    new = runs.run(params, seed=2, warehouse=warehouse_path)
    with pytest.warns(DeprecationWarning, match="run: passing a connection"):
        old = runs.run(params, seed=2, con=con)
    pd.testing.assert_frame_equal(old.series, new.series)
    assert old.citations == new.citations


def test_one_helper_and_one_cached_connection(warehouse_path):
    from alliancelab.measures import portfolios
    from alliancelab.panels import lookup

    assert lookup.warehouse_connection is source.warehouse_connection
    assert lookup.connection_first is source.connection_first
    assert not hasattr(portfolios, "source_connection") and not hasattr(portfolios, "open_connection")
    assert lookup.Lookup.get(warehouse_path).con is source.shared_connection(warehouse_path)
    # each call reads through its own cursor of the cached database (safe from several threads)
    first, second = source.warehouse_connection(warehouse_path), source.warehouse_connection(warehouse_path)
    assert first is not second
    query = "SELECT count(*) FROM states"
    assert (
        first.execute(query).fetchone()
        == second.execute(query).fetchone()
        == lookup.Lookup.get().con.execute(query).fetchone()
    )


def test_the_old_historical_map_from_connection_name_still_works_and_warns(con, warehouse_path):
    from alliancelab.sim import geography

    with pytest.warns(DeprecationWarning):
        old = geography.historical_map_from_connection(con, 1816)
    new = geography.historical_map(1816, warehouse=warehouse_path)
    assert list(old.labels) == list(new.labels) and np.array_equal(old.edges, new.edges)
