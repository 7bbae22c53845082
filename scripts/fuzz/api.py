#!/usr/bin/env python3
"""Schema-driven fuzzing of the API (issue 18): Schemathesis against a fresh demo, once per role.

    scripts/fuzz/api.py BINARY [--examples N] [--seed S] [--roles manager,deu.coordinator,...]

For each role it starts `BINARY demo` on a free port over a fresh folder, signs in as the role's
demo account (hooks.py), and runs every operation of the published document through the
examples, coverage, fuzzing and stateful phases, with the checks not_a_server_error,
status_code_conformance, content_type_conformance and response_schema_conformance, at most N
generated cases per operation, with the seed printed for reproduction. It prints each role's
request count (from the server's own request log) and exits 1 if any role's run failed.
"""

import argparse
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROLES = {
    # No account: every signed-in operation must refuse with 401, and the anonymous ones
    # (sign-in, answering a check by its link, the public log) are fuzzed here alone, since
    # failed sign-ins lock the fuzzer's address out of signing in for the runs with an account.
    "anonymous": None,
    "manager": "manager",
    "coordinator": "deu.coordinator",
    "policy": "deu.policy",
    "technical": "deu.technical",
    "observer": "observer",
    "auditor": "auditor",
}

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"

# Operations that end the caller's own sign-in for everything after them: the hooks sign in
# again, but a fuzzer ending its session on every other case tests only sign-ins. Sign-in itself
# is fuzzed by the anonymous run.
EXCLUDED = ["/api/v1/auth/logout", "/api/v1/me/tokens"]
EXCLUDED_WITH_ACCOUNT = ["/api/v1/auth/login"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url, server, deadline_s=120):
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the demo stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the demo did not answer at {url} within {deadline_s} s")


def run_role(binary, role, username, args, here):
    folder = Path(tempfile.mkdtemp(prefix=f"liaison-fuzz-{role}-"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    # The demo seeds the folder; the server then runs on it as `liaison serve` would, with one
    # change: sign-ins per minute are not limited for the fuzzer's own address (the hooks sign in
    # again whenever the fuzzer ends the account's token; the limiter is tested on its own).
    seeding = subprocess.Popen(
        [binary, "demo", "--addr", f"127.0.0.1:{port}", "--data", str(folder / "data")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "LIAISON_LOG": "error"},
    )
    try:
        wait_until_up(url, seeding)
    finally:
        seeding.terminate()
        seeding.wait(timeout=30)
    log = open(folder / "server.log", "w")
    database = f"sqlite://{folder / 'data' / 'liaison.db'}"
    server = subprocess.Popen(
        [binary, "serve"],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={
            **os.environ,
            "LIAISON_LOG": "info",
            "LIAISON_LOG_FORMAT": "text",
            "LIAISON_DATABASE_URL": database,
            "LIAISON_LISTEN": f"127.0.0.1:{port}",
            "LIAISON_PUBLIC_URL": url,
            "LIAISON_JOBS": "false",
            "LIAISON_LOGIN_ATTEMPTS_PER_MINUTE": "100000",
        },
    )
    try:
        wait_until_up(url, server)
        command = [
            "st", "run", str(args.document), "--url", url,
            "--checks", CHECKS,
            "--phases", "examples,coverage,fuzzing,stateful",
            "--max-examples", str(args.examples),
            "--seed", str(args.seed),
            "--workers", "1",
            "--no-color",
            "--request-timeout", "60",
            "--suppress-health-check", "all",
            # Nothing kept between runs (no example database in the working tree): the seed
            # alone reproduces a run.
            "--generation-database", "none",
        ]
        for path in EXCLUDED + (EXCLUDED_WITH_ACCOUNT if username else []):
            command += ["--exclude-path", path]
        env = dict(os.environ)
        if username:
            env.update({
                "SCHEMATHESIS_HOOKS": "hooks",
                "PYTHONPATH": str(here) + os.pathsep + os.environ.get("PYTHONPATH", ""),
                "LIAISON_FUZZ_USER": username,
                "LIAISON_FUZZ_URL": url,
                "LIAISON_FUZZ_BINARY": binary,
                "LIAISON_FUZZ_DATABASE": database,
            })
        started = time.monotonic()
        # In the run's own folder: Schemathesis keeps a cache there, not in the working tree.
        result = subprocess.run(command, env=env, capture_output=True, text=True, cwd=folder)
        took = time.monotonic() - started
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    requests = sum(1 for line in open(folder / "server.log") if "middleware: request " in line)
    report = result.stdout + result.stderr
    ok = result.returncode == 0
    summary = [l for l in report.splitlines() if "generated," in l or "failure" in l.lower() and "=====" in l]
    print(f"  {role:<12} as {username or '(no account)':<16} {requests:>6} requests in {took:5.0f} s: "
          f"{'passed' if ok else 'FAILED'}  {' / '.join(s.strip() for s in summary)}")
    if not ok:
        print(report)
    else:
        shutil.rmtree(folder, ignore_errors=True)
        # The operations whose generated inputs the server mostly refused: a rule the document
        # does not state yet (docs/api.md lists the ones that cannot be stated).
        mismatch = mismatches(report)
        if mismatch:
            print(f"    mostly refused ({len(mismatch)}): {', '.join(mismatch)}")
    return ok


def mismatches(report):
    lines = report.splitlines()
    out = []
    for i, line in enumerate(lines):
        if line.startswith("Schema validation mismatch:"):
            for item in lines[i + 1:]:
                if item.strip().startswith("- "):
                    out.append(item.strip()[2:])
                elif item.strip() and not item.strip().startswith("- ") and out:
                    break
            break
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--document", type=Path,
                        default=Path(__file__).resolve().parents[2] / "docs" / "openapi.json")
    parser.add_argument("--examples", type=int, default=25)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--roles", default=",".join(ROLES))
    args = parser.parse_args()
    args.document = args.document.resolve()
    args.binary = str(Path(args.binary).resolve())
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1, 2**31)
    here = Path(__file__).resolve().parent
    print(f"schemathesis over {args.document}, {args.examples} cases per operation, "
          f"seed {args.seed} (reproduce with --seed {args.seed})")
    failed = []
    for role in args.roles.split(","):
        if not run_role(args.binary, role, ROLES[role], args, here):
            failed.append(role)
    if failed:
        print(f"the API fuzzing failed for: {', '.join(failed)} (seed {args.seed})")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
