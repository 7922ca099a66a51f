"""Regenerate the generated sections of docs/landscape.md (between <!-- gen:NAME --> markers) and
the war-evaluation figure: the sides of COW wars predicted out of sample, and the certified global
minimum of whole state systems.

Usage: ALLIANCELAB_WAREHOUSE=... python scripts/generate_landscape_docs.py [--skip-systems]
"""

import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from alliancelab.data import warehouse as wh
from alliancelab.theory import landscape as L
from alliancelab.theory import landscape_data as D

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "landscape.md"
FIGURES = ROOT / "docs" / "figures"
MAIN = "fitted (leave one war out)"


def md(frame, floats=3):
    frame = frame.copy()
    for c in frame.columns:
        if frame[c].dtype.kind == "f":
            frame[c] = frame[c].map(lambda v: "" if pd.isna(v) else f"{v:.{floats}f}")
    head = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    return "\n".join([head, rule] + ["| " + " | ".join(map(str, r)) + " |" for r in frame.itertuples(index=False)])


def war_sections():
    table = D.war_table()
    cases = D.war_cases()
    ev = D.evaluate_wars(cases=cases)
    out = {}
    skipped = table[~table.evaluated]
    out["war_list"] = (
        f"{len(table)} COW inter-state wars have at least four participants; {len(cases)} can be evaluated "
        f"(at least four participants that were system members with a CINC score in the year before the war, "
        f"on both sides). Not evaluated: "
        + "; ".join(
            f"war {r.war} ({r.start}): participants {', '.join(r.dropped)} not in the system the year "
            f"before, {len(r.usable)} left"
            for r in skipped.itertuples()
        )
        + ". Participants dropped from evaluated wars: "
        + ("; ".join(f"war {c.warnum}: {', '.join(c.dropped)}" for c in cases if c.dropped) or "none")
        + "."
    )
    chance = np.mean([D.chance_share_right(c.n) for c in cases])
    overall = ev.overall.copy()
    overall["wars"] = overall.wars.astype(int)
    overall["states"] = overall.states.astype(int)
    overall["actual_is_global_minimum"] = overall.actual_is_global_minimum.astype(int)
    out["war_overall"] = md(
        overall.rename(
            columns={
                "pooled_share_right": "pooled share right",
                "mean_share_right": "mean share right",
                "actual_is_global_minimum": "wars where actual = global minimum",
                "median_actual_percentile": "median percentile of actual alignment",
                "largest_basin_mean_share_right": "largest basin: mean share right",
            }
        )
    ) + (
        f"\n\nChance level (a uniformly random split, better of the two labelings), averaged over the same wars: "
        f"**{chance:.3f}**."
    )
    per = ev.per_war
    main = per[per.model == MAIN].set_index("war")
    default = per[per.model == "default"].set_index("war")
    caps = per[per.model == "capabilities only"].set_index("war")
    rows = []
    for w, r in main.iterrows():
        rows.append(
            {
                "war": w,
                "start": r.start,
                "n": r.n,
                "side A": r.side_a,
                "side B": r.side_b,
                "fitted: right": f"{r.right} of {r.scored}",
                "fitted: minima": r.n_minima,
                "fitted: largest basin right": f"{r.largest_basin_right} ({r.largest_basin_share:.0%} basin)",
                "fitted: actual rank": f"{r.actual_rank:,} of {r.alignments:,}",
                "default: right": f"{default.loc[w].right} of {r.scored}",
                "capabilities: right": f"{caps.loc[w].right} of {r.scored}",
            }
        )
    out["war_table"] = md(pd.DataFrame(rows))
    few = per[(per.model.isin([MAIN, "default"])) & (per.largest_basin_share_right <= 0.6)]
    lines = []
    for r in few.itertuples():
        which = "global minimum" if r.largest_basin_rank == 0 else f"minimum of energy rank {r.largest_basin_rank}"
        lines.append(
            f"* war {r.war} ({r.start}), {r.model}: the largest basin ({r.largest_basin_share:.0%} of "
            f"alignments) is the {which} "
            f"that places {r.largest_basin_right} of {r.scored} right; predicted camps "
            f"[{r.predicted_a}] vs [{r.predicted_b or '-'}], actual [{r.side_a}] vs [{r.side_b}]."
        )
    out["war_few"] = "\n".join(lines) if lines else "(none)"
    weights = pd.DataFrame([w for (m, _), w in ev.weights.items() if m == MAIN])
    summary = pd.DataFrame(
        {
            "component": weights.columns,
            "median": weights.median().to_numpy(),
            "min": weights.min().to_numpy(),
            "max": weights.max().to_numpy(),
            "default": [D.DEFAULT_WEIGHTS[c] for c in weights.columns],
        }
    )
    out["war_weights"] = md(summary)
    out["war_sources"] = "Sources: " + "; ".join(ev.citations)
    FIGURES.mkdir(parents=True, exist_ok=True)
    L.plot_war_evaluation(ev, FIGURES, models=[MAIN, "default", "capabilities only", "alliances only"])
    return out


def system_sections(con):
    rows = []
    for year, limit in ((1913, 120), (1938, 120), (1990, 60)):
        codes = (
            con.execute(
                "SELECT s.ccode FROM states s JOIN nmc n ON n.ccode = s.ccode AND n.year = ? "
                "WHERE s.styear <= ? AND s.endyear >= ? AND n.cinc > 0 ORDER BY s.ccode",
                [year, year, year],
            )
            .df()
            .ccode.tolist()
        )
        system = D.build_system([str(c) for c in codes], year)
        t = time.perf_counter()
        res = L.two_camp_minimum(system.sizes, system.propensity(), names=system.names, time_limit=limit)
        seconds = time.perf_counter() - t
        small, big = sorted(res.camps(), key=len)
        rows.append(
            {
                "year": year,
                "states": len(codes),
                "status": res.status,
                "energy": f"{res.energy:.5g}",
                "bound": f"{res.lower_bound:.5g}",
                "method": res.bound_method,
                "time limit (s)": limit,
                "seconds": f"{seconds:.1f}",
                "smaller camp": " ".join(small) if len(small) <= 30 else f"{len(small)} states",
            }
        )
    return {"systems": md(pd.DataFrame(rows))}


def main():
    text = DOC.read_text()
    names = ["war_list", "war_overall", "war_table", "war_few", "war_weights", "war_sources", "systems"]
    missing = [n for n in names if f"<!-- gen:{n} -->" not in text or f"<!-- /gen:{n} -->" not in text]
    if missing:
        raise SystemExit(f"docs/landscape.md lacks the markers of {missing}")
    con = wh.connect()
    sections = war_sections()
    if "--skip-systems" not in sys.argv:
        sections.update(system_sections(con))
    text = DOC.read_text()
    for name, body in sections.items():
        pattern = re.compile(rf"(<!-- gen:{name} -->\n).*?(<!-- /gen:{name} -->)", re.S)
        if not pattern.search(text):
            raise SystemExit(f"docs/landscape.md has no <!-- gen:{name} --> marker")
        text = pattern.sub(lambda m, body=body: m.group(1) + body + "\n" + m.group(2), text)
    DOC.write_text(text)
    print(f"wrote {DOC} ({', '.join(sections)})")


if __name__ == "__main__":
    main()
