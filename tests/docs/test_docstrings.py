"""Docstrings in one style (numpy: summary, Parameters, Returns, Examples, References).

Every public function and class that the API reference renders (the same objects, found the same way:
griffe reading the source, with the re-export rule of docs/griffe_reexports.py) must have

- a one-line summary,
- a Parameters section when it takes parameters (for a class: its ``__init__``'s, or its fields as
  Parameters or Attributes),
- a Returns (or Yields) section when it returns a value.

Two explicit lists leave modules out, each by module path prefix:

- ``OWNED_ELSEWHERE``: modules other engineers were changing in the same round; converted after the merge;
- ``NOT_YET_CONVERTED``: modules whose docstrings still use the older free-form style.

Both lists only ever shrink: a module taken off must pass.
"""

import ast
import sys
import textwrap
from pathlib import Path

import pytest

griffe = pytest.importorskip("griffe")

ROOT = Path(__file__).resolve().parents[2]
RENDERED = (
    "alliancelab.errors",
    "alliancelab.files",
    "alliancelab.limits",
    "alliancelab.parameters",
    "alliancelab.plotting",
    "alliancelab.data",
    "alliancelab.panels",
    "alliancelab.measures",
    "alliancelab.theory",
    "alliancelab.sim",
    "alliancelab.predict",
    "alliancelab.figures",
    "alliancelab.report",
    "alliancelab.web",
)

OWNED_ELSEWHERE = ()

NOT_YET_CONVERTED = ()


def _left_out(path):
    return any(path == p or path.startswith(p + ".") for p in OWNED_ELSEWHERE + NOT_YET_CONVERTED)


def _returns_value(function):
    # A `return <value>` (other than None) or a yield in the function's own body, not in nested defs.
    try:
        tree = ast.parse(textwrap.dedent(function.source))
    except (SyntaxError, OSError, ValueError):
        return False

    def walk(node):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                continue
            if (
                isinstance(child, ast.Return)
                and child.value is not None
                and not (isinstance(child.value, ast.Constant) and child.value.value is None)
            ):
                return True
            if isinstance(child, (ast.Yield, ast.YieldFrom)) or walk(child):
                return True
        return False

    return walk(tree.body[0])


def _parameters(obj):
    if obj.is_function:
        return [p.name for p in obj.parameters if p.name not in ("self", "cls")]
    init = obj.members.get("__init__")
    if init is not None and not init.is_alias and init.is_function:
        return [p.name for p in init.parameters if p.name not in ("self", "cls")]
    if any("dataclass" in str(d.value) for d in obj.decorators):
        return [name for name, m in obj.members.items() if m.is_attribute and not name.startswith("_")]
    return []


def problems(obj):
    """What the docstring of one function or class lacks (empty when it is complete)."""
    docstring = obj.docstring
    if docstring is None or not docstring.value.strip():
        return ["no docstring"]
    found = []
    if not docstring.value.strip().splitlines()[0].strip():
        found.append("no summary line")
    kinds = {section.kind.value for section in docstring.parsed}
    if (
        _parameters(obj)
        and not kinds & {"parameters", "other parameters"}
        and not (obj.is_class and "attributes" in kinds)
    ):
        found.append("no Parameters section")
    if obj.is_function and _returns_value(obj) and not kinds & {"returns", "yields"}:
        found.append("no Returns section")
    return found


def rendered_objects():
    """(path, module path, object) of every public function and class the API reference shows."""
    sys.path.insert(0, str(ROOT / "docs"))
    try:
        from griffe_reexports import PublicReexports
    finally:
        sys.path.remove(str(ROOT / "docs"))
    package = griffe.load(
        "alliancelab",
        search_paths=[str(ROOT / "src")],
        docstring_parser="numpy",
        extensions=griffe.load_extensions(PublicReexports()),
    )
    seen = {}

    def visit(module):
        for name, member in module.members.items():
            if name.startswith("_") or not member.is_public:
                continue
            try:
                target = member.final_target if member.is_alias else member
            except griffe.AliasResolutionError:
                continue
            if target.is_module:
                if not member.is_alias:
                    visit(target)
            elif (target.is_function or target.is_class) and target.path not in seen:
                seen[target.path] = (target.module.path, target)

    for name in RENDERED:
        visit(package[name.removeprefix("alliancelab.")] if name != "alliancelab" else package)
    return seen


OBJECTS = rendered_objects()


def test_the_checker_sees_the_api():
    assert len(OBJECTS) > 300
    assert "alliancelab.theory.empirical.balancing._rule.classify" in OBJECTS or any(
        p.endswith(".classify") for p in OBJECTS
    )


def test_public_docstrings_follow_the_numpy_style():
    failures = [
        f"{path}: {', '.join(found)}"
        for path, (module, obj) in sorted(OBJECTS.items())
        if not _left_out(module) and (found := problems(obj))
    ]
    assert not failures, "docstrings lacking a numpy section:\n" + "\n".join(failures)


def test_the_lists_name_existing_modules():
    modules = {module for module, _ in OBJECTS.values()}
    for prefix in NOT_YET_CONVERTED:
        assert any(m == prefix or m.startswith(prefix + ".") for m in modules), f"{prefix} is no longer in the API"


def test_no_internal_references_in_docstrings():
    # Docstrings are user documentation: no pointers to files outside the repository.
    offenders = [
        path
        for path, (module, obj) in OBJECTS.items()
        if not _left_out(module) and obj.docstring and "THEORY.md" in obj.docstring.value
    ]
    assert not offenders


def test_docstring_examples_run(warehouse_path):
    # The Examples sections of the checked modules are doctests.
    import doctest
    import importlib

    modules = sorted(
        {
            module
            for module, obj in OBJECTS.values()
            if not _left_out(module) and obj.docstring and ">>>" in obj.docstring.value
        }
    )
    assert modules
    for name in modules:
        result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
        assert result.failed == 0, f"{name}: {result.failed} docstring example(s) failed"
