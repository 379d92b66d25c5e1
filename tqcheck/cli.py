"""The command line: options -> Config -> engine -> reporter -> exit code. Thin on purpose."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:  # the CLI imports its machinery lazily, to start fast
    from tqcheck.baseline import Baseline
    from tqcheck.gitdiff import ChangedLines
    from tqcheck.model import RunResult

app = typer.Typer(
    help="Catch machine-translation artifacts in translated text before it is published.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
glossary_app = typer.Typer(help="Work with glossaries.", no_args_is_help=True)
app.add_typer(glossary_app, name="glossary")

FORMAT_NAMES = ("text", "json")
SEVERITY_NAMES = ("error", "warning", "info")
MANY_FILES = 10  # a progress bar below this would only flicker


def _fail(message: str) -> typer.Exit:
    typer.echo(f"tqcheck: error: {message}", err=True)
    return typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        from tqcheck import __version__

        typer.echo(f"tqcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Catch machine-translation artifacts in translated text before it is published."""


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(v.strip() for raw in values or () for v in raw.split(",") if v.strip())


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files or directories; - reads stdin.")],
    glossary: Annotated[
        list[str] | None,
        typer.Option("--glossary", "-g", help="Glossary YAML (repeatable); default: shipped."),
    ] = None,
    source_lang: Annotated[
        str | None,
        typer.Option(
            help="Source language (es, fr, pt, de); default: what a translation "
            "file declares, else all."
        ),
    ] = None,
    target_lang: Annotated[
        str | None,
        typer.Option(help="Target language; default: what a translation file declares, else en."),
    ] = None,
    source: Annotated[
        Path | None,
        typer.Option(
            "--source",
            help="The original of a plain-text or Markdown translation: "
            "paragraphs are paired by order for source-aware checks.",
        ),
    ] = None,
    profile: Annotated[
        str | None, typer.Option(help="House style: default, ap, reuters, guardian.")
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="text, json, sarif, junit, github or gitlab.")
    ] = "text",
    select: Annotated[
        list[str] | None, typer.Option(help="Rule codes, prefixes or names to enable.")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(help="Rule codes, prefixes or names to disable.")
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(help="Exit 1 on findings at or above: error, warning (default), info."),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even with findings (errors still exit 2).")
    ] = False,
    config_file: Annotated[
        str | None,
        typer.Option(
            "--config",
            help="A tqcheck.toml or pyproject.toml, over the one found upward from the paths.",
        ),
    ] = None,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Print counts per rule instead of findings.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Findings only: no summary line, no notes.")
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", help="Report only findings not recorded in this baseline."),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option("--write-baseline", help="Record the current findings in FILE and exit 0."),
    ] = None,
    diff: Annotated[
        str | None,
        typer.Option(
            "--diff",
            help="Report only findings on lines changed since this git "
            "revision (untracked files count as changed).",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to FILE.")
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", help="Worker processes for many files; 0 = one per CPU.")
    ] = 0,
    embeddings: Annotated[
        bool | None,
        typer.Option(
            "--embeddings/--no-embeddings",
            help="Run semantic rules (TQ3xx) with an embedding model; --no-embeddings: rules only.",
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            help="sentence-transformers model: a local path or a name in the Hugging Face "
            "cache; default: the packaged all-MiniLM-L6-v2."
        ),
    ] = None,
) -> None:
    """Check translations for machine-translation artifacts.

    Reads text and Markdown, and translation files: XLIFF 1.2/2.x, PO/POT, TMX, CSV/TSV
    (by extension, then by content). In translation files each unit's target is checked
    against its source. Settings come from [tool.tqcheck] in the nearest pyproject.toml or
    a tqcheck.toml, then --config, then these options.

    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, config, glossary or
    input errors.
    """
    from tqcheck.baseline import BaselineError, load_baseline
    from tqcheck.baseline import write_baseline as write
    from tqcheck.config import ConfigError, build_config
    from tqcheck.engine import check_paths, default_jobs
    from tqcheck.gitdiff import DiffError, changed_lines
    from tqcheck.model import Severity
    from tqcheck.report import FORMATS, exit_code

    if output_format not in FORMATS:
        raise _fail(f"unknown format {output_format!r}; use one of: {', '.join(FORMATS)}")
    if source is not None and len(paths) != 1:
        raise _fail("--source pairs one translation with its original; give exactly one path")
    if output is not None and any(_same_file(output, p) for p in paths):
        raise _fail(f"--output {output} is one of the checked files; choose another path")
    try:
        flags = {
            "glossaries": _split(glossary) or None,
            "source_lang": source_lang,
            "target_lang": target_lang,
            "source_file": str(source) if source else None,
            "profile": profile,
            "select": _split(select) or None,
            "ignore": _split(ignore) or None,
            "fail_on": Severity.parse(fail_on) if fail_on else None,
            "embeddings": embeddings,
            "model": model,
        }
        config = build_config(paths, config_file, flags)
        known = load_baseline(baseline) if baseline is not None else None
        changed = changed_lines(diff, paths) if diff is not None else None
        with _progress_bar() as progress:
            result = check_paths(paths, config, keep_sources=output_format == "text",
                                 jobs=jobs or default_jobs(), progress=progress)  # fmt: skip
        result, hidden = _narrowed(result, changed, known)
        if write_baseline is not None:
            write(result, write_baseline)
            typer.echo(f"tqcheck: wrote {len(result.findings)} finding(s) to {write_baseline}",
                       err=True)  # fmt: skip
            raise typer.Exit(2 if result.errors else 0)
    except (ConfigError, ValueError, BaselineError, DiffError) as exc:
        raise _fail(str(exc)) from None
    for error in result.errors:
        typer.echo(f"tqcheck: error: {error}", err=True)
    if not quiet and not result.signature.get("glossaries") and not config.glossaries:
        typer.echo(
            f"tqcheck: note: no shipped glossary for {config.source_lang or 'any source'} → "
            f"{config.target}; glossary rules were skipped (use --glossary FILE)",
            err=True,
        )
    if hidden and not quiet:
        typer.echo(f"tqcheck: note: {hidden} finding(s) in the baseline {baseline} not shown",
                   err=True)  # fmt: skip
    color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    _write(_render(result, output_format, statistics, quiet, color), output)
    code = exit_code(result, config.fail_on)
    raise typer.Exit(0 if exit_zero and code == 1 else code)


def _narrowed(
    result: RunResult, changed: ChangedLines | None, known: Baseline | None
) -> tuple[RunResult, int]:
    """Findings on changed lines only (--diff), then those not in the baseline; and how
    many the baseline hid."""
    from dataclasses import replace

    from tqcheck.baseline import filter_new
    from tqcheck.gitdiff import keep

    findings, matched = list(result.findings), 0
    if changed is not None:
        findings = [f for f in findings if keep(f, changed)]
    if known is not None:
        findings, matched = filter_new(findings, known)
    return replace(result, findings=tuple(findings)), matched


def _render(result: RunResult, fmt: str, statistics: bool, quiet: bool, color: bool) -> str:
    """The report text: statistics, or a format's report (text without summary when quiet)."""
    from tqcheck.report import FORMATS

    if statistics:
        return _statistics(result)
    report = FORMATS[fmt](result, color=color)
    if quiet and fmt == "text":
        report = report.rstrip("\n").rpartition("\n")[0].rstrip("\n") + "\n"
        report = "" if report == "\n" else report
    return report


def _statistics(result: object) -> str:
    """Counts per rule, most frequent first (then by code), and a total."""
    from collections import Counter

    findings = getattr(result, "findings", ())
    counts = Counter((f.code, f.rule, f.severity.label) for f in findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    lines = [f"{n:>6}  {code}  {rule:<26} {label}" for (code, rule, label), n in rows]
    lines.append(f"{len(findings):>6}  total")
    return "\n".join(lines) + "\n"


@contextmanager
def _progress_bar() -> Iterator[Callable[[int, int], None] | None]:
    """A transient rich progress bar on stderr for runs of many files, on a terminal only."""
    if not sys.stderr.isatty() or "CI" in os.environ:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = None

        def update(done: int, total: int) -> None:
            nonlocal task
            if total < MANY_FILES:
                return
            if task is None:
                task = bar.add_task("checking", total=total)
            bar.update(task, completed=done)

        yield update


def _same_file(output: Path, path: str) -> bool:
    try:
        return path != "-" and output.exists() and output.samefile(path)
    except OSError:
        return False


def _file_mode(target: Path) -> int:
    """The mode a replaced file had, else what the umask gives a new file (not 0600)."""
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write(report: str, output: Path | None) -> None:
    """Write to stdout, or atomically to a file so a failed run never leaves half a report."""
    if output is None:
        sys.stdout.write(report)
        return
    target = output.resolve()
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(report)
        os.chmod(temp, _file_mode(target))
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


REPORT_FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".csv": "csv", ".json": "json"}


@app.command("report")
def report(
    paths: Annotated[list[str], typer.Argument(help="Files or directories; - reads stdin.")],
    output_format: Annotated[
        str | None,
        typer.Option("--format", help="html, md, csv or json; default: from -o's suffix, else md."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to FILE.")
    ] = None,
    glossary: Annotated[
        list[str] | None,
        typer.Option("--glossary", "-g", help="Glossary YAML (repeatable); default: shipped."),
    ] = None,
    source_lang: Annotated[
        str | None, typer.Option(help="Source language (es, fr, pt, de).")
    ] = None,
    target_lang: Annotated[str | None, typer.Option(help="Target language; default: en.")] = None,
    profile: Annotated[
        str | None, typer.Option(help="House style: default, ap, reuters, guardian.")
    ] = None,
) -> None:
    """Report glossary compliance: per concept and file, accepted, house-style and wrong forms.

    Wrong forms (miscased, deprecated, superseded, source-language) are listed with their
    locations; translation files also get the share of source terms rendered. Exit codes:
    0 report written, 2 usage, glossary or input errors (the other files are still reported).
    """
    from tqcheck.compliance import collect_paths
    from tqcheck.config import ConfigError, build_config
    from tqcheck.report import compliance_html, compliance_json, compliance_text

    renderers = {"html": compliance_html.render_html, "md": compliance_text.render_markdown,
                 "csv": compliance_text.render_csv,
                 "json": compliance_json.render_json}  # fmt: skip
    suffix = output.suffix.lower() if output is not None else ""
    chosen = output_format or REPORT_FORMATS.get(suffix, "md")
    if chosen not in renderers:
        raise _fail(f"unknown format {chosen!r}; use one of: {', '.join(renderers)}")
    if output is not None and any(_same_file(output, p) for p in paths):
        raise _fail(f"--output {output} is one of the reported files; choose another path")
    flags = {"glossaries": _split(glossary) or None, "source_lang": source_lang,
             "target_lang": target_lang, "profile": profile}  # fmt: skip
    try:
        with _progress_bar() as progress:
            result = collect_paths(paths, build_config(paths, None, flags), progress)
    except (ConfigError, ValueError) as exc:
        raise _fail(str(exc)) from None
    for error in result.errors:
        typer.echo(f"tqcheck: error: {error}", err=True)
    if not result.signature.get("glossaries"):
        typer.echo("tqcheck: note: no glossary applies to these languages; the report is "
                   "empty (use --glossary FILE)", err=True)  # fmt: skip
    _write(renderers[chosen](result), output)
    raise typer.Exit(2 if result.errors else 0)


@app.command("rules")
def list_rules() -> None:
    """List every rule with its code, name, default severity and summary."""
    from tqcheck.rules import all_rules

    for rule in all_rules():
        typer.echo(f"{rule.code}  {rule.name:<24} {rule.severity.label:<8} {rule.summary}")


@app.command("rule")
def explain_rule(code: Annotated[str, typer.Argument(help="Rule code or name.")]) -> None:
    """Explain one rule: what it checks, its severity and its examples."""
    from tqcheck.rules import find_rule

    rule = find_rule(code)
    if rule is None:
        raise _fail(f"unknown rule {code!r}; `tqcheck rules` lists them")
    typer.echo(f"{rule.code} {rule.name} (default severity: {rule.severity.label})\n")
    typer.echo(rule.doc + "\n")
    typer.echo("Fires on:")
    for example in rule.bad:
        shown = example.text.replace("\n", "⏎")
        typer.echo(f"  ✗ {shown}" + (f"   → {example.matched!r}" if example.matched else ""))
    typer.echo("Stays silent on:")
    for example in rule.good:
        typer.echo(f"  ✓ {example.text}")


@glossary_app.command("lint")
def lint(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Glossary YAML files; default: the shipped ones.")
    ] = None,
) -> None:
    """Check glossaries: schema, duplicates, contradictions and self-corrections.

    Exit codes: 0 clean, 1 problems found (printed as file:line: message).
    """
    from tqcheck.engine import shipped_glossary_paths
    from tqcheck.glossary.lint import lint_paths

    files = files or shipped_glossary_paths()
    issues = lint_paths(files)
    for issue in issues:
        typer.echo(str(issue))
    if issues:
        typer.echo(f"{len(issues)} problem(s) in {len(files)} file(s)", err=True)
        raise typer.Exit(1)
    typer.echo(f"{len(files)} glossary file(s) OK")


def _write_or_fail(text: str, output: Path | None) -> None:
    """Write atomically (stdout without a file); a path that cannot be written is exit 2."""
    try:
        _write(text, output)
    except OSError as exc:
        raise _fail(f"{output}: cannot write ({exc.strerror or exc})") from None


@glossary_app.command("import")
def glossary_import(
    file: Annotated[Path, typer.Argument(help="A TBX (v2 or v3), CSV or TSV glossary.")],
    source_lang: Annotated[
        str | None,
        typer.Option(
            help="Source language; default: the file's declared language (TBX) or "
            "first language column (CSV/TSV)."
        ),
    ] = None,
    target_lang: Annotated[
        str | None,
        typer.Option(
            help="Target language; default: the language in most concepts (TBX) or "
            "the next language column (CSV/TSV)."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the YAML to FILE (default: stdout)")
    ] = None,
) -> None:
    """Convert a TBX, CSV or TSV glossary into glossary YAML (format by extension, then content).

    Concepts without a target-language term are skipped and counted on stderr.
    Exit codes: 0 written, 2 unreadable input or output.
    """
    from tqcheck.document import InputError, read_bytes
    from tqcheck.glossary.interchange import import_glossary
    from tqcheck.glossary.loader import parse_glossary
    from tqcheck.glossary.writer import dump_glossary

    if output is not None and _same_file(output, str(file)):
        raise _fail(f"--output {output} is the input file; choose another path")
    try:
        result = import_glossary(str(file), read_bytes(file), source_lang, target_lang)
    except InputError as exc:
        raise _fail(str(exc)) from None
    text = dump_glossary(result.glossary, f"imported from {file.name} by tqcheck glossary import")
    _, issues = parse_glossary(text.encode("utf-8"), str(output or "<stdout>"))
    if issues:  # never write a glossary the loader would refuse
        raise _fail(f"{file}: the imported glossary does not load: {issues[0]}")
    _write_or_fail(text, output)
    for line in result.summary(str(file)):
        typer.echo(f"tqcheck: {line}", err=True)


@glossary_app.command("export")
def glossary_export(
    file: Annotated[Path, typer.Argument(help="A glossary YAML file.")],
    output_format: Annotated[
        str, typer.Option("--format", help="tbx (TBX-Basic v2), tbx3 (TBX v3), csv or tsv.")
    ] = "tbx",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to FILE (default: stdout).")
    ] = None,
) -> None:
    """Convert glossary YAML into TBX (v2 or v3), CSV or TSV; byte-identical across runs.

    TBX keeps every field (import restores the glossary); CSV/TSV keep ids, classes, target
    forms with their status, source forms and notes. Exit codes: 0 written, 2 errors.
    """
    from tqcheck.glossary import GlossaryError, load_glossary
    from tqcheck.glossary.interchange import EXPORT_FORMATS, export_glossary

    if output_format not in EXPORT_FORMATS:
        raise _fail(f"unknown format {output_format!r}; use one of: {', '.join(EXPORT_FORMATS)}")
    if output is not None and _same_file(output, str(file)):
        raise _fail(f"--output {output} is the input file; choose another path")
    try:
        text = export_glossary(load_glossary(file), output_format)
    except GlossaryError as exc:
        raise _fail(str(exc)) from None
    except ValueError as exc:  # text XML cannot hold (control characters)
        raise _fail(f"{file}: {exc}") from None
    _write_or_fail(text, output)


build_app = typer.Typer(help="Generate glossaries from data packages.", no_args_is_help=True)
glossary_app.add_typer(build_app, name="build")


@build_app.command("places")
def glossary_build_places(
    source: Annotated[str, typer.Option("--source", help="Source language: es, fr, pt, de or it.")],
    target: Annotated[str, typer.Option("--target", help="Target language (only en).")] = "en",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to FILE (default: stdout).")
    ] = None,
) -> None:
    """Generate a place-name glossary from CLDR: countries, territories and cities.

    The shipped tqcheck/glossaries/places-<source>-en.yaml are this command's output
    (docs/glossary.md, "Place glossaries"). Exit codes: 0 written, 2 unsupported languages,
    a hand-written glossary that does not load, or an unwritable output.
    """
    from tqcheck.glossary.places import build_places

    try:
        text = build_places(source, target)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    _write_or_fail(text, output)
