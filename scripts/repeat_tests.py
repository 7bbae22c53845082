#!/usr/bin/env python3
"""Runs a test command N times on one build and counts, per test, the runs that failed.

    scripts/repeat_tests.py N LOGDIR -- CMD ARGS...

CMD is a `cargo test` command (scripts/test --repeat builds it); its output is libtest's:
`Running <target> (<binary>)` names the test binary, `test <name> ... ok|FAILED|ignored`
gives a result. Every run's whole output is kept as LOGDIR/run-<k>.log. At the end it prints
one line per test that failed at least once (failed/runs), then the totals; a test binary
that ended without its summary line (crashed, aborted) counts as a failure of that binary.
Exits 0 only when every run of every test passed.
"""

import collections
import os
import re
import subprocess
import sys
import time

RUNNING = re.compile(r"^\s*Running (\S+)")
RESULT = re.compile(r"^test (\S+) \.\.\. (ok|FAILED|ignored)")
SUMMARY = re.compile(r"^test result: ")


def run_once(command, log_path):
    """One run: (results {test: passed?}, binaries without a summary, exit code, seconds)."""
    started = time.monotonic()
    results = {}
    unfinished = set()
    binary = "?"
    with open(log_path, "w", encoding="utf-8", errors="replace") as log:
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
        for line in process.stdout:
            log.write(line)
            match = RUNNING.match(line)
            if match:
                binary = os.path.basename(match.group(1))
                unfinished.add(binary)
                continue
            if SUMMARY.match(line):
                unfinished.discard(binary)
                continue
            match = RESULT.match(line)
            if match and match.group(2) != "ignored":
                results[f"{binary}: {match.group(1)}"] = match.group(2) == "ok"
        code = process.wait()
    return results, unfinished, code, time.monotonic() - started


def main():
    if len(sys.argv) < 5 or sys.argv[3] != "--":
        sys.exit(__doc__)
    runs = int(sys.argv[1])
    if runs < 1:
        sys.exit("repeat_tests.py: N must be at least 1")
    logdir = sys.argv[2]
    command = sys.argv[4:]
    os.makedirs(logdir, exist_ok=True)

    failures = collections.Counter()
    seen = collections.Counter()
    failed_runs = 0
    for k in range(1, runs + 1):
        log_path = os.path.join(logdir, f"run-{k}.log")
        results, unfinished, code, seconds = run_once(command, log_path)
        for test, passed in results.items():
            seen[test] += 1
            if not passed:
                failures[test] += 1
        for binary in unfinished:
            key = f"{binary}: (the binary ended without its summary)"
            seen[key] += 1
            failures[key] += 1
        failed = [t for t, passed in results.items() if not passed] + sorted(unfinished)
        if code != 0 and not failed:
            failures["(the command failed before any test failed)"] += 1
            failed = ["exit code %d" % code]
        failed_runs += bool(failed)
        print(
            f"run {k}/{runs}: {len(results)} tests, {len(failed)} failed, {seconds:.0f} s"
            + (f" ({', '.join(failed)}; log {log_path})" if failed else ""),
            flush=True,
        )

    print()
    if failures:
        print("failed/runs  test")
        for test, count in sorted(failures.items(), key=lambda item: (-item[1], item[0])):
            print(f"{count:>6}/{max(seen[test], runs):<4} {test}")
    print(
        f"{runs} runs of {len(seen)} tests: {sum(failures.values())} failures "
        f"in {failed_runs} runs; logs in {logdir}"
    )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
