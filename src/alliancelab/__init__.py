"""alliancelab: the computational study of alliances.

Layers, lowest first: ``data`` (validated sources in a DuckDB warehouse) -> ``panels`` (state-years
and dyad-years with chainable ``add_*`` steps) -> ``measures`` (capabilities, threat, similarity,
networks) -> ``theory`` (one module per theory) -> ``sim`` / ``predict`` -> ``report``, ``cli``, ``web``.
"""

from alliancelab.errors import AllianceLabError

__version__ = "0.1.0"


def __getattr__(name):
    # Lazy access to the panel entry points so `import alliancelab` stays cheap.
    if name in ("state_years", "dyad_years"):
        from alliancelab import panels

        return getattr(panels, name)
    raise AttributeError(name)


__all__ = ["AllianceLabError", "state_years", "dyad_years", "__version__"]
