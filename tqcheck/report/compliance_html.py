"""Glossary compliance as one self-contained HTML page: a pure function of a Compliance.

Inline CSS, inline SVG bar charts, a sortable and filterable concept table (a few lines of
inline JavaScript; the page reads fine without it), every wrong form linked to its
locations. No network resources, every text escaped, no timestamps: the same input gives
the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from tqcheck.compliance.model import Compliance, ConceptReport, Counts, FlaggedForm, Occurrence
from tqcheck.report.compliance_text import (
    KIND_LABELS,
    REASON_LABELS,
    anchor,
    percent,
    where,
    wrong_breakdown,
)

_CSS = """
:root{--fg:#1d2430;--muted:#5b6675;--line:#d8dde4;--bg:#fff;--soft:#f4f6f9;--bad:#b63a2b;
--ok:#2d7a46;--house:#8a6d1c;--link:#1f5fa8}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1200px;padding:24px 32px 64px;color:var(--fg);background:var(--bg);
font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:36px 0 10px;padding-bottom:4px;
border-bottom:1px solid var(--line)}h3{font-size:15px;margin:18px 0 6px}
a{color:var(--link)}.meta{color:var(--muted);margin:0 0 18px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px;margin:0}
.cards div{background:var(--soft);border-radius:6px;padding:10px 12px}
.cards dt{color:var(--muted);font-size:13px}.cards dd{margin:2px 0 0;font-size:22px;font-weight:600}
.cards dd small{display:block;font-size:12px;font-weight:400;color:var(--muted)}
.charts{margin-top:28px;display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:24px}
.charts figure{margin:0}.charts figcaption{font-weight:600;margin-bottom:6px}
svg text{font-size:12px;fill:var(--fg)}svg .bar{fill:var(--bad)}svg .bar.rate{fill:#d7812f}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--soft);position:sticky;top:0;white-space:nowrap}
th[data-sort]{cursor:pointer}th[aria-sort=ascending]::after{content:" ▲"}
th[aria-sort=descending]::after{content:" ▼"}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
code{font:13px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.k{display:inline-block;border-radius:3px;padding:0 5px;font-size:12px;color:#fff;
background:var(--bad)}.k-house{background:var(--house)}.k-accepted{background:var(--ok)}
.wrong a{margin-right:8px;white-space:nowrap}.zero{color:var(--muted)}
.bad{color:var(--bad);font-weight:600}
#filter{width:320px;max-width:100%;padding:6px 8px;margin:0 0 10px;font:inherit}
ol.locs{margin:0;padding-left:22px}ol.locs li{margin:3px 0}
mark{background:#ffd9d2;color:inherit;padding:0 1px;border-radius:2px}
.none{color:var(--muted);font-style:italic}
"""

# Sorting by a header click and filtering rows by the search box; both optional extras.
_JS = """
(function(){
  function key(cell){var v=cell.getAttribute('data-v');
    return v!==null&&v!==''&&!isNaN(v)?parseFloat(v):cell.textContent.trim().toLowerCase();}
  document.querySelectorAll('th[data-sort]').forEach(function(th){
    th.addEventListener('click',function(){
      var table=th.closest('table'),body=table.tBodies[0],i=th.cellIndex;
      var dir=th.getAttribute('aria-sort')==='descending'?'ascending':'descending';
      table.querySelectorAll('th').forEach(function(h){h.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',dir);
      var rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){var x=key(a.cells[i]),y=key(b.cells[i]);
        var c=x<y?-1:x>y?1:0;return dir==='ascending'?c:-c;});
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
  var box=document.getElementById('filter');
  if(box){box.hidden=false;box.addEventListener('input',function(){
    var q=box.value.trim().toLowerCase();
    document.querySelectorAll('table.filterable tbody tr').forEach(function(r){
      r.hidden=q!==''&&r.textContent.toLowerCase().indexOf(q)<0;});
  });}
})();
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _cell(value: object, sort: object | None = None, numeric: bool = True) -> str:
    klass = ' class="n"' if numeric else ""
    data = f' data-v="{_e(sort)}"' if sort is not None else ""
    zero = ' class="n zero"' if numeric and value == 0 else klass
    return f"<td{zero}{data}>{_e(value)}</td>"


def _rate(counts: Counts) -> float:
    """A sort key for a success rate: files without a known source sort last."""
    rate = counts.success
    return -1 if rate is None else round(rate, 4)


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bar_chart(title: str, rows: Sequence[tuple[str, float, str, str | None]], rate: bool) -> str:
    """A horizontal bar chart as inline SVG: (label, value, value text, link or None) rows."""
    if not rows:
        return f'<figure><figcaption>{_e(title)}</figcaption><p class="none">None.</p></figure>'
    label_w, bar_w, row_h = 250, 270, 24
    top = max(value for _, value, _, _ in rows) or 1
    items = []
    for i, (label, value, shown, href) in enumerate(rows):
        y, width = i * row_h, max(2, round(bar_w * value / top))
        text = f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{_e(_short(label))}</text>'
        if href:
            text = f'<a href="#{_e(href)}">{text}</a>'
        items.append(
            f'{text}<rect class="bar{" rate" if rate else ""}" x="{label_w}" y="{y + 5}"'
            f' width="{width}" height="15" rx="2"><title>{_e(label)}: {_e(shown)}</title>'
            f'</rect><text x="{label_w + width + 6}" y="{y + 16}">{_e(shown)}</text>'
        )
    height = row_h * len(rows) + 4
    return (
        f'<figure><figcaption>{_e(title)}</figcaption><svg viewBox="0 0 600 {height}" '
        f'width="600" height="{height}" role="img" aria-label="{_e(title)}">'
        f"{''.join(items)}</svg></figure>"
    )


def _header(report: Compliance) -> str:
    sig = report.signature
    glossaries = ", ".join(str(name).rsplit("/", 1)[-1] for name in sig.get("glossaries", {}))
    langs = f"{sig.get('source_lang') or 'any'} → {sig.get('target_lang') or 'en'}"
    meta = f"Profile {sig.get('profile', 'default')} · languages {langs}"
    meta += f" · glossaries {glossaries}" if glossaries else ""
    return f'<h1>Glossary compliance report</h1><p class="meta">{_e(meta)}</p>'


def _summary(report: Compliance) -> str:
    totals = report.totals
    cards = [
        ("Files", len(report.files), ""),
        ("Words", f"{report.words:,}", ""),
        ("Concepts seen", len(report.concepts), f"of {report.concepts_loaded} loaded"),
        ("Accepted forms", totals.accepted, ""),
        ("House-style variants", totals.house, ""),
        ("Wrong forms", totals.wrong, wrong_breakdown(totals)),
        ("Inconsistent uses", len(report.inconsistencies()), "concept × file"),
        (
            "Term success",
            percent(totals).split(" ")[0],
            "source terms rendered" if totals.found else "no source known",
        ),
    ]
    body = "".join(
        f"<div><dt>{_e(t)}</dt><dd>{_e(v)}{f'<small>{_e(note)}</small>' if note else ''}</dd></div>"
        for t, v, note in cards
    )
    return f'<section id="summary"><h2>Summary</h2><dl class="cards">{body}</dl></section>'


def _charts(report: Compliance) -> str:
    top = [
        (f"{w.form} → {w.preferred}", w.count, str(w.count), anchor(w))
        for w in report.top_wrong_forms()
    ]
    worst = [
        (f.path.rsplit("/", 1)[-1], f.per_1000, f"{f.per_1000:.2f} ({f.counts.wrong})", None)
        for f in report.worst_files()
    ]
    return (
        '<section id="charts" class="charts">'
        f"{bar_chart('Most frequent wrong forms', top, rate=False)}"
        f"{bar_chart('Worst files: wrong forms per 1,000 words', worst, rate=True)}"
        "</section>"
    )


def _th(label: str, numeric: bool = False) -> str:
    klass = ' class="n"' if numeric else ""
    return f'<th data-sort{klass} scope="col">{_e(label)}</th>'


def _wrong_links(forms: Sequence[FlaggedForm]) -> str:
    links = [
        f'<a href="#{_e(anchor(w))}" title="{_e(KIND_LABELS[w.kind])}: use '
        f'{_e(w.preferred)}">{_e(w.form)} ×{w.count}</a>'
        for w in forms
    ]
    return "".join(links)


def _concept_row(c: ConceptReport) -> str:
    return (
        "<tr>"
        f'<td data-v="{_e(c.id)}"><code>{_e(c.id)}</code></td>'
        f"<td>{_e(c.preferred)}</td><td>{_e(c.cls)}</td>{_cell(len(c.files))}"
        f"{_cell(c.counts.accepted)}{_cell(c.counts.house)}"
        f'<td class="n{" bad" if c.counts.wrong else " zero"}">{c.counts.wrong}</td>'
        f"{_cell(percent(c.counts), _rate(c.counts))}"
        f'<td class="wrong">{_wrong_links(c.flagged)}</td></tr>'
    )


def _concepts(report: Compliance) -> str:
    if not report.concepts:
        none = '<p class="none">No glossary term was found.</p>'
        return f'<section id="concepts"><h2>Concepts</h2>{none}</section>'
    head = (
        _th("Concept")
        + _th("Preferred")
        + _th("Class")
        + _th("Files", True)
        + _th("Accepted", True)
        + _th("House", True)
        + _th("Wrong", True)
        + _th("Term success", True)
        + _th("Flagged forms")
    )
    rows = "".join(_concept_row(c) for c in report.concepts)
    box = '<input id="filter" type="search" placeholder="Filter rows…" aria-label="Filter" hidden>'
    return (
        f'<section id="concepts"><h2>Concepts</h2>{box}<table class="filterable" '
        f'id="concept-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
        "</section>"
    )


def _files(report: Compliance) -> str:
    head = (
        _th("File")
        + _th("Words", True)
        + _th("Accepted", True)
        + _th("House", True)
        + _th("Wrong", True)
        + _th("Per 1,000 words", True)
        + _th("Term success", True)
    )
    rows = "".join(
        f"<tr><td>{_e(f.path)}</td>{_cell(f.words)}{_cell(f.counts.accepted)}"
        f"{_cell(f.counts.house)}{_cell(f.counts.wrong)}"
        f"{_cell(f'{f.per_1000:.2f}', f.per_1000)}"
        f"{_cell(percent(f.counts), _rate(f.counts))}</tr>"
        for f in report.files
    )
    return (
        f'<section id="files"><h2>Files</h2><table class="filterable"><thead><tr>{head}'
        f"</tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _inconsistencies(report: Compliance) -> str:
    pairs = report.inconsistencies()
    if not pairs:
        return ""
    rows = "".join(
        f"<tr><td>{_e(f.path)}</td><td><code>{_e(c.id)}</code></td>"
        f"<td>{_e(', '.join(f'{form} ×{n}' for form, n in f.forms))}</td>"
        f"<td>{_e('; '.join(REASON_LABELS[r] for r in f.inconsistent))}</td></tr>"
        for c, f in pairs
    )
    head = _th("File") + _th("Concept") + _th("Forms") + _th("Why")
    return (
        f'<section id="inconsistencies"><h2>Inconsistent uses in one file</h2><table '
        f'class="filterable"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
        "</section>"
    )


def _location(at: Occurrence) -> str:
    before, match, after = at.excerpt()
    return f"<li><code>{_e(where(at))}</code> {_e(before)}<mark>{_e(match)}</mark>{_e(after)}</li>"


def _locations(report: Compliance) -> str:
    blocks = []
    for c in report.concepts:
        for w in c.flagged:
            kind = f'<span class="k k-{_e(w.kind)}">{_e(KIND_LABELS[w.kind])}</span>'
            blocks.append(
                f'<section id="{_e(anchor(w))}"><h3>{_e(w.form)} → {_e(w.preferred)} '
                f"{kind} <small><code>{_e(w.concept)}</code> ×{w.count}</small></h3>"
                f'<ol class="locs">{"".join(_location(at) for at in w.occurrences)}'
                "</ol></section>"
            )
    if not blocks:
        return ""
    return f'<section id="locations"><h2>Locations of flagged forms</h2>{"".join(blocks)}</section>'


def _errors(report: Compliance) -> str:
    if not report.errors:
        return ""
    items = "".join(f"<li><code>{_e(str(e))}</code></li>" for e in report.errors)
    return f'<section id="errors"><h2>Errors</h2><ul>{items}</ul></section>'


def render_html(report: Compliance) -> str:
    """The report as one self-contained HTML page (no network resources, no timestamps)."""
    body = (
        _header(report)
        + _summary(report)
        + _charts(report)
        + _concepts(report)
        + _inconsistencies(report)
        + _files(report)
        + _locations(report)
        + _errors(report)
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Glossary compliance report</title>"
        f"<style>{_CSS}</style></head>\n<body>\n{body}\n<script>{_JS}</script>\n"
        "</body></html>\n"
    )
