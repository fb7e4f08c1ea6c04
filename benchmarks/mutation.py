"""Mutation run (mutmut 3) over the modules whose bugs would hurt most; not part of CI.

    .venv/bin/python benchmarks/mutation.py                  # every target, one after the other
    .venv/bin/python benchmarks/mutation.py purge visibility # some targets
    .venv/bin/python benchmarks/mutation.py --list           # targets, their files and tests

Each target is run in its own scratch copy of the work tree (``var/mutation/<target>/``, tracked
and untracked-but-not-ignored files, so uncommitted tests count) with a ``setup.cfg`` that tells
mutmut which files to mutate and which tests to run. mutmut then maps every mutated function to
the tests that call it and runs only those per mutant, so a target costs seconds per mutant, not
a suite run. The run is niced (``nice -n 10``) and uses ``--max-children`` processes (default 1:
the machine is shared).

The summary (killed / survived / timeout / no tests / equivalent per target) is printed and
written to ``benchmarks/results/<stamp>-mutation.json``. Survivors listed in ``EQUIVALENT`` (with
the reason they cannot change behaviour) are counted apart; the score is
killed / (all - equivalent). mutmut names mutants after function and number
(``events.privacy.x_erased_value__mutmut_3``), so the names shift when a function changes: check
the list after editing a target (``mutmut show NAME`` inside the scratch copy shows the diff).

Needs mutmut (``pip install -e .[mutation]``).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / "var" / "mutation"
RESULTS = ROOT / "benchmarks" / "results"

# Top-level packages mutmut copies (and may mutate), derived so a new app is never left out;
# everything else the tests need is also_copy.
PACKAGES = sorted(
    path.parent.name for path in ROOT.glob("*/__init__.py") if path.parent.name not in {"tests", "benchmarks"}
)
SETTINGS = "mutation_run"  # written into the scratch copy only
TEST_DATABASE = SCRATCH / "test-database.sqlite3"  # shared by the targets, which run one at a time
ALSO_COPY = [
    "assets",
    "templates",
    "locale",
    "translation_overrides",
    "manage.py",
    "benchmarks",
    "docs",
    ".importlinter",
]


@dataclass(frozen=True)
class Target:
    files: tuple[str, ...]
    tests: tuple[str, ...]
    added: tuple[str, ...] = ()  # tests written after the first run; --before leaves them out


TARGETS: dict[str, Target] = {
    "registration": Target(
        ("events/registration.py",),
        ("tests/events/test_registration.py", "tests/events/test_concurrency.py"),
        added=("tests/events/test_registration_rules.py", "tests/events/test_registration_mutants.py"),
    ),
    "facet_index": Target(
        ("search/facet_index.py",),
        ("tests/search/test_facet_index.py",),
        added=("tests/search/test_facet_index_changes.py",),
    ),
    "contract": Target(
        ("search/contract.py",),
        ("tests/search/test_elasticsearch_requests.py", "tests/search/test_disjunctive_properties.py"),
        added=("tests/search/test_contract_rules.py",),
    ),
    "similarity": Target(
        ("practices/similarity.py",),
        ("tests/search/test_similarity.py",),
        added=("tests/search/test_similarity_rules.py",),
    ),
    # "may an anonymous visitor see this page": the queryset rule and its single-page twins
    "visibility": Target(
        ("practices/models/published.py",),
        ("tests/security/test_restricted_pages.py",),
    ),
    # registrations (purge_registrations) and quickscan respondents (quickscan_purge)
    "purge": Target(
        ("events/privacy.py", "quickscan/privacy.py"),
        (
            "tests/events/test_purge.py",
            "tests/quickscan/test_mail_and_privacy.py::test_closing_a_round_erases_the_invitation_addresses",
            "tests/quickscan/test_mail_and_privacy.py::test_purge_after_the_retention_period_keeps_the_answers",
            "tests/quickscan/test_mail_and_privacy.py::test_purge_reports_and_dry_run",
        ),
        added=(
            "tests/events/test_purge_rules.py",
            "tests/quickscan/test_mail_and_privacy.py::test_purge_cut_off_counts_and_leftover_addresses",
            "tests/quickscan/test_mail_and_privacy.py::test_purge_leaves_open_rounds_and_catches_refilled_fields",
        ),
    ),
}

# Surviving mutants that cannot change behaviour, with the reason. Counted apart from survivors.
EQUIVALENT: dict[str, str] = {
    "search.facet_index.x__age__mutmut_3": (
        "undated key (2, 0.0) still sorts after every dated (0, ...) key and ties among undated documents"
    ),
    "search.facet_index.x__age__mutmut_4": (
        "every undated document gets the same key (1, 1.0), so the order is unchanged"
    ),
    "search.facet_index.x__mask__mutmut_11": (
        "an extra high zero byte does not change int.from_bytes(..., 'little')"
    ),
    "search.facet_index.x__relabel__mutmut_2": (
        "also re-reads taxonomy and NONE values, which are always stored with label '' "
        "(documents.py) and excluded"
    ),
    "search.facet_index.x__relabel__mutmut_17": (
        "re-reads the code in every facet; untouched keys' rows are unchanged, so their "
        "minimum label is unchanged"
    ),
    "search.facet_index.x__relabel__mutmut_18": (
        "re-reads every code of the facet; untouched keys' rows are unchanged, so their "
        "minimum label is unchanged"
    ),
    "search.facet_index.x__relabel__mutmut_37": ("<= replaces a label with an equal one"),
    "search.facet_index.x_apply_changes__mutmut_52": (
        "mask | bit is always true: clearing an unset bit changes nothing, and extra "
        "touched keys are re-read to the same minimum label"
    ),
    "search.facet_index.x_apply_changes__mutmut_62": (
        "mask << n is true for masks with no bits at n or above; for those (mask & low) | 0 == mask"
    ),
    "search.facet_index.x_apply_changes__mutmut_76": (
        "mask << n is true for masks with no bits at n or above; for those (mask & low) | 0 == mask"
    ),
    "search.facet_index.x_apply_changes__mutmut_122": (
        "by_title is overwritten by setattr before the index is returned"
    ),
    "search.facet_index.x_apply_changes__mutmut_123": (
        "by_updated is overwritten by setattr before the index is returned"
    ),
    "search.facet_index.x_load__mutmut_41": (
        "chunk_size only sets the fetch size (None means Django's default), not the rows read"
    ),
    "search.facet_index.x_load__mutmut_42": ("chunk_size only sets the fetch size, not the rows read"),
    "search.facet_index.x_load__mutmut_51": ("<= replaces a label with an equal one"),
    "search.facet_index.x_load__mutmut_62": ("by_title is assigned again before load returns"),
    "search.facet_index.x_load__mutmut_63": ("by_updated is assigned again before load returns"),
    "events.registration.x__promote__mutmut_14": "free >= 0, not > 0: with free == 0, waiting[:0] is empty",
    "events.registration.x__promote__mutmut_18": (
        "update_fields=None: the row was read moments before under the session lock every writer of a "
        "session's registrations takes, so saving all fields writes the values it already holds"
    ),
    "events.registration.x_cancel__mutmut_16": (
        "update_fields=None: the row was just read with SELECT ... FOR UPDATE in the same transaction"
    ),
    "events.registration.x_register__mutmut_15": (
        "no duplicate check: the unique constraint events_registration_unique_active_email refuses the "
        "same row, and its IntegrityError becomes the same DuplicateRegistration, nothing saved"
    ),
    "events.registration.x_register__mutmut_16": (
        "email__iexact=None finds nothing: the unique constraint refuses the duplicate the same way"
    ),
    "events.registration.x_register__mutmut_21": (
        "anonymised rows counted as duplicates: they hold '<pk>@gewist.invalid' and exist only for ended "
        "sessions, which the window check refuses first"
    ),
    "events.registration.x_register__mutmut_22": (
        "only anonymised rows checked: the unique constraint refuses real duplicates the same way"
    ),
    "events.registration.x__lock__mutmut_2": (
        "of=None: SQLite emits no FOR UPDATE; on PostgreSQL it also locks the parent page row, so the "
        "same sign-ups are serialised under a wider lock"
    ),
    "practices.models.published.x_published_among__mutmut_8": (
        'values_list("pk", flat=True) -> values_list(flat=True): without a field name Django '
        "lists the first field, which is Page's primary key"
    ),
}


def read_statuses(work: Path, target: Target) -> dict[str, str]:
    """mutant name -> mutmut's status, from the result files mutmut keeps beside each mutated file
    (also after an interrupted run: mutants not run yet are "not checked")."""
    from mutmut.stats import status_by_exit_code

    statuses = {}
    for name in target.files:
        meta = work / "mutants" / f"{name}.meta"
        if meta.exists():
            for mutant, code in json.loads(meta.read_text())["exit_code_by_key"].items():
                statuses[mutant] = status_by_exit_code[code]
    return statuses


def project_files() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    return [line for line in out.splitlines() if line and (ROOT / line).is_file()]


def prepare(name: str, target: Target, reuse: bool, before: bool) -> Path:
    work = SCRATCH / name
    if work.exists() and not reuse:
        shutil.rmtree(work)
    for rel in project_files():
        dest = work / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, dest)
    wanted = target.tests if before else target.tests + target.added
    tests = [t for t in wanted if (work / t.split("::")[0]).exists()]
    missing = sorted(set(wanted) - set(tests))
    if missing:
        print(f"  [{name}] not found, left out: {', '.join(missing)}")
    lines = [
        "[mutmut]",
        "source_paths =",
        *(f"    {p}/" for p in PACKAGES),
        "only_mutate =",
        *(f"    {f}" for f in target.files),
        "also_copy =",
        *(f"    {p}" for p in ALSO_COPY),
        "pytest_add_cli_args =",
        "    -p",
        "    no:cacheprovider",
        "    -p",
        "    no:randomly",
        "    -q",
        "    --reuse-db",
        # Every mutant is a new pytest session (database set-up, demo content): several seconds
        # on top of the tests' own time, more on a loaded machine; mutmut's default wall limit
        # ((tests + 1 s) x 15) would call slow set-ups timeouts.
        "timeout_constant = 40",
        "timeout_multiplier = 4",
        "pytest_add_cli_args_test_selection =",
        *(f"    {t}" for t in tests),
        "",
    ]
    (work / "setup.cfg").write_text("\n".join(lines))
    # A file test database kept between mutants and targets (--reuse-db): every mutant is a new
    # pytest session, and migrating an in-memory database each time costs ~40 CPU seconds.
    (work / "config" / "settings" / f"{SETTINGS}.py").write_text(
        "from .test import *  # noqa: F403\n\n"
        f'DATABASES["default"]["TEST"] = {{"NAME": {str(TEST_DATABASE)!r}}}  # noqa: F405\n'
    )
    return work


def mutmut_bin() -> str:
    found = shutil.which("mutmut", path=str(Path(sys.executable).parent)) or shutil.which("mutmut")
    if not found:
        sys.exit("mutmut is not installed: pip install -e .[mutation]")
    return found


def run_target(name: str, target: Target, max_children: int, reuse: bool, before: bool) -> dict:
    work = prepare(name, target, reuse, before)
    started = time.monotonic()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": f"config.settings.{SETTINGS}"}
    log = work / "mutmut-run.log"
    with log.open("w") as handle:
        code = subprocess.run(
            ["nice", "-n", "10", mutmut_bin(), "run", "--max-children", str(max_children)],
            cwd=work,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        ).returncode
    seconds = time.monotonic() - started
    statuses = read_statuses(work, target)
    counts: dict[str, int] = {}
    survivors, equivalent = [], []
    for mutant, status in sorted(statuses.items()):
        if status == "survived" and mutant in EQUIVALENT:
            status = "equivalent"
            equivalent.append(mutant)
        elif status != "killed":
            survivors.append(f"{mutant}: {status}")
        counts[status] = counts.get(status, 0) + 1
    considered = len(statuses) - len(equivalent)
    score = counts.get("killed", 0) / considered if considered else 0.0
    return {
        "target": name,
        "files": list(target.files),
        "tests": list(target.tests if before else target.tests + target.added),
        "before": before,
        "exit_code": code,
        "seconds": round(seconds),
        "mutants": len(statuses),
        "counts": counts,
        "score": round(score, 3),
        "not_killed": survivors,
        "equivalent": {m: EQUIVALENT[m] for m in equivalent},
        "log": str(log.relative_to(ROOT)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("targets", nargs="*", choices=[[], *TARGETS], help="default: all")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--max-children", type=int, default=1)
    parser.add_argument("--before", action="store_true", help="without the tests in Target.added")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the scratch copy (mutmut's stats and results; changed files are copied over): "
        "re-runs only mutants of changed functions, or without results",
    )
    args = parser.parse_args()
    if args.list:
        for name, target in TARGETS.items():
            print(f"{name}: {', '.join(target.files)}\n    tests: {' '.join(target.tests + target.added)}")
        return 0
    names = args.targets or list(TARGETS)
    load = os.getloadavg()[0]
    reports = []
    for name in names:
        print(f"[{name}] mutating {', '.join(TARGETS[name].files)} ...", flush=True)
        report = run_target(name, TARGETS[name], args.max_children, args.reuse, args.before)
        reports.append(report)
        counts = ", ".join(f"{n} {status}" for status, n in sorted(report["counts"].items()))
        print(
            f"[{name}] {report['mutants']} mutants: {counts}; "
            f"score {report['score']:.0%}; {report['seconds']} s",
            flush=True,
        )
        for line in report["not_killed"]:
            print(f"    {line}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = RESULTS / f"{stamp}-mutation{'-before' if args.before else ''}.json"
    out.write_text(
        json.dumps(
            {"load_average_at_start": round(load, 2), "cpus": os.cpu_count(), "targets": reports}, indent=2
        )
    )
    print(f"written {out.relative_to(ROOT)}")
    return 0 if all(r["exit_code"] == 0 for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
