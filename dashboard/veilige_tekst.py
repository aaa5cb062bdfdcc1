"""Data shown as text, never as markup: one escaper for Streamlit markdown, one for plotly.

Provider names, perceel names, toelichtingen, notes, file names and URL parameters come from
outside. Streamlit renders markdown (GitHub-flavoured, plus LaTeX `$…$`, colored text
`:red[…]`, `:material/…:` icons and emoji shortcodes) in st.markdown, captions, alerts,
titles, headers, metric labels/values/deltas, help texts, widget labels, tab and expander
labels and page links. Every data value that goes into one of those passes through `md()`;
our own static Dutch text may stay markdown. Elements that show plain text (selectbox
options, st.dataframe cells and column labels, st.text, st.code) take the value as it is.

Plotly renders a subset of HTML in titles, tick labels, legend names and hover text
(`<a href>`, `<b>`, `<br>`…): data going there passes through `plotly_tekst()`.
"""

from __future__ import annotations

import html
import re
import string

# CommonMark lets every ASCII punctuation character be backslash-escaped, and an escaped
# character is always literal text. Escaping all of them (not a hand-picked subset) covers
# emphasis, code, links, images, raw HTML, autolinks `<…>`, headings, lists, tables,
# strikethrough, LaTeX `$`, directives `:red[…]`, footnotes `[^1]` and entities `&…;`.
_ASCII_LEESTEKENS = frozenset(string.punctuation)

# Some syntax is found in the *text* after escapes are resolved, so a backslash does not stop
# it: GFM autolink literals (www.…, http://…, e-mail addresses) and Streamlit's shortcodes
# (`:smile:`, `:material_x:`, `:streamlit:`) are matched on text nodes. A word joiner
# (U+2060, invisible, no line break) after the colon, after the @ and between "www" and the
# dot breaks those patterns without changing what the reader sees.
WOORDVERBINDER = "\u2060"
_WWW = re.compile(r"(www)(?=\\\.)", re.IGNORECASE)
_REGELEINDE = re.compile(r"\r\n|[\r\n\u0085\u2028\u2029\v\f]")


def md(waarde: object) -> str:
    """`waarde` as literal text inside Streamlit markdown (None → empty string).

    Line breaks become spaces and the ends are trimmed: a value is shown inline, so it cannot
    start a block (heading, list, quote, indented code, table) of its own.
    """
    if waarde is None:
        return ""
    tekst = _REGELEINDE.sub(" ", str(waarde)).replace("\t", " ").strip(" ")
    delen: list[str] = []
    for teken in tekst:
        if teken in _ASCII_LEESTEKENS:
            delen.append("\\" + teken)
            if teken in ":@":
                delen.append(WOORDVERBINDER)
        else:
            delen.append(teken)
    return _WWW.sub(r"\1" + WOORDVERBINDER, "".join(delen))


def plotly_tekst(waarde: object) -> str:
    """`waarde` as literal text in a plotly label, tick, legend entry or hover (None → "")."""
    if waarde is None:
        return ""
    # Plotly decodes &lt; &gt; &amp; itself; its pseudo-HTML has no other way in.
    return html.escape(str(waarde), quote=False)


_AGB = re.compile(r"[0-9]{8}")


def is_agb(waarde: str) -> bool:
    """An AGB code has eight digits (ASCII): only then may a link's value be repeated."""
    return bool(_AGB.fullmatch(waarde))


# The only HTML the dashboard sends of its own (dashboard/app.py): a constant without any data.
# No CSS transitions or animations (fading stale elements, the running indicator): in a browser
# without a GPU each animated frame is composited in software, and with several users on one
# machine those frames cost the CPU the pages need (#14).
GEEN_ANIMATIES_HTML = (
    "<style>*,*::before,*::after{transition:none!important;animation:none!important}</style>"
)
