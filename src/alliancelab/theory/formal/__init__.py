"""Formal models of alliance politics, solved exactly.

Modules: ``deterrence`` (extended deterrence with a third-party ally: every perfect Bayesian
equilibrium), ``security_dilemma`` (Snyder's alliance security dilemma; Morrow's
security-autonomy model), ``games`` (extensive-form games and the bridge to Gambit). Import the
module you need.
"""
