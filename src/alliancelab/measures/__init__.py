"""Measures computed for every state-year and dyad-year: capabilities, threat, similarity, networks.

Pure functions on DataFrames and arrays; each module documents its formulas and citations.
"""
