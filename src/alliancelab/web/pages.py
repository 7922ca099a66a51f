"""HTML layout of the dashboard: one Jinja2 page template, a small inline style sheet, and helpers
that turn DataFrames, Markdown and Plotly figures into HTML fragments.

Nothing here computes a result; ``alliancelab.web.app`` calls the library and hands the pieces to
``render``. Every value that comes from the data or the request is escaped by Jinja2 (autoescape);
fragments built here are marked safe with ``Markup`` only after their own escaping.

Plotly figures are emitted without plotly.js (``include_plotlyjs=False``); the page loads it once
from the dashboard's own ``/assets/plotly.min.js`` (served from the installed plotly package), so
the pages work on a machine without internet access.

Kept in one module because it is the dashboard's one HTML vocabulary (layout, escaping, headings, tables, figures,
forms) that every page composes.
"""

import html

import pandas as pd
from jinja2 import DictLoader, Environment, select_autoescape
from markupsafe import Markup

PLOTLY_JS_PATH = "/assets/plotly.min.js"

NAVIGATION = (
    ("/", "Home"),
    ("/report", "Yearly report"),
    ("/threat", "Threat map"),
    ("/similarity", "Portfolio similarity"),
    ("/simulation", "Simulation"),
    ("/network", "Network"),
    ("/alignments", "Alignments"),
    ("/landscape", "Landscape"),
    ("/deterrence", "Deterrence"),
    ("/profile", "Dyad profile"),
    ("/burden", "Burden sharing"),
)

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1d2330;
       background: #f7f8fa; line-height: 1.45; }
header { background: #1f3a5f; color: #fff; padding: 0.6rem 1.5rem; display: flex; gap: 1.5rem;
         align-items: baseline; flex-wrap: wrap; }
header .brand { font-weight: 700; font-size: 1.15rem; }
header a { color: #dce6f5; text-decoration: none; }
header a.current { color: #fff; border-bottom: 2px solid #f0b429; }
main { max-width: 1200px; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.5rem; margin: 0.6rem 0; }
h2 { font-size: 1.2rem; margin-top: 1.6rem; border-bottom: 1px solid #d5dae3; }
table { border-collapse: collapse; margin: 0.6rem 0; font-size: 0.9rem; background: #fff; }
th, td { border: 1px solid #d5dae3; padding: 0.25rem 0.55rem; text-align: left; vertical-align: top; }
th { background: #eef1f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
form { background: #fff; border: 1px solid #d5dae3; padding: 0.7rem 1rem; margin: 0.8rem 0;
       display: flex; gap: 1rem; flex-wrap: wrap; align-items: end; }
form label { display: flex; flex-direction: column; font-size: 0.85rem; gap: 0.2rem; }
form input, form select { padding: 0.25rem 0.4rem; font-size: 0.95rem; }
form input[type=text] { min-width: 20rem; }
form button { padding: 0.35rem 1rem; background: #1f3a5f; color: #fff; border: 0; cursor: pointer; }
.error { background: #fdecea; border: 1px solid #e0685c; color: #7a1c12; padding: 0.8rem 1rem;
         margin: 1rem 0; white-space: pre-wrap; }
.note { color: #5a6476; font-size: 0.88rem; }
.figure { background: #fff; border: 1px solid #d5dae3; margin: 0.8rem 0; }
code, pre { background: #eef1f6; padding: 0.1rem 0.3rem; }
pre { padding: 0.6rem; overflow-x: auto; }
#loading { display: none; background: #fff8e1; border: 1px solid #f0b429; padding: 0.5rem 1rem; margin: 0.6rem 0; }
#loading.shown { display: block; }
form output { font-weight: 600; }
"""

# Shows "computing..." when a form is sent (a first load can take seconds while caches warm), and
# sends a slider's form when the slider is released (the year slider redraws the network).
SCRIPT = """
document.addEventListener("DOMContentLoaded", function () {
  var hint = document.getElementById("loading");
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function () { hint.classList.add("shown"); });
  });
  document.querySelectorAll("input[type=range]").forEach(function (slider) {
    var shown = document.getElementById(slider.name + "-value");
    slider.addEventListener("input", function () { if (shown) { shown.textContent = slider.value; } });
    if (slider.dataset.submit === "1") {
      slider.addEventListener("change", function () { hint.classList.add("shown"); slider.form.submit(); });
    }
  });
});
"""

BASE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} - alliancelab</title>
<link rel="icon" href="data:,">
<style>{{ style }}</style>
<script>{{ script }}</script>
{% if plotly %}<script src="{{ plotly_js }}"></script>{% endif %}
</head>
<body>
<header>
<span class="brand">alliancelab</span>
{% for href, label in navigation %}
<a href="{{ href }}"{% if href == current %} class="current"{% endif %}>{{ label }}</a>
{% endfor %}
</header>
<main>
<h1>{{ title }}</h1>
{% if form %}{{ form }}{% endif %}
<div id="loading" role="status">computing... the first load of a page can take several seconds while the
data are prepared</div>
{% if error %}<div class="error" role="alert">{{ error }}</div>{% endif %}
{{ body }}
</main>
</body>
</html>
"""

_ENVIRONMENT = Environment(loader=DictLoader({"base.html": BASE}), autoescape=select_autoescape(default=True))


def render(title, body="", current="/", form="", error=None, plotly=False):
    """A whole dashboard page.

    Navigation, title, optional form, optional error message and the body fragment, in the one page
    template; plotly.js is loaded from the dashboard's own assets when ``plotly`` is set.

    Parameters
    ----------
    title : str
        Page title (escaped).
    body : str or markupsafe.Markup, default ""
        Body fragment built by the helpers of this module.
    current : str, default "/"
        Path of the page, highlighted in the navigation.
    form : str or markupsafe.Markup, default ""
        A form fragment (``form``).
    error : str, optional
        Plain-text error message, escaped and shown above the body.
    plotly : bool, default False
        Add the script tag that loads plotly.js.

    Returns
    -------
    str
        The HTML page.

    Examples
    --------
    >>> "<h1>Test</h1>" in render("Test", paragraph("hello"))
    True
    """
    return _ENVIRONMENT.get_template("base.html").render(
        title=title,
        style=Markup(STYLE),
        script=Markup(SCRIPT),
        navigation=NAVIGATION,
        current=current,
        form=Markup(form),
        body=Markup(body),
        error=error,
        plotly=plotly,
        plotly_js=PLOTLY_JS_PATH,
    )


def escape(text):
    """Escape text for HTML (quotes included).

    Parameters
    ----------
    text : object
        Any value; converted with ``str``.

    Returns
    -------
    str

    Examples
    --------
    >>> escape("<b>")
    '&lt;b&gt;'
    """
    return html.escape(str(text), quote=True)


def heading(text, level=2):
    """A heading fragment.

    Parameters
    ----------
    text : str
        Heading text (escaped).
    level : int, default 2
        Heading level.

    Returns
    -------
    markupsafe.Markup
        The HTML fragment.

    Examples
    --------
    >>> str(heading("Results"))
    '<h2>Results</h2>'
    """
    return Markup(f"<h{level}>{escape(text)}</h{level}>")


def paragraph(text, css_class=None):
    """A paragraph fragment.

    Parameters
    ----------
    text : str
        Paragraph text (escaped).
    css_class : str, optional
        CSS class of the paragraph (e.g. ``"note"``).

    Returns
    -------
    markupsafe.Markup
        The HTML fragment.

    Examples
    --------
    >>> str(paragraph("a < b", "note"))
    '<p class="note">a &lt; b</p>'
    """
    attribute = f' class="{escape(css_class)}"' if css_class else ""
    return Markup(f"<p{attribute}>{escape(text)}</p>")


def link(href, text):
    """A link fragment.

    Parameters
    ----------
    href : str
        Target address (escaped).
    text : str
        Link text (escaped).

    Returns
    -------
    markupsafe.Markup
        The HTML fragment.

    Examples
    --------
    >>> str(link("/report", "Yearly report"))
    '<a href="/report">Yearly report</a>'
    """
    return Markup(f'<a href="{escape(href)}">{escape(text)}</a>')


def _cell(value, digits):
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return "<td></td>"
    if isinstance(value, float):
        return f'<td class="num">{value:.{digits}f}</td>'
    if isinstance(value, int) and not isinstance(value, bool):
        return f'<td class="num">{value}</td>'
    return f"<td>{escape(value)}</td>"


def table(frame, digits=3, columns=None):
    """A DataFrame as an HTML table.

    Floats are rounded to ``digits``; missing values are left blank; every value is escaped.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.
    digits : int, default 3
        Decimals shown for floats.
    columns : sequence of str, optional
        Columns to show, in order (all when None).

    Returns
    -------
    markupsafe.Markup
        The HTML fragment.

    Examples
    --------
    >>> import pandas as pd
    >>> str(table(pd.DataFrame({"x": [0.12345]}), digits=2))
    '<table><thead><tr><th>x</th></tr></thead><tbody><tr><td class="num">0.12</td></tr></tbody></table>'
    """
    frame = frame if columns is None else frame[list(columns)]
    head = "".join(f"<th>{escape(c)}</th>" for c in frame.columns)
    rows = []
    for values in frame.itertuples(index=False, name=None):
        cells = []
        for value in values:
            if hasattr(value, "item") and not isinstance(value, str):
                value = value.item()  # numpy scalar -> Python
            cells.append(_cell(value, digits))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return Markup(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def markdown(text):
    """Markdown (CommonMark with tables) to HTML; raw HTML in the source is not passed through.

    Parameters
    ----------
    text : str
        Markdown source.

    Returns
    -------
    markupsafe.Markup
        The HTML fragment.

    Examples
    --------
    >>> str(markdown("*a*")).strip()
    '<p><em>a</em></p>'
    """
    from markdown_it import MarkdownIt

    return Markup(MarkdownIt("commonmark", {"html": False}).enable("table").render(text))


def figure(fig, element_id=None):
    """A Plotly figure as a ``<div>`` fragment; plotly.js itself is loaded once by the page.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure or dict
        A figure, or a plain figure specification (rendered without plotly's validation).
    element_id : str, optional
        The id of the figure's element.

    Returns
    -------
    markupsafe.Markup
        The HTML fragment.
    """
    config = {"displaylogo": False, "responsive": True}
    if isinstance(fig, dict):  # a plain figure specification, rendered without plotly's validation
        import plotly.io as pio

        fragment = pio.to_html(
            fig, full_html=False, include_plotlyjs=False, div_id=element_id, config=config, validate=False
        )
    else:
        fragment = fig.to_html(full_html=False, include_plotlyjs=False, div_id=element_id, config=config)
    return Markup(f'<div class="figure">{fragment}</div>')


class Slider:
    """Form field kind: a range slider that shows its value.

    Parameters
    ----------
    low, high : int or float
        Range of the slider.
    step : int or float, default 1
        Step of the slider.
    submit : bool, default True
        Send the form when the slider is released.
    """

    def __init__(self, low, high, step=1, submit=True):
        self.low, self.high, self.step, self.submit = low, high, step, submit


def form(action, fields, button="Show"):
    """A GET form.

    Parameters
    ----------
    action : str
        Address the form is sent to.
    fields : sequence of tuple
        ``(name, label, value, kind)`` per field; kind is "text", "number", "decimal" (a number with any
        step), a ``Slider`` or a tuple of choices (a ``<select>``).
    button : str, default "Show"
        Label of the submit button.

    Returns
    -------
    markupsafe.Markup
        The HTML fragment.

    Examples
    --------
    >>> 'name="year"' in form("/report", [("year", "Year", 1914, "number")])
    True
    """
    parts = [f'<form method="get" action="{escape(action)}">']
    for name, label, value, kind in fields:
        if isinstance(kind, Slider):
            shown = "" if value is None else value
            control = (
                f'<span><input type="range" name="{escape(name)}" min="{kind.low}" max="{kind.high}" '
                f'step="{kind.step}" value="{escape(shown)}" data-submit="{int(kind.submit)}"> '
                f'<output id="{escape(name)}-value">{escape(shown)}</output></span>'
            )
        elif kind == "decimal":
            control = (
                f'<input type="number" step="any" name="{escape(name)}" '
                f'value="{escape("" if value is None else value)}">'
            )
        elif isinstance(kind, (tuple, list)):
            options = "".join(
                f'<option value="{escape(c)}"{" selected" if str(c) == str(value) else ""}>{escape(c)}</option>'
                for c in kind
            )
            control = f'<select name="{escape(name)}">{options}</select>'
        else:
            control = (
                f'<input type="{escape(kind)}" name="{escape(name)}" value="{escape("" if value is None else value)}">'
            )
        parts.append(f"<label>{escape(label)}{control}</label>")
    parts.append(f'<button type="submit">{escape(button)}</button></form>')
    return Markup("".join(parts))


def join(*fragments):
    """Concatenate fragments; plain strings among them are escaped.

    Parameters
    ----------
    *fragments : str or markupsafe.Markup
        The fragments, in order.

    Returns
    -------
    markupsafe.Markup
        The HTML fragment.

    Examples
    --------
    >>> str(join(heading("A"), "<b>"))
    '<h2>A</h2>&lt;b&gt;'
    """
    return Markup("").join(fragments)
