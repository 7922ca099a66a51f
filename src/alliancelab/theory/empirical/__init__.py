"""Empirical analyses of the alliance record: each tests a theory against ATOP, COW and related data.

Modules: ``balancing`` (Walt's balancing and bandwagoning rule and the seven alignments),
``walt_tests`` (Walt's conditions, shares by era and region), ``management`` (Morrow's and Snyder's
indicators, alliance maintenance and survival), ``detente`` (detente among rivals and its effect on
alliances), ``profile`` (the alliance profile of a pair), ``burden`` (Olson-Zeckhauser burden
sharing in NATO), ``results`` (named results shared by them). Import the module you need.
"""
