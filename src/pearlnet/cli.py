"""The command line: parse, run, and turn every error into one line and an exit code."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from pearlnet import __version__
from pearlnet.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, InputError, PearlnetError
from pearlnet.findings import Severity
from pearlnet.secrets import mask_text

EXIT_INTERNAL = 4


def _csv(value: str) -> list[str]:
    return [part.strip().upper() for part in value.split(",") if part.strip()]


def _add_project_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project_dir", nargs="?", default=".", metavar="PROJECT_DIR",
                        help="the Compose project's directory (default: .)")
    parser.add_argument("-f", "--file", action="append", default=[], dest="files", metavar="FILE",
                        help="Compose file, as with docker compose -f (repeatable)")
    parser.add_argument("--policy", metavar="FILE", help="policy file (default: pearlnet.yaml)")


def build_parser() -> argparse.ArgumentParser:
    from pearlnet.report import FORMATS

    parser = argparse.ArgumentParser(prog="pearlnet", description="Prove a multi-network "
                                     "Docker Compose architecture.")
    parser.add_argument("--version", action="version", version=f"pearlnet {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="hold the Compose project against the policy")
    _add_project_args(check)
    check.add_argument("--env-file", metavar="FILE", help="as with docker compose --env-file")
    check.add_argument("--profile", action="append", default=[], dest="profiles", metavar="NAME",
                       help="enable a Compose profile (repeatable)")
    check.add_argument("--format", choices=FORMATS, default="text")
    check.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    check.add_argument("--fail-on", choices=("error", "warning", "never"), default="error")
    check.add_argument("--select", type=_csv, default=[], metavar="ID,...",
                       help="run only these rules (prefixes allowed: PN2)")
    check.add_argument("--ignore", type=_csv, default=[], metavar="ID,...",
                       help="skip these rules (prefixes allowed)")

    rules = commands.add_parser("rules", help="list the rules, or print one rule's documentation")
    rules.add_argument("rule_id", nargs="?", metavar="ID")
    return parser


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(output)
    if target.is_dir():
        raise InputError("is a directory", file=output)
    parent = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except OSError as exc:
        raise InputError(f"cannot write the report: {exc.strerror or exc}", file=output) from None


def _exit_code(findings_severities: Sequence[Severity], fail_on: str) -> int:
    if fail_on == "never" or not findings_severities:
        return EXIT_OK
    threshold = Severity.parse(fail_on)
    return EXIT_FINDINGS if max(findings_severities) >= threshold else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from pearlnet.loader.project import LoadOptions, start_load

    # Compose runs in the project directory: a relative --env-file is the user's, from here.
    env_file = str(Path(args.env_file).absolute()) if args.env_file else None
    pending = start_load(LoadOptions(
        project_dir=Path(args.project_dir), files=args.files, env_file=env_file,
        profiles=args.profiles, policy=args.policy,
    ))
    # Compose runs from here on; the imports below overlap with it.
    try:
        from pearlnet.check import Selection, run_checks
        from pearlnet.report import renderer
        from pearlnet.report.model import Report
        from pearlnet.rules import RULES

        for rule_id in [*args.select, *args.ignore]:
            if not any(r.startswith(rule_id) for r in RULES):
                raise InputError(f"no rule matches {rule_id!r} (see `pearlnet rules`)")
    except BaseException:
        pending.process.kill()
        pending.process.communicate()
        raise
    loaded = pending.finish()
    for warning in loaded.warnings:
        print(f"pearlnet: compose: {warning}", file=sys.stderr)
    result = run_checks(loaded, Selection(args.select, args.ignore))
    notes = []
    if loaded.policy is None and result.rules_skipped_for_policy:
        skipped = ", ".join(r.id for r in result.rules_skipped_for_policy)
        notes.append(f"no policy found (--policy, pearlnet.yaml or x-pearlnet): "
                     f"{len(result.rules_skipped_for_policy)} rules need one and did not run ({skipped})")
    report = Report(
        command="check", project=loaded.project.name,
        policy=loaded.policy.file if loaded.policy else None,
        findings=result.findings, rules=result.rules_run, suppressed=result.suppressed, notes=notes,
    )
    color = (args.format == "text" and args.output is None and sys.stdout.isatty()
             and "NO_COLOR" not in os.environ)
    # Messages were masked as findings were made; the password part of URLs is masked once more.
    _write(mask_text(renderer(args.format)(report, color)), args.output)
    return _exit_code([f.severity for f in result.findings], args.fail_on)


def cmd_rules(args: argparse.Namespace) -> int:
    from pearlnet.rules import RULES

    if args.rule_id:
        rule = RULES.get(args.rule_id.upper())
        if rule is None:
            raise InputError(f"no rule {args.rule_id!r} (see `pearlnet rules`)")
        policy = "needs a policy" if rule.needs_policy else "runs without a policy"
        print(f"{rule.id} ({rule.severity.label}, {policy})\n\n{rule.doc}")
        return EXIT_OK
    for rule in RULES.values():
        marker = "P" if rule.needs_policy else " "
        print(f"{rule.id}  {rule.severity.label:<7} {marker}  {rule.summary}")
    print("\nP: needs a policy. `pearlnet rules ID` prints a rule's documentation.")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    # A short-lived process that builds many small objects (YAML nodes) and frees little:
    # the cyclic collector's repeated full passes cost a third of a large check.
    gc.disable()
    try:
        return _run(argv)
    finally:
        gc.enable()


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_INPUT
    try:
        if args.command == "check":
            return cmd_check(args)
        return cmd_rules(args)
    except PearlnetError as exc:
        print(f"pearlnet: error: {mask_text(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("pearlnet: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        if os.environ.get("PEARLNET_DEBUG"):
            raise
        print(f"pearlnet: internal error ({type(exc).__name__}): {mask_text(str(exc))} "
              "- rerun with PEARLNET_DEBUG=1 and report it", file=sys.stderr)
        return EXIT_INTERNAL
