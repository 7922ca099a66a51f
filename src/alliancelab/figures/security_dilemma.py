"""Figures of the formal models of the security dilemma (Snyder 1984) and of alliance form (Morrow 1991)."""


# ---------------------------------------------------------------------------- plots
def dilemma_risks(curves, poles, risk, path_stem):
    """Risk curves A_i, E_i against commitment for several polarities, and the unavoidable risk.

    Parameters
    ----------
    curves : dict
        Number of poles -> ``theory.formal.security_dilemma.risk_curves`` output.
    poles, risk : sequence
        x and y of the unavoidable risk (``unavoidable_risk``).
    path_stem : str or Path
        Output path without suffix.

    Returns
    -------
    tuple
        (html_path, png_path).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    from alliancelab.plotting import save_figures

    fig = make_subplots(
        rows=1, cols=2, subplot_titles=("risks of ally i vs its commitment", "unavoidable risk vs number of poles")
    )
    mfig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    for n, frame in curves.items():
        for col, dash in (("abandonment", "solid"), ("entrapment", "dash")):
            fig.add_trace(
                go.Scatter(x=frame.commitment, y=frame[col], name=f"{col}, n={n}", line=dict(dash=dash)), row=1, col=1
            )
            axes[0].plot(frame.commitment, frame[col], "-" if dash == "solid" else "--", label=f"{col}, n={n}")
    fig.add_trace(go.Scatter(x=list(poles), y=risk, mode="lines+markers", name="min risk"), row=1, col=2)
    axes[1].plot(list(poles), risk, "-o")
    axes[0].set_xlabel("commitment c_i")
    axes[0].set_ylabel("risk")
    axes[0].legend(fontsize=7)
    axes[1].set_xlabel("poles n")
    axes[1].set_ylabel("min_c (L_A A + L_E E)")
    fig.update_layout(title="Snyder's alliance security dilemma", height=380)
    mfig.tight_layout()
    return save_figures(fig, mfig, path_stem, dpi=100, bbox_inches=None)


def morrow_forms(frame, path_stem):
    """Preferred alliance form over capability ratio and threat (Morrow 1991).

    Parameters
    ----------
    frame : pandas.DataFrame
        ``theory.formal.security_dilemma.morrow_map`` output on a grid (ratio, threat, preferred).
    path_stem : str or Path
        Output path without suffix.

    Returns
    -------
    tuple
        (html_path, png_path).

    References
    ----------
    Morrow, J. D. (1991), American Journal of Political Science 35(4): 904-933.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import plotly.graph_objects as go

    from alliancelab.plotting import save_figures

    code = {"none": 0, "asymmetric": 1, "symmetric": 2}
    frame = frame.assign(form=frame.preferred.map(code).astype(float))
    grid = frame.pivot(index="threat", columns="ratio", values="form")
    z = grid.to_numpy(dtype=float)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=grid.columns,
            y=grid.index,
            colorscale="Viridis",
            colorbar=dict(tickvals=[0, 1, 2], ticktext=["none", "asymmetric", "symmetric"]),
        )
    )
    fig.update_layout(
        title="Preferred alliance form (Morrow 1991)",
        xaxis_title="capability ratio minor/major",
        yaxis_title="threat T",
    )
    mfig, ax = plt.subplots(figsize=(6, 4))
    mesh = ax.pcolormesh(grid.columns, grid.index, z, shading="auto", cmap="viridis", vmin=0, vmax=2)
    cbar = mfig.colorbar(mesh, ticks=[0, 1, 2])
    cbar.ax.set_yticklabels(["none", "asymmetric", "symmetric"])
    ax.set_xlabel("capability ratio minor/major")
    ax.set_ylabel("threat T")
    ax.set_title("Preferred alliance form (Morrow 1991)")
    mfig.tight_layout()
    return save_figures(fig, mfig, path_stem, dpi=100, bbox_inches=None)
