#!/usr/bin/env python3
"""Runs test binaries N times on one build and counts, per test, the runs that failed.

    scripts/repeat_tests.py N LOGDIR ARTIFACTS [FILTER...]

ARTIFACTS is the output of `cargo test --no-run --message-format=json` (scripts/test --repeat
writes it): every test executable it names is run, from its package's folder as cargo would,
with the FILTER arguments; nothing is rebuilt between runs, so editing the tree while this runs
changes nothing. Each binary's output is libtest's (`test <name> ... ok|FAILED|ignored`, then a
`test result:` line); every run's whole output is kept as LOGDIR/run-<k>.log. At the end it
prints one line per test that failed at least once (failed/runs), then the totals; a binary
that ended without its summary line (crashed, aborted) counts as a failure of that binary.
Exits 0 only when every run of every test passed.
"""

import collections
import json
import os
import re
import subprocess
import sys
import time

RESULT = re.compile(r"^test (\S+) \.\.\. (ok|FAILED|ignored)")
SUMMARY = re.compile(r"^test result: ")


def test_binaries(artifacts_path):
    """(name, executable, folder) of every test executable cargo built, in a stable order."""
    found = {}
    with open(artifacts_path, encoding="utf-8") as artifacts:
        for line in artifacts:
            if not line.startswith("{"):
                continue
            message = json.loads(line)
            if message.get("reason") != "compiler-artifact" or not message.get("executable"):
                continue
            if not message.get("profile", {}).get("test"):
                continue
            target = message["target"]
            folder = os.path.dirname(message["manifest_path"])
            found[message["executable"]] = (target["name"], message["executable"], folder)
    return sorted(found.values())


def run_once(binaries, filters, log_path):
    """One run of every binary: (results {test: passed?}, binaries without a summary, seconds)."""
    started = time.monotonic()
    results = {}
    unfinished = []
    with open(log_path, "w", encoding="utf-8", errors="replace") as log:
        for name, executable, folder in binaries:
            log.write(f"==> {name} ({executable})\n")
            log.flush()
            process = subprocess.Popen(
                [executable, *filters],
                cwd=folder,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                errors="replace",
            )
            summary = False
            failed_here = False
            for line in process.stdout:
                log.write(line)
                if SUMMARY.match(line):
                    summary = True
                    continue
                match = RESULT.match(line)
                if match and match.group(2) != "ignored":
                    passed = match.group(2) == "ok"
                    results[f"{name}: {match.group(1)}"] = passed
                    failed_here |= not passed
            code = process.wait()
            if not summary or (code != 0 and not failed_here):
                unfinished.append(f"{name} (exit {code})")
    return results, unfinished, time.monotonic() - started


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    runs = int(sys.argv[1])
    if runs < 1:
        sys.exit("repeat_tests.py: N must be at least 1")
    logdir = sys.argv[2]
    binaries = test_binaries(sys.argv[3])
    filters = sys.argv[4:]
    if not binaries:
        sys.exit(f"repeat_tests.py: no test executable in {sys.argv[3]}")
    os.makedirs(logdir, exist_ok=True)
    print(f"{len(binaries)} test binaries: {', '.join(b[0] for b in binaries)}", flush=True)

    failures = collections.Counter()
    seen = collections.Counter()
    failed_runs = 0
    for k in range(1, runs + 1):
        log_path = os.path.join(logdir, f"run-{k}.log")
        results, unfinished, seconds = run_once(binaries, filters, log_path)
        for test, passed in results.items():
            seen[test] += 1
            if not passed:
                failures[test] += 1
        for binary in unfinished:
            key = f"{binary}: ended without its summary or failed outside a test"
            seen[key] += 1
            failures[key] += 1
        failed = [t for t, passed in results.items() if not passed] + unfinished
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
