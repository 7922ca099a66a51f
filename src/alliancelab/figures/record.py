"""Figures of the empirical analyses of the record: burden sharing, detente, alliance profiles, Walt's tests.

Each function takes results already computed and writes ``stem``.html (Plotly) and ``stem``.png
(matplotlib); plotly and matplotlib are imported only when a figure is drawn.
"""

import numpy as np
import pandas as pd


def burden_correlations(table, path_stem, title="Burden vs size (Spearman rho)", published=None):
    """Spearman rho(burden, GDP) per year, significant years ringed.

    Parameters
    ----------
    table : pandas.DataFrame
        ``theory.empirical.burden.burden_correlations`` output.
    path_stem : str or Path
        Output path without suffix (.html through Plotly, .png through matplotlib).
    title : str, optional
    published : dict, optional
        year -> rho; published values drawn as crosses.

    Returns
    -------
    tuple
        (html_path, png_path).
    """
    published = published or {}
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import plotly.graph_objects as go

    from alliancelab.plotting import save_matplotlib, save_plotly

    sig = table[table.significant_05]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=table.year,
            y=table.rho,
            mode="lines+markers",
            name="rho",
            text=[f"N={n}, p={p:.3f}" for n, p in zip(table.n, table.p_value)],
        )
    )
    fig.add_trace(
        go.Scatter(
            x=sig.year,
            y=sig.rho,
            mode="markers",
            name="p < 0.05",
            marker=dict(size=11, symbol="circle-open", color="red"),
        )
    )
    fig.add_trace(
        go.Scatter(
            x=list(published),
            y=list(published.values()),
            mode="markers",
            name="published (N=15)",
            marker=dict(symbol="x", size=10, color="black"),
        )
    )
    fig.add_hline(y=0, line_dash="dot")
    fig.update_layout(title=title, xaxis_title="year", yaxis_title="Spearman rho(burden, GDP)")
    html = save_plotly(fig, path_stem)

    fig2, ax = plt.subplots(figsize=(9, 4))
    ax.plot(table.year, table.rho, "-o", ms=3, label="rho")
    ax.plot(sig.year, sig.rho, "o", mfc="none", mec="red", ms=8, label="p < 0.05")
    ax.plot(list(published), list(published.values()), "kx", label="published (N=15)")
    ax.axhline(0, ls=":", c="grey")
    ax.set_xlabel("year")
    ax.set_ylabel("Spearman rho(burden, GDP)")
    ax.set_title(title)
    ax.legend(loc="best", fontsize=8)
    fig2.tight_layout()
    return html, save_matplotlib(fig2, path_stem, dpi=110, bbox_inches=None)


def detente_tension(flagged, periods, dyads, stem, names=None):
    """Tension of chosen dyads over time with detente periods shaded: ``stem``.html and .png.

    Parameters
    ----------
    flagged : pandas.DataFrame
        Yearly tension per dyad (dyad, year, tension; optionally series, rivalry).
    periods : pandas.DataFrame
        Detente periods (dyad, start, end).
    dyads : sequence
        The dyads drawn.
    stem : str or Path
        Output path without suffix.
    names : dict, optional
        Dyad -> label.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import plotly.graph_objects as go

    from alliancelab.plotting import save_matplotlib, save_plotly

    names = names or {}
    figure = go.Figure()
    fig, axis = plt.subplots(figsize=(10, 4))
    key = "series" if "series" in flagged.columns else "dyad"  # each rivalry spell is its own series
    for dyad in dyads:
        for series, part in flagged[flagged["dyad"] == dyad].groupby(key):
            label = f"{names.get(dyad, dyad)} {part['rivalry'].iloc[0] if 'rivalry' in part else series}"
            figure.add_trace(go.Scatter(x=part["year"], y=part["tension"], mode="lines", name=label))
            axis.plot(part["year"], part["tension"], label=label)
        for period in periods[periods["dyad"] == dyad].itertuples():
            figure.add_vrect(x0=period.start - 0.5, x1=period.end + 0.5, fillcolor="green", opacity=0.15, line_width=0)
            axis.axvspan(period.start - 0.5, period.end + 0.5, color="green", alpha=0.15)
    figure.update_layout(
        title="Rivalry tension (z units) with detente periods shaded",
        template="plotly_white",
        xaxis_title="year",
        yaxis_title="tension",
    )
    save_plotly(figure, f"{stem}.html")
    axis.set_xlabel("year")
    axis.set_ylabel("tension (z units)")
    axis.set_title("Rivalry tension with detente periods shaded (GML, ATOP, Thompson & Dreyer)", fontsize=9)
    axis.legend(fontsize=8)
    fig.tight_layout()
    save_matplotlib(fig, f"{stem}.png", dpi=110, bbox_inches=None)


def alliance_profile(years, names, detente, stem):
    """Capability, burden, similarity and Snyder indicators of a pair over time (``theory.empirical.profile.profile``).

    Writes ``stem``.html and ``stem``.png.

    Parameters
    ----------
    years : pandas.DataFrame
        The profile's yearly table.
    names : dict
        Its names (abb_a, name_a, name_b).
    detente : pandas.DataFrame
        The detente periods of common adversaries (shaded).
    stem : str or Path
        Output path without suffix.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    from alliancelab.plotting import save_matplotlib, save_plotly

    y = years
    n = names
    panels = [
        ("asymmetry", "capability asymmetry max/(a+b)"),
        ("milex_share_a", f"{n['abb_a']} share of pair's milex"),
        ("similarity", "S (portfolio similarity)"),
    ]
    risks = [
        c for c in ("abandonment_risk_a", "abandonment_risk_b", "entrapment_risk_a", "entrapment_risk_b") if c in y
    ]
    figure = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        subplot_titles=("capability and burden", "similarity", "Snyder indicators (percentile ranks)"),
    )
    for column, label in panels[:2]:
        figure.add_trace(go.Scatter(x=y["year"], y=y[column], name=label), row=1, col=1)
    figure.add_trace(go.Scatter(x=y["year"], y=y["similarity"], name="S unweighted"), row=2, col=1)
    for column in risks:
        figure.add_trace(go.Scatter(x=y["year"], y=y[column], name=column), row=3, col=1)
    fig, axes = plt.subplots(3, 1, figsize=(10, 9), sharex=True)
    for column, label in panels[:2]:
        axes[0].plot(y["year"], y[column], label=label)
    axes[1].plot(y["year"], y["similarity"], label="S unweighted")
    for column in risks:
        axes[2].plot(y["year"], y[column], label=column)
    for period in detente.itertuples():
        for row in (1, 2, 3):
            figure.add_vrect(
                x0=period.start - 0.5,
                x1=period.end + 0.5,
                fillcolor="green",
                opacity=0.12,
                line_width=0,
                row=row,
                col=1,
            )
        for axis in axes:
            axis.axvspan(period.start - 0.5, period.end + 0.5, color="green", alpha=0.12)
    title = f"Alliance profile {n['name_a']} - {n['name_b']} (detente of common adversaries shaded)"
    figure.update_layout(title=title, template="plotly_white", height=900)
    save_plotly(figure, f"{stem}.html")
    for axis in axes:
        axis.legend(fontsize=7)
    axes[2].set_xlabel("year")
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    save_matplotlib(fig, f"{stem}.png", dpi=100, bbox_inches=None)


def walt_alignments(era, region, alignments, stem):
    """Stacked bars of the seven alignments (and neither) by era and region: ``stem``.html and .png.

    Parameters
    ----------
    era, region : pandas.DataFrame
        ``theory.empirical.balancing.alignment_shares`` tables (in the order drawn).
    alignments : sequence of str
        The alignment names (their columns).
    stem : str or Path
        Output path without suffix.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    from alliancelab.plotting import save_matplotlib, save_plotly

    names = alignments
    colours = dict(zip(names, ("#2b6cb0", "#c53030", "#dd6b20", "#805ad5", "#742a2a", "#38a169", "#a0aec0", "#e2e8f0")))
    figure = make_subplots(rows=1, cols=2, subplot_titles=("by era", "by region"))
    fig, axes = plt.subplots(1, 2, figsize=(13, 4.8))
    for col, (frame, key) in enumerate(((era, "era"), (region, "region")), start=1):
        shares = frame[list(names)].div(frame["decisions"], axis=0)
        bottom = np.zeros(len(frame))
        for name in names:
            figure.add_trace(
                go.Bar(
                    x=frame[key].astype(str), y=shares[name], name=name, marker_color=colours[name], showlegend=col == 1
                ),
                row=1,
                col=col,
            )
            axes[col - 1].bar(frame[key].astype(str), shares[name], bottom=bottom, color=colours[name], label=name)
            bottom += shares[name].to_numpy()
        axes[col - 1].set_title(f"by {key}")
        axes[col - 1].tick_params(axis="x", rotation=30)
    axes[1].legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    figure.update_layout(barmode="stack", title="Alignments of the ATOP 4.01 decisions", template="plotly_white")
    save_plotly(figure, f"{stem}.html")
    save_matplotlib(fig, f"{stem}.png")


def walt_shares(era, region, middle_east, stem):
    """Stacked bars of label shares by era and region: ``stem``.html (Plotly) and ``stem``.png.

    Parameters
    ----------
    era, region, middle_east : pandas.DataFrame
        The share tables of ``theory.empirical.walt_tests.walt_shares`` (columns ``<label>_share`` for
        balancing, bandwagoning, neither); ``middle_east`` covers the Middle East 1955-1979.
    stem : str or Path
        Output path without suffix.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    from alliancelab.plotting import save_matplotlib, save_plotly

    me = middle_east.assign(region="Middle East 1955-79")
    region = pd.concat([region, me], ignore_index=True)
    colours = {"balancing": "#2b6cb0", "bandwagoning": "#c53030", "neither": "#a0aec0"}
    figure = make_subplots(rows=1, cols=2, subplot_titles=("by era", "by region"))
    for col, (frame, key) in enumerate(((era, "era"), (region, "region")), start=1):
        for label in colours:
            figure.add_trace(
                go.Bar(
                    x=frame[key].astype(str),
                    y=frame[f"{label}_share"],
                    name=label,
                    marker_color=colours[label],
                    showlegend=col == 1,
                ),
                row=1,
                col=col,
            )
    figure.update_layout(
        barmode="stack", title="Alignment decisions, ATOP 4.01 (rule defaults)", template="plotly_white"
    )
    save_plotly(figure, stem)
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
    for axis, (frame, key) in zip(axes, ((era, "era"), (region, "region"))):
        bottom = np.zeros(len(frame))
        for label in colours:
            axis.bar(frame[key].astype(str), frame[f"{label}_share"], bottom=bottom, label=label, color=colours[label])
            bottom += frame[f"{label}_share"].to_numpy()
        axis.set_ylabel("share of decisions")
        axis.tick_params(axis="x", rotation=30)
    axes[0].legend(fontsize=8)
    fig.suptitle("Balancing, bandwagoning, neither: ATOP 4.01 decisions", fontsize=10)
    fig.tight_layout()
    save_matplotlib(fig, stem, dpi=110, bbox_inches=None)
