"""Agent-based simulation of an international system of states that balance, bandwagon, pass the
buck or seek detente (docs/simulation.md).

- ``model``: parameters (``SimParams``), initial state, and the Numba-compiled turn loop (a
  package: one compiled function per phase, sparse structures, the dense reference kernel);
- ``strategies``: the alignment strategies and how to write a new one;
- ``geography``: grid, planar and historical (real capitals, CINC, contiguity) maps;
- ``runs``: one run as tables, saving to Parquet, bit-for-bit replay;
- ``sweep``: grid/random designs on local cores or a Dask cluster, resumable;
- ``experiments``: built-in experiments (strategies, detente, number of great powers);
- ``plots``: maps over time and survival curves (Plotly HTML + matplotlib PNG).
"""
