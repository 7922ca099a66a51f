"""Embedded patterns of alliance formation: hierarchical log-linear models of alliance characteristics.

* ``loglinear``: the general tool (contingency tables from one row per alliance or from counts, the
  hierarchical family of Poisson log-linear models, G2 / X2 / df / p-values, forward and backward
  selection, Monte-Carlo test, residuals, odds ratios, dominant configurations).
* ``atop``: the founding characteristics of ATOP 4.01 state alliances, their table and its analysis.
* ``firms``: what the firm-alliance study published, and the documented example table.
* ``plots``: the mosaic plot.

References
----------
Osborn, R. N., Hagedoorn, J., Denekamp, J. G., Duysters, G. and Baughn, C. C. (1998), "Embedded patterns
of international alliance formation", Organization Studies 19(4): 617-638.
"""
