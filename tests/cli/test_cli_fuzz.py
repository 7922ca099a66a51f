"""Every command and every option of the command line, given bad values: one message, never a traceback.

The commands are enumerated from the Typer app (sub-groups included), so a new command or option is
fuzzed without editing this file; it only needs a cheap valid invocation in ``BASE`` (the test fails
until it has one). Each call replaces one option's value in that invocation by a bad one: a wrong
type, empty, NaN/inf, negative, huge (1e9), a year out of coverage, an unknown state, a path that is
a folder, an empty path or a folder nobody may write in. A pass is exit status 0 or 2 (2 with one
message on stderr), no uncaught exception and no 'Traceback' anywhere in the output.

A value that is accepted runs the command for real; ``BASE`` keeps that work small, and a wall-clock
budget per call (a profile hook, see ``invoke``) stops anything longer (stopped runs count as accepted,
not as failures), so the test stays bounded.

Environment: ALLIANCELAB_FUZZ_FULL=1 (every hostile value, 2 s budget), ALLIANCELAB_FUZZ_EXAMPLES=N
(hypothesis examples), ALLIANCELAB_FUZZ_RANDOM=1 (random instead of derandomized hypothesis runs).
"""

import os
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.main import get_command
from typer.testing import CliRunner

from alliancelab.cli import app

# ALLIANCELAB_FUZZ_FULL=1: every hostile value for every option and a longer budget (about 15 minutes on
# two cores); by default a few values per option, so the walk stays within a couple of minutes
FULL = bool(os.environ.get("ALLIANCELAB_FUZZ_FULL"))
BUDGET_S = 2.0 if FULL else 0.5  # wall-clock seconds one call may run once its values are accepted

# A valid and cheap invocation of each command; {tmp} is the test's folder. Options fuzzed here are
# replaced, the rest kept.
BASE = {
    "report": ["1894"],
    "landscape": ["--year", "1936", "--states", "UKG,FRN,GMY,ITA", "--method", "exact"],
    "landscape-wars": ["--wars", "106"],
    "sweep": ["{tmp}/sweep.toml", "--out", "{tmp}/sweep", "--workers", "1"],
    "burden": ["--start", "1990", "--end", "1992", "--out", "{tmp}/burden"],
    "burden-model": [],
    "dilemma": [],
    "morrow-model": [],
    "classify": ["--case", "1005:200"],
    "walt": [],
    "morrow": [],
    "snyder": [],
    "detente": ["--dyad", "USA-RUS"],
    "profile": ["USA", "ROK", "--out", "{tmp}/profile"],
    "dashboard": [],
    "loglinear": ["{tmp}/cells.csv", "--factors", "a,b", "--weights", "n"],
    "data build": ["--warehouse", "{tmp}/built.duckdb"],
    "data status": [],
    "data check": ["cow_nmc"],
    "measures capabilities": ["--start", "1900", "--end", "1900", "--out", "{tmp}/o.csv"],
    "measures structure": ["--start", "1900", "--end", "1900", "--out", "{tmp}/o.csv"],
    "measures transitions": ["--start", "1900", "--end", "1901", "--out", "{tmp}/o.csv"],
    "measures threat": ["--start", "1900", "--end", "1900", "--out", "{tmp}/o.csv"],
    "measures top-threats": ["1913", "FRN"],
    "measures validate-threat": ["--boot", "10"],
    "measures similarity": ["--start", "1900", "--end", "1900", "--out", "{tmp}/o.csv"],
    "measures network": ["--start", "1900", "--end", "1900", "--out", "{tmp}/o.csv"],
    "measures plots": ["--out-dir", "{tmp}/plots", "--pairs", "USA-RUS"],
    "simulate run": ["--states", "5", "--steps", "2"],
    "simulate replay": ["{tmp}/no-run"],
    "simulate strategies": [],
    "simulate experiment": [
        "detente",
        "--out",
        "{tmp}/exp",
        "--runs",
        "1",
        "--states",
        "5",
        "--steps",
        "2",
        "--workers",
        "1",
    ],
    "deterrence solve": [],
    "deterrence statics": ["power_third", "--steps", "3", "--out", "{tmp}/det"],
    "deterrence check": ["--points", "2"],
    "alignments validate": [],
    "embedded atop": ["--monte-carlo", "0"],
    "embedded firms": [],
    "geopolitics diffusion": ["--start", "1900", "--end", "1901"],
    "geopolitics reach": ["--start", "1900", "--end", "1900"],
    "predict evaluate": ["--draws", "0", "--out", "{tmp}/prediction"],
    "predict year": ["2000", "--top", "3"],
}

# commands that start a server: the fuzz checks their arguments, not the server
SERVERS = {"dashboard"}


def _commands():
    """[(command words, click command)] for every leaf command of the app."""
    found = []

    def walk(command, words):
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                walk(sub, words + (name,))
        else:
            found.append((" ".join(words), command))

    walk(get_command(app), ())
    return found


COMMANDS = _commands()


def _kind(param):
    """'int', 'float', 'str', 'path', 'list' or 'bool' from the parameter's annotation."""
    annotation = param.type_descriptor.annotation
    if getattr(param, "is_flag", False) or annotation is bool:
        return "bool"
    if getattr(param, "multiple", False) or getattr(annotation, "__origin__", None) is list or param.nargs == -1:
        return "list"
    if annotation is Path:
        return "path"
    return {int: "int", float: "float"}.get(annotation, "str")


PARAMS = [(name, param) for name, command in COMMANDS for param in command.params if _kind(param) != "bool"]


def _import_everything():
    """Import every module first: a budget alarm must never land inside an import (a half-imported
    module stays broken for the rest of the process)."""
    import importlib
    import pkgutil

    import alliancelab

    for module in pkgutil.walk_packages(alliancelab.__path__, "alliancelab."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    for name in (
        "uvicorn",
        "statsmodels.api",
        "sklearn.linear_model",
        "scipy.optimize",
        "scipy.stats",
        "matplotlib.pyplot",
        "plotly.graph_objects",
        "plotly.io",
        "pyarrow.parquet",
        "networkx",
    ):
        try:  # noqa: SIM105
            importlib.import_module(name)
        except ImportError:
            pass


class _Budget(BaseException):
    """Raised when an accepted call runs past its budget (a BaseException: CliRunner does not catch it)."""


class _Server(BaseException):
    """Raised instead of starting a server."""


def _read_only_folder(tmp):
    """A folder this process cannot write in: a 0500 folder, or /sys when running as root."""
    if os.geteuid() == 0:
        return Path("/sys")
    folder = Path(tmp) / "read-only"
    folder.mkdir(exist_ok=True)
    folder.chmod(0o500)
    return folder


QUICK = {
    "int": ["abc", "-1", "1000000000", "99999999999999999999999"],
    "float": ["nan", "inf", "-1e9"],
    "str": ["", "XYZ", "balance=nan"],
    "list": ["abc", "n_states=1e9", "growth_mean=1"],
}


def bad_values(kind, tmp):
    """Fixed hostile values for one kind of parameter (a few of them unless FULL)."""
    read_only = _read_only_folder(tmp)
    if not FULL:
        return QUICK.get(kind) or ["", str(tmp), str(read_only / "x.csv")]
    common = ["", "abc", "nan", "-1", "1e9"]
    return {
        "int": common + ["0", "1000000000", "-1000000000", "3000", "99999999999999999999999", "inf"],
        "float": common + ["inf", "-inf", "1e309", "0", "-1e9", "1000000000"],
        "str": common
        + ["XYZ", "0", "999999", ",", "USA-", "a=b=c", "balance=nan", "balance=inf", "3000", "1e9,1e9", "-", " "],
        "path": [
            "",
            str(tmp),
            str(read_only / "x.csv"),
            str(read_only / "sub" / "x.csv"),
            str(Path(tmp) / "missing" / "x.csv"),
            "nan",
            str(Path(tmp) / "x.unknown-suffix"),
        ],
        "list": common
        + ["=", "x=1", "n_states=1e9", "growth_mean=1", "growth_mean=-1", "power_third=nan", "n_steps=1000000000"],
    }[kind]


def _fill(words, tmp):
    return [w.replace("{tmp}", str(tmp)) for w in words]


def _replace(base, param, value):
    """The base invocation with ``param`` set to ``value`` (options replaced, arguments substituted)."""
    args = list(base)
    if param.param_type_name == "option":
        for opt in param.opts:
            while opt in args:
                at = args.index(opt)
                del args[at : at + 2]
        return args + [param.opts[0], value]
    # positional: the k-th argument of the command, counted among the positional words of base
    positional = [
        i for i, w in enumerate(args) if not w.startswith("-") and (i == 0 or not args[i - 1].startswith("-"))
    ]
    index = _arguments[id(param)]
    if index < len(positional):
        args[positional[index]] = value
        return args
    return [value] + args if not positional else args[: positional[-1] + 1] + [value] + args[positional[-1] + 1 :]


_arguments = {}
for _, _command in COMMANDS:
    for _k, _p in enumerate(p for p in _command.params if p.param_type_name == "argument"):
        _arguments[id(_p)] = _k


@pytest.fixture(scope="module")
def folder(tmp_path_factory, warehouse_path):
    _import_everything()
    tmp = tmp_path_factory.mktemp("cli-fuzz")
    (tmp / "sweep.toml").write_text(
        'design = "grid"\nreplications = 1\n[base]\nn_states = 4\nn_steps = 2\n[grid]\nwar_threshold = [1.5]\n'
    )
    (tmp / "cells.csv").write_text("a,b,n\nx,u,3\nx,v,5\ny,u,7\ny,v,2\n")
    return tmp


runner = CliRunner()


_fired = []


def invoke(args, monkeypatch):
    """Run the CLI in this process with a wall-clock budget; returns the result, or None if stopped.

    The budget is enforced by a profile hook that raises only on entry to a function of alliancelab
    itself once time is up, so it never lands inside an import, a compiler or a database call (which
    a signal could leave half-done for the rest of the process).
    """
    import matplotlib.pyplot as plt
    import uvicorn

    def no_server(*a, **k):
        raise _Server()

    monkeypatch.setattr(uvicorn, "run", no_server)
    deadline = time.monotonic() + BUDGET_S
    marker = f"{os.sep}alliancelab{os.sep}"

    def profile(frame, event, arg):
        if event == "call" and marker in frame.f_code.co_filename and time.monotonic() > deadline:
            _fired.append(True)
            raise _Budget()

    _fired.clear()
    sys.setprofile(profile)
    try:
        result = runner.invoke(app, args, catch_exceptions=True)
        return None if _fired else result
    except (_Budget, _Server):
        return None
    finally:
        sys.setprofile(None)
        plt.close("all")  # figures of a stopped call


def check(result, args):
    """Exit 0 or 2, no uncaught exception, no traceback."""
    if result is None:  # accepted and ran past the budget, or would have started a server
        return
    output = result.output  # stdout and stderr, mixed
    shown = f"alliancelab {' '.join(repr(a) for a in args)}\n{output[-1500:]}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        trace = "".join(traceback.format_exception(result.exception))
        pytest.fail(f"uncaught {type(result.exception).__name__}: {shown}\n{trace[-3000:]}")
    assert result.exit_code in (0, 2), shown
    assert "Traceback" not in output, shown
    if result.exit_code == 2:
        assert output.strip(), f"exit 2 without a message: {shown}"


def test_every_command_has_a_cheap_valid_invocation():
    assert sorted(BASE) == sorted(name for name, _ in COMMANDS)
    assert len(PARAMS) > 100, "the walk found too few options"


@pytest.mark.parametrize("name, param", PARAMS, ids=[f"{n}:{p.opts[0]}" for n, p in PARAMS])
def test_every_option_refuses_bad_values_cleanly(name, param, folder, monkeypatch):
    monkeypatch.chdir(folder)
    base = _fill(BASE[name], folder)
    for value in bad_values(_kind(param), folder):
        args = name.split() + _replace(base, param, value)
        check(invoke(args, monkeypatch), args)


def _text():
    return st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)


def _value(kind):
    numbers = st.one_of(
        st.integers(-(10**12), 10**12).map(str),
        st.integers().map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.sampled_from(["nan", "inf", "-inf", "1e9", "-1", "0", "3000", "1815", "2100"]),
    )
    if kind in ("int", "float"):
        return st.one_of(numbers, _text())
    if kind == "path":
        return st.one_of(_text(), st.sampled_from(["", ".", "/", "/sys/x.csv", "/proc/x/y.csv"]))
    return st.one_of(
        _text(),
        numbers,
        st.tuples(
            st.sampled_from(["balance", "bandwagon", "n_states", "growth_mean", "power_third", "USA", "a"]),
            st.sampled_from(["=", "-", ",", ":"]),
            numbers,
        ).map("".join),
    )


@settings(
    max_examples=int(os.environ.get("ALLIANCELAB_FUZZ_EXAMPLES", "400" if FULL else "60")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize="ALLIANCELAB_FUZZ_RANDOM" not in os.environ,
)
@given(data=st.data())
def test_generated_bad_values_never_give_a_traceback(data, folder, monkeypatch):
    os.chdir(folder)
    name, param = data.draw(st.sampled_from(PARAMS), label="option")
    values = data.draw(st.lists(_value(_kind(param)), min_size=1, max_size=1), label="value")
    args = name.split() + _replace(_fill(BASE[name], folder), param, values[0])
    check(invoke(args, monkeypatch), args)


def test_nan_and_inf_are_never_silently_accepted_by_float_options(folder, monkeypatch):
    """A float option given NaN either refuses it (exit 2) or the command does not need it numerically."""
    monkeypatch.chdir(folder)
    for name, param in PARAMS:
        if _kind(param) != "float" or name in SERVERS:
            continue
        for value in ("nan", "inf"):
            args = name.split() + _replace(_fill(BASE[name], folder), param, value)
            result = invoke(args, monkeypatch)
            if result is not None:
                assert result.exit_code == 2, f"{args}: {value} accepted\n{result.output[-800:]}"
