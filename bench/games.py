"""Benchmark: all PBE of the third-party deterrence game, our closed-form solver vs Gambit.

Fast path: ``deterrence.solve`` (exact enumeration of the indifference roots, no search).
Reference: Gambit (pygambit) on the same game built as a finite extensive form at each point:
``enumpure_agent_solve`` (all pure agent-form equilibria, filtered to weak PBE) plus
``enumpoly_solve`` on the extensive form (support enumeration, finds mixed equilibria).
Both run in this process on the same grid of >= 200 parameter points. The script checks that every
equilibrium we report has Gambit max regret < 1e-9 (Nash and agent form) and that every weak PBE
Gambit finds lies in one of our equilibrium families.

Usage: .venv/bin/python bench/games.py [--points 240]
"""

import argparse
import time

import pygambit as gbt

from alliancelab.theory.formal import deterrence as dt
from alliancelab.theory.formal import games


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--points", type=int, default=240)
    args = parser.parse_args()
    grid = dt.parameter_grid(args.points)

    started = time.perf_counter()
    solutions = [dt.solve(p) for p in grid]
    ours = time.perf_counter() - started

    ref_time = 0.0
    worst_regret, profiles, gambit_found, gambit_mixed, missed = 0.0, 0, 0, 0, 0
    for point, sol in zip(grid, solutions):
        tree = dt.build_game(point)
        game = tree.to_pygambit()
        t0 = time.perf_counter()
        found = games.pure_pbe_gambit(tree, game)
        for eq in gbt.nash.enumpoly_solve(game, maxregret=1e-9).equilibria:
            behaviour = games.behaviour_from_gambit(eq)
            if tree.pbe_violation(behaviour)[0] < 1e-7:
                found.append(behaviour)
        ref_time += time.perf_counter() - t0
        for behaviour in found:
            gambit_found += 1
            gambit_mixed += any(0 < v < 1 for b in behaviour.values() for v in b.values())
            missed += not any(e.contains(behaviour, 1e-6) for e in sol.equilibria)
        for eq in sol.equilibria:
            for probs in eq.members():
                profiles += 1
                worst_regret = max(worst_regret, *tree.max_regret(eq.behaviour(probs), game))

    kinds = {}
    for sol in solutions:
        for eq in sol.equilibria:
            kinds[eq.kind] = kinds.get(eq.kind, 0) + 1
    n = len(grid)
    print(f"grid: {n} points ({sum(p.side == 'defender' for p in grid)} defender-side); equilibria reported: {kinds}")
    print(f"our solver: {ours:.3f} s ({1e3 * ours / n:.2f} ms per point)")
    print(f"Gambit enumpure_agent + enumpoly: {ref_time:.2f} s ({1e3 * ref_time / n:.1f} ms per point)")
    print(f"check 1: {profiles} reported profiles, max Gambit regret {worst_regret:.1e} (< 1e-9)")
    print(f"check 2: {gambit_found} weak PBE found by Gambit ({gambit_mixed} mixed), not in our families: {missed}")
    assert worst_regret < 1e-9 and missed == 0
    print(
        f"bench games: {ours:.3f} s for {n} parameter points "
        f"({ref_time / ours:.0f}x vs reference pygambit enumpure_agent+enumpoly)"
    )


if __name__ == "__main__":
    main()
