"""Figure of the validation: top-1 / top-3 hit rates with their bootstrap intervals, per scorer."""

import numpy as np
import plotly.graph_objects as go

from alliancelab import plotting


def plot_validation(summary, path, evaluation="leave_alliance_out", sources=()):
    """Bars of top-1 and top-3 hit rates (95% CI whiskers) of every scorer in one ``evaluation`` of
    ``evaluate_threat_model(...).summary``; writes ``path``.html and .png, returns both paths."""
    part = summary[summary["evaluation"] == evaluation].reset_index(drop=True)
    title = f"Named threats ranked top-1 / top-3 ({evaluation.replace('_', ' ')}, {part['cases'].iloc[0]} cases)"
    caption = "Sources: " + "; ".join(sources) if sources else ""
    figure = go.Figure()
    for k in (1, 3):
        figure.add_bar(
            name=f"top-{k}",
            x=part["scorer"],
            y=part[f"top{k}"],
            error_y={
                "type": "data",
                "symmetric": False,
                "array": part[f"top{k}_high"] - part[f"top{k}"],
                "arrayminus": part[f"top{k}"] - part[f"top{k}_low"],
            },
        )
    figure.update_layout(
        title=title,
        yaxis_title="share of cases (expected over random tie-breaks)",
        barmode="group",
        annotations=[
            {
                "text": caption[:300],
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": -0.25,
                "font": {"size": 9},
            }
        ],
    )
    fig, ax = plotting.pyplot().subplots(figsize=(9, 4.5))
    x = np.arange(len(part))
    for n, k in enumerate((1, 3)):
        low = part[f"top{k}"] - part[f"top{k}_low"]
        high = part[f"top{k}_high"] - part[f"top{k}"]
        ax.bar(x + (n - 0.5) * 0.38, part[f"top{k}"], width=0.38, yerr=[low, high], capsize=3, label=f"top-{k}")
    ax.set_xticks(x, part["scorer"], rotation=20)
    ax.set_ylabel("share of cases")
    ax.set_title(title, fontsize=10)
    ax.legend()
    if caption:
        fig.text(0.01, -0.04, caption[:200], fontsize=6)
    return plotting.save_figures(figure, fig, path)
