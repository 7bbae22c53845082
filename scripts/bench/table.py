#!/usr/bin/env python3
"""One markdown table from a `scripts/bench/run` folder: every Liaison build's passes and the
Synapse passes side by side, per concurrency, with the ratios measured in that run.

    python3 table.py FOLDER BINARY…
"""
import glob, json, os, statistics, sys


def load(path):
    with open(path) as f:
        return json.load(f)


def sends(result):
    return {r["concurrency"]: r for r in result["results"] if r.get("phase") == "send"}


def main():
    folder, binaries = sys.argv[1], sys.argv[2:]
    columns = []  # (name, {c: send result}, {metric: value})
    for i, binary in enumerate(binaries):
        for path in sorted(glob.glob(os.path.join(folder, f"liaison{i}-pass*.json"))):
            r = load(path)
            name = f"Liaison {'(this build)' if i == 0 else os.path.basename(binary)} {path.rsplit('-', 1)[1][:-5]}"
            columns.append((name, sends(r), {
                "RSS after the demo's first start (MiB)": r.get("rss_after_seeding_mib"),
                "RSS idle (MiB)": r.get("rss_idle_mib"),
                "RSS idle 10 s after the load (MiB)": r.get("rss_after_load_mib"),
                "start-up, warm (s)": r.get("startup_warm_s"),
            }))
    for path in sorted(glob.glob(os.path.join(folder, "postgres-pass*.json"))):
        r = load(path)
        columns.append((f"Liaison on PostgreSQL {path.rsplit('-', 1)[1][:-5]}", sends(r), {
            "RSS after the demo's first start (MiB)": r.get("rss_after_seeding_mib"),
            "RSS idle (MiB)": r.get("rss_idle_mib"),
            "RSS idle 10 s after the load (MiB)": r.get("rss_after_load_mib"),
            "start-up, warm (s)": r.get("startup_warm_s"),
        }))
    for path in sorted(glob.glob(os.path.join(folder, "synapse-pass*", "load.json"))):
        d = os.path.dirname(path)
        rss = lambda f: load(os.path.join(d, f))["rss_mib"] if os.path.exists(os.path.join(d, f)) else None
        columns.append((f"Synapse {os.path.basename(d).split('-', 1)[1]}", sends(load(path)), {
            "RSS after the demo's first start (MiB)": None,
            "RSS idle (MiB)": rss("rss_idle.json"),
            "RSS idle 10 s after the load (MiB)": rss("rss_after_load.json"),
            "start-up, warm (s)": load(os.path.join(d, "start_warm1.json")).get("startup_s")
            if os.path.exists(os.path.join(d, "start_warm1.json")) else None,
        }))
    if not columns:
        sys.exit("no results in " + folder)
    commit = load(os.path.join(folder, "commit.json"))
    print("| metric | " + " | ".join(c[0] for c in columns) + " |")
    print("|---|" + "---|" * len(columns))
    concurrencies = sorted({c for col in columns for c in col[1]})
    cell = lambda v: "–" if v is None else (f"{v:,.1f}" if isinstance(v, float) else str(v))
    for c in concurrencies:
        for label, key in (("req/s", "rps"), ("p50 / p99 (ms)", None), ("server CPU ms per send", "server_cpu_ms_per_msg"),
                           ("database CPU ms per send (PostgreSQL)", "database_cpu_ms_per_msg"),
                           ("server CPU %", "server_cpu_pct"), ("errors", "errors")):
            row = []
            for _, s, _ in columns:
                r = s.get(c)
                if r is None:
                    row.append("–")
                elif key is None:
                    row.append(f"{r['p50_ms']} / {r['p99_ms']}")
                elif key == "errors":
                    row.append(str(sum(r["errors"].values())) if r["errors"] else "0")
                else:
                    row.append(cell(r.get(key)))
            print(f"| send c={c}: {label} | " + " | ".join(row) + " |")
    for metric in columns[0][2]:
        print(f"| {metric} | " + " | ".join(cell(col[2][metric]) for col in columns) + " |")
    print()
    print(f"Raw SQLite commits on this disk in the same run (1 KiB row, WAL): FULL {commit['full_commits_per_s']:,.0f}/s, "
          f"NORMAL {commit['normal_commits_per_s']:,.0f}/s.")
    pg_commit = os.path.join(folder, "pg-commit.json")
    if os.path.exists(pg_commit):
        pg = load(pg_commit)
        print(f"Raw PostgreSQL commits in the same run (pgbench, 1 KiB row, fsync and synchronous_commit on): "
              f"{pg['commits_per_s_1']:,.0f}/s with 1 client, {pg['commits_per_s_32']:,.0f}/s with 32.")

    def mean(name_prefix, c, key):
        values = [s[c][key] for name, s, _ in columns if name.startswith(name_prefix) and c in s]
        return statistics.mean(values) if values else None

    print()
    for c in concurrencies:
        ours = mean("Liaison (this build)", c, "rps")
        ours_p99 = mean("Liaison (this build)", c, "p99_ms")
        parts = [f"c={c}: Liaison {ours:,.0f} req/s (p99 {ours_p99:.1f} ms)"]
        theirs = mean("Synapse", c, "rps")
        if theirs:
            theirs_p99 = mean("Synapse", c, "p99_ms")
            parts.append(f"{ours / theirs:.1f}× Synapse's rate, p99 {ours_p99 / theirs_p99:.2f}× Synapse's")
        for i, binary in enumerate(binaries[1:], 1):
            other = mean(f"Liaison {os.path.basename(binary)}", c, "rps")
            if other:
                parts.append(f"{ours / other:.2f}× {os.path.basename(binary)}")
        parts.append(f"{ours / commit['full_commits_per_s']:.2f}× the raw FULL commit rate")
        print("- " + "; ".join(parts) + " (means of the passes)")
        pg = mean("Liaison on PostgreSQL", c, "rps")
        if pg:
            pg_p99 = mean("Liaison on PostgreSQL", c, "p99_ms")
            line = f"c={c}: Liaison on PostgreSQL {pg:,.0f} req/s (p99 {pg_p99:.1f} ms)"
            if theirs:
                line += f"; {pg / theirs:.1f}× Synapse's rate, p99 {pg_p99 / theirs_p99:.2f}× Synapse's"
            print("- " + line + " (means of the passes)")


if __name__ == "__main__":
    main()
