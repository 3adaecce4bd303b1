"""The `wxlint` command: click wiring of the pipeline, no logic of its own."""

from __future__ import annotations

import difflib
from dataclasses import replace
import importlib
import os
import sys
from pathlib import Path

import click

from wxlint import __version__
from wxlint.catalogue import load_catalogue
from wxlint.data_tables import CatalogueError
from wxlint.config import SEVERITIES, VERSION_PATTERN, ConfigError
from wxlint.report import FORMATS, ReportContext
from wxlint.report.explain import render_rule
from wxlint.report.privacy import render_privacy
from wxlint.failures import failure_from
from wxlint.fixes import apply_fixes, unified_diffs
from wxlint.report.paths import failure_line
from wxlint.run_result import RunResult
from wxlint.runner import DEFAULT_TIME_BUDGET, RunOptions, run
from wxlint.safe_fs import reading_unsaved
from wxlint.suppress import baseline_entries
from wxlint.safe_text import shortened
from wxlint.suppress import BASELINE_NAME, Baseline, find_baseline

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FIX_PASSES = 10
# Processes parsing at once, this one included (it parses what no worker has started).
DEFAULT_JOBS = max(1, os.cpu_count() or 1)


def default_lang() -> str:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def _rule_list(values: tuple[str, ...]) -> frozenset[str]:
    return frozenset(item.strip() for value in values for item in value.split(",") if item.strip())


def _unknown_rules(names, catalogue) -> str:
    """`unknown rule(s): missing-opensettings (did you mean missing-opensetting?)`."""
    described = []
    for name in names:
        close = difflib.get_close_matches(name, list(catalogue), n=1, cutoff=0.6)
        described.append(f"{name} (did you mean {close[0]}?)" if close else name)
    return f"unknown rule(s): {', '.join(described)} (see `wxlint rules`)"


def _use_color(choice: str, to_terminal: bool) -> bool:
    """--color always|never|auto; auto honours FORCE_COLOR and NO_COLOR (https://no-color.org, https://force-color.org)."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR") not in (None, "", "0"):
        return True
    return to_terminal


def _fail(message: str) -> None:
    # configuration keys, file names and values come from the linted repository: printable, and bounded
    click.echo(f"wxlint: error: {shortened(message, 1000)}", err=True)
    sys.exit(EXIT_ERROR)


def _tell_failures(result, shown_on_stdout: bool = False) -> None:
    """Each failure on stderr (unless the text report printed them already), for logs that keep only it."""
    if shown_on_stdout:
        return
    for failure in result.failures:
        click.echo(f"wxlint: {failure_line(failure, Path.cwd())}", err=True)


def _catalogue():
    try:
        return load_catalogue()
    except CatalogueError as error:
        _fail(str(error))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wxlint")
def main() -> None:
    """Compliance and flow linter for WeChat mini-programs."""
    # esprima parses recursively; real code nests deeper than Python's default allows.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10000))


def _speed_options(command):
    command = click.option("--time-budget", type=click.FloatRange(min=1), default=DEFAULT_TIME_BUDGET, metavar="SECONDS",
                           show_default=True, help="Seconds the run may spend parsing; files left then are skipped "
                           "and the run is incomplete (exit code 2).")(command)
    command = click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
                           help="Cache folder [default: .wxlint_cache/ in each project].")(command)
    command = click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")(command)
    command = click.option("--jobs", "-j", type=click.IntRange(min=1), default=DEFAULT_JOBS,
                           show_default="CPU count",
                           help="Processes working in parallel: parsing, and on Linux checks (1: all in this one).")(command)
    return command


def _output_options(command):
    """`--output-<format> FILE` for every format, so one run can print text and save SARIF and HTML."""
    for name in reversed(sorted(FORMATS)):
        command = click.option(f"--output-{name}", f"output_{name}", type=click.Path(dir_okay=False, path_type=Path),
                               help=f"Write the {name} report to FILE (adds the format).")(command)
    return command


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, allow_dash=True, path_type=Path))
@click.option("--stdin-filename", type=click.Path(dir_okay=False, path_type=Path),
              help="With the path `-`: lint standard input as this file of its project (an editor's unsaved buffer).")
@click.option("--format", "formats", type=click.Choice(sorted(FORMATS)), multiple=True,
              help="Output format; repeat for several (default: text).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to a file (one format).")
@_output_options
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Use this configuration file instead of the nearest .wxlint.yml.")
@click.option("--select", multiple=True, help="Run only these rules (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, help="Do not run these rules (comma-separated, repeatable).")
@click.option("--min-lib-version", metavar="X.Y.Z", help="The project's minimum base library version.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), help="Lowest severity that makes the exit code 1 [default: warning].")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None, help="Language of messages [default: from the locale].")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no summary line.")
@click.option("--verbose", "-v", is_flag=True, help="Also list skipped files and why.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--statistics", is_flag=True, help="Text output: the number of findings per rule instead of each finding.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text output (auto: on a terminal, or when FORCE_COLOR is set; never when NO_COLOR is).")
@click.option("--include-vendored", is_flag=True, help="Also lint copied component libraries and SDKs (vant, tdesign, qqmap-wx-jssdk, …).")
@_speed_options
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False, path_type=Path),
              help=f"Baseline file of accepted findings [default: the nearest {BASELINE_NAME} in the "
              "folder linted or above it, up to the repository's root].")
@click.option("--no-baseline", is_flag=True, help="Report every finding, ignoring the baseline file.")
@click.option("--fix", is_flag=True, help="Apply the fixes findings offer, then report what is left.")
@click.option("--diff", "--fix-dry-run", "diff", is_flag=True,
              help="Print the fixes as a unified diff and write nothing (exit 1 when there is one).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also the fixes that can change what the mini-program does.")
def check(paths, stdin_filename, formats, output, config_file, select, ignore, min_lib_version, fail_on, lang, quiet,
          verbose, exit_zero, statistics, color, include_vendored, jobs, no_cache, cache_dir, time_budget, baseline_file,
          no_baseline, fix, diff, unsafe_fixes, **outputs):
    """Lint mini-program projects, folders or single files (default: the current folder); `-` with
    --stdin-filename lints standard input as that file."""
    catalogue = _catalogue()
    paths, unsaved = _stdin_as_file(paths, stdin_filename, fix)
    selected, ignored = _rule_list(select), _rule_list(ignore)
    unknown = sorted((selected | ignored) - set(catalogue))
    if unknown:
        raise click.BadParameter(_unknown_rules(unknown, catalogue), param_hint="--select/--ignore")
    if min_lib_version and not VERSION_PATTERN.match(min_lib_version):
        raise click.BadParameter(f"expected a version such as 2.10.4, got {min_lib_version!r}", param_hint="--min-lib-version")
    destinations = _destinations(formats, output, outputs)
    lang = lang or default_lang()
    if baseline_file is None and not no_baseline:
        # beside the configuration: in the folder linted (or the current one) or above it, up to the repository
        start = next((p for p in paths if p != Path("-")), Path("."))
        baseline_file = find_baseline((start if start.is_dir() else start.parent).resolve())
    if baseline_file is not None and not baseline_file.is_file():
        raise click.BadParameter(f"{baseline_file}: no such file (create it with `wxlint baseline`)", param_hint="--baseline")
    options = RunOptions(
        paths=list(paths) or [Path(".")], config_file=config_file, select=selected or None, ignore=ignored,
        min_lib_version=min_lib_version, fail_on=fail_on, lang=lang, jobs=jobs, use_cache=not no_cache,
        cache_dir=cache_dir, baseline=None if no_baseline else baseline_file, lint_vendored=include_vendored,
        time_budget=time_budget, unsaved=unsaved)
    result = _run(options)
    if diff:
        _show_fixes(result, options, unsafe_fixes)
    if fix:
        # as ESLint: fixes that touch the same place wait for the next pass, on the files as they now are
        for _ in range(FIX_PASSES):
            if not _apply_fixes(result, unsafe_fixes):
                break
            result = _run(options)
    for name, destination in destinations.items():
        to_terminal = destination is None and sys.stdout.isatty()
        context = ReportContext(lang=lang, color=destination is None and _use_color(color, to_terminal),
                                verbose=verbose, quiet=quiet, cwd=Path.cwd(), catalogue=catalogue, statistics=statistics)
        text = FORMATS[name].render(result, context)
        if destination is None:
            click.echo(text, nl=False, color=context.color or None)  # click strips colour off a terminal unless told
        else:
            try:
                destination.write_text(text, encoding="utf-8")
            except OSError as error:
                _fail(f"cannot write {destination}: {error.strerror or error}")
    _tell_failures(result, shown_on_stdout=destinations.get("text", False) is None)
    if not result.complete:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if result.failed and not exit_zero else EXIT_OK)


@main.command()
def server():
    """Language Server on standard input and output: findings in the editor as you type (see README)."""
    # imported when asked for, as the report formats are: pygls costs every other command nothing
    importlib.import_module("wxlint.server").serve()


def _stdin_as_file(paths, stdin_filename: Path | None, fix: bool):
    """The paths to lint and the unsaved contents: `-` stands for standard input, read as `--stdin-filename`."""
    if Path("-") not in paths:
        if stdin_filename is not None:
            raise click.BadParameter("give `-` as the path to read standard input", param_hint="--stdin-filename")
        return paths, {}
    if stdin_filename is None:
        raise click.BadParameter("`-` (standard input) needs --stdin-filename, the file it stands for", param_hint="PATHS")
    if fix:
        raise click.BadParameter("--fix writes files; standard input has none to write", param_hint="--fix")
    data = sys.stdin.buffer.read()
    target = stdin_filename.resolve()
    return [target if p == Path("-") else p for p in paths], {target: data}


def _project_root(result: RunResult):
    roots = [project.root for project in result.projects]

    def root_of(path: Path) -> Path:
        return max((root for root in roots if root == path or root in path.parents), key=lambda r: len(r.parts),
                   default=Path(os.sep, "nonexistent-project"))
    return root_of


def _show_fixes(result: RunResult, options: RunOptions, unsafe: bool) -> None:
    """--diff: the fixes --fix would make, in all its passes, worked out on the files' texts in memory (each pass
    lints the texts the previous one left, as unsaved contents); nothing is written."""
    before: dict[Path, str] = {}
    after: dict[Path, str] = {}
    unsaved = dict(options.unsaved)
    applied = 0
    for _ in range(FIX_PASSES):
        with reading_unsaved(unsaved):
            outcome = apply_fixes(result.findings, _project_root(result), write=False, unsafe=unsafe)
        for path, why in outcome.refused:
            click.echo(f"wxlint: {shortened(str(path))}: {why}", err=True)
        if not outcome.applied:
            break
        applied += outcome.applied
        for path in outcome.after:
            before.setdefault(path, outcome.before[path])
        after.update(outcome.after)
        unsaved.update(outcome.encoded)
        result = _run(replace(options, unsaved=unsaved))
    for text in unified_diffs(before, after):
        click.echo(text, nl=False)
    click.echo(f"wxlint: {applied} fix(es) would be applied", err=True)
    sys.exit(EXIT_FINDINGS if applied else EXIT_OK)


def _apply_fixes(result: RunResult, unsafe: bool) -> int:
    outcome = apply_fixes(result.findings, _project_root(result), write=True, unsafe=unsafe)
    for path, why in outcome.refused:
        click.echo(f"wxlint: {shortened(str(path))}: {why}", err=True)
    if outcome.applied:
        click.echo(f"wxlint: fixed {outcome.applied} finding(s) in {len(outcome.after)} file(s)", err=True)
    return outcome.applied


def _run(options: RunOptions) -> RunResult:
    try:
        return run(options)
    except ConfigError as error:
        _fail(str(error))
    except ValueError as error:  # an unreadable baseline
        _fail(str(error))
    except Exception as error:  # a bug of wxlint's own outside a project: no traceback, and every report says so
        return RunResult(failures=[failure_from("run", None, error)])


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Use this configuration file instead of the nearest .wxlint.yml.")
@click.option("--output", "-o", "baseline_file", type=click.Path(dir_okay=False, path_type=Path), default=BASELINE_NAME,
              show_default=True, help="The baseline file to write.")
@click.option("--prune", is_flag=True, help="Only drop entries that are fixed; add nothing new.")
@_speed_options
def baseline(paths, config_file, baseline_file, prune, jobs, no_cache, cache_dir, time_budget):
    """Record today's findings as accepted, so `wxlint check` reports only new ones."""
    options = RunOptions(paths=list(paths) or [Path(".")], config_file=config_file, jobs=jobs, use_cache=not no_cache,
                         cache_dir=cache_dir, baseline=baseline_file if prune else None, lang="en", time_budget=time_budget)
    if prune and not baseline_file.is_file():
        _fail(f"{baseline_file}: no baseline to prune")
    result = _run(options)
    if not result.complete:
        # a baseline of a partial run would accept what it never saw, or prune what it did not look at
        _tell_failures(result)
        _fail(f"{baseline_file}: not written, the run was incomplete")
    if prune:
        fixed = {(e["path"], e["fingerprint"]) for e in result.baseline_fixed}
        kept = [e for e in result.baseline.entries if (e["path"], e["fingerprint"]) not in fixed]
        Baseline.write(baseline_file, kept, __version__, [p.root for p in result.projects])
        click.echo(f"{baseline_file}: removed {len(fixed)} fixed findings, kept {len(kept)}")
    else:
        entries = baseline_entries(result.findings, baseline_file.resolve().parent)
        Baseline.write(baseline_file, entries, __version__, [p.root for p in result.projects])
        click.echo(f"{baseline_file}: {len(entries)} findings recorded; `wxlint check` now reports only new ones")
    sys.exit(EXIT_OK)


def _destinations(formats, output, outputs) -> dict[str, Path | None]:
    """Format -> file (None for standard output); at most one format may print."""
    destinations: dict[str, Path | None] = {}
    for name in FORMATS:
        if outputs.get(f"output_{name}") is not None:
            destinations[name] = outputs[f"output_{name}"]
    printed = [name for name in dict.fromkeys(formats) if name not in destinations]
    if not formats and not destinations:
        printed = ["text"]
    if output is not None:
        if len(printed) != 1:
            raise click.BadParameter("--output takes one format; use --output-<format> FILE for several", param_hint="--output")
        destinations[printed.pop()] = output
    if len(printed) > 1:
        raise click.BadParameter(f"only one format can print to the terminal ({', '.join(printed)}); "
                                 "send the others to files with --output-<format> FILE", param_hint="--format")
    for name in printed:
        destinations[name] = None
    return destinations


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Use this configuration file instead of the nearest .wxlint.yml.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None)
def privacy(paths, config_file, output_format, lang):
    """List where the project handles personal information, to hold against its privacy guide."""
    options = RunOptions(paths=list(paths) or [Path(".")], config_file=config_file, select=frozenset({"privacy-api-promise"}),
                         use_cache=False, privacy_inventory=True, lang=lang or default_lang())
    result = _run(options)
    click.echo(render_privacy(result.privacy, output_format, options.lang, Path.cwd()), nl=False)
    _tell_failures(result)
    sys.exit(EXIT_OK if result.complete else EXIT_ERROR)


@main.command("rules")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None)
def list_rules(lang):
    """List the rule catalogue."""
    lang = lang or default_lang()
    catalogue = _catalogue()
    width = max(len(rule_id) for rule_id in catalogue)
    header = ("规则", "级别", "类别", "说明") if lang == "zh" else ("RULE", "SEVERITY", "CATEGORY", "TITLE")
    click.echo(f"{header[0]:<{width}}  {header[1]:<8}  {header[2]:<14}  {header[3]}")
    for rule in catalogue.values():
        click.echo(f"{rule.id:<{width}}  {rule.severity:<8}  {rule.category:<14}  {rule.title[lang]}")


@main.command()
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None)
def explain(rule_id, lang):
    """Print a rule's documentation."""
    lang = lang or default_lang()
    catalogue = _catalogue()
    rule = catalogue.get(rule_id)
    if rule is None:
        _fail(_unknown_rules([rule_id], catalogue))
    click.echo(render_rule(rule, lang))
