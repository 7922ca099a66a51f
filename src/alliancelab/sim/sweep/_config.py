"""A sweep's config: read from TOML, YAML or JSON (or a dict) and validated against ``SimParams``."""

import json
import tomllib
from pathlib import Path

from alliancelab.errors import ParameterError
from alliancelab.sim.model import SimParams
from alliancelab.sim.sweep._design import check_sweep_memory, design_points

CONFIG_KEYS = {
    "name",
    "seed",
    "design",
    "replications",
    "chunk_size",
    "common_random_numbers",
    "base",
    "grid",
    "random",
    "keep_series",
}


def load_config(path):
    """Read and validate a sweep config from a file.

    Parameters
    ----------
    path : str or path
        A ``.toml``, ``.yaml``/``.yml`` or ``.json`` file.

    Returns
    -------
    dict
        The validated config (``validate_config``).

    Raises
    ------
    ParameterError
        Naming the file when it is missing, of an unknown format, unparsable or invalid.
    """
    path = Path(path)
    if not path.exists():
        raise ParameterError(f"sweep config {path}: no such file")
    suffix = path.suffix.lower()
    text = path.read_bytes()
    try:
        if suffix == ".toml":
            config = tomllib.loads(text.decode("utf-8"))
        elif suffix in (".yaml", ".yml"):
            import yaml

            config = yaml.safe_load(text)
        elif suffix == ".json":
            config = json.loads(text)
        else:
            raise ParameterError(
                f"sweep config {path}: unknown format {suffix!r}; expected .toml, .yaml, .yml or .json"
            )
    except ParameterError:
        raise
    except Exception as err:  # parser errors of three libraries
        raise ParameterError(f"sweep config {path}: cannot parse ({err})") from None
    return validate_config(config, source=str(path))


def _int(config, key, source, default, low):
    value = config.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ParameterError(f"{source}: '{key}' = {value!r}, expected an integer >= {low}")
    return value


def validate_config(config, source="sweep config"):
    """Check a sweep config and return it normalised, with defaults filled in.

    Parameters
    ----------
    config : dict
        The settings of the module description: name, root entropy, design ("grid" or "random"),
        replications, chunk_size, common_random_numbers, keep_series, base, grid, random.
    source : str, default "sweep config"
        What the config came from, named in error messages.

    Returns
    -------
    dict
        The config with every key present; every design point is checked as simulation parameters and
        the sweep's memory estimate against the limit (``check_sweep_memory``).

    Raises
    ------
    ParameterError
        Naming the key (and design point) that is wrong.

    Examples
    --------
    >>> cfg = validate_config({"grid": {"war_threshold": [1.5, 3.0]}, "replications": 2})
    >>> cfg["design"], cfg["chunk_size"]
    ('grid', 8)
    """
    if not isinstance(config, dict):
        raise ParameterError(f"{source}: expected a table of settings, got {type(config).__name__}")
    unknown = sorted(set(config) - CONFIG_KEYS)
    if unknown:
        raise ParameterError(f"{source}: unknown key(s) {unknown}; expected some of {sorted(CONFIG_KEYS)}")
    out = {
        "name": str(config.get("name", "sweep")),
        "seed": _int(config, "seed", source, 0, 0),
        "design": config.get("design", "grid"),
        "replications": _int(config, "replications", source, 1, 1),
        "chunk_size": _int(config, "chunk_size", source, 8, 1),
        "common_random_numbers": bool(config.get("common_random_numbers", False)),
        "keep_series": bool(config.get("keep_series", True)),
        "base": config.get("base", {}) or {},
    }
    if out["design"] not in ("grid", "random"):
        raise ParameterError(f"{source}: 'design' = {out['design']!r}, expected 'grid' or 'random'")
    if not isinstance(out["base"], dict):
        raise ParameterError(f"{source}: [base] must be a table of simulation parameters")
    known = {f for f in SimParams.__dataclass_fields__}
    section = out["design"]
    spec = config.get(section, {}) or {}
    if not isinstance(spec, dict):
        raise ParameterError(f"{source}: [{section}] must be a table")
    other = "random" if section == "grid" else "grid"
    if config.get(other):
        raise ParameterError(f"{source}: design is {section!r} but a [{other}] table is given")
    spec = dict(spec)
    n_points = None
    if section == "random":
        n_points = _int(spec, "n_points", f"{source} [random]", 1, 1)
        spec.pop("n_points", None)
    for key in list(out["base"]) + list(spec):
        if key not in known:
            raise ParameterError(f"{source}: unknown simulation parameter {key!r}; expected some of {sorted(known)}")
    for key, values in spec.items():
        if not isinstance(values, list) or not values:
            raise ParameterError(
                f"{source} [{section}]: {key} = {values!r}, expected a non-empty "
                "list" + (" ([low, high] or choices)" if section == "random" else "")
            )
    if section == "random":
        spec["n_points"] = n_points
    out[section] = spec
    check_sweep_memory(out, source)
    points = design_points(out)
    for k, point in enumerate(points):
        try:
            SimParams.from_dict({**out["base"], **point})
        except ParameterError as err:
            raise ParameterError(f"{source}: design point {k} ({json.dumps(point, sort_keys=True)}): {err}") from None
    return out
