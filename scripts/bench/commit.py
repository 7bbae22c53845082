#!/usr/bin/env python3
"""The ceiling for durable writes on this disk: raw SQLite commits per second, one 1 KiB row per
transaction, WAL, `synchronous = FULL` (each commit waits for the write-ahead log's fsync) and,
for comparison, `NORMAL`. Run in the same sitting as the sends, so their ratio to it means something.

    python3 commit.py --folder DIR [--seconds 5]
"""
import argparse, json, os, sqlite3, time


def rate(path, synchronous, seconds):
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute(f"PRAGMA synchronous = {synchronous}")
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)")
    body = b"x" * 1024
    n, t0 = 0, time.perf_counter()
    end = t0 + seconds
    while time.perf_counter() < end:
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO t (body) VALUES (?)", (body,))
        db.execute("COMMIT")
        n += 1
    elapsed = time.perf_counter() - t0
    db.close()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    return round(n / elapsed, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--folder", required=True)
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--out")
    a = ap.parse_args()
    os.makedirs(a.folder, exist_ok=True)
    path = os.path.join(a.folder, "commit.db")
    out = {"full_commits_per_s": rate(path, "FULL", a.seconds),
           "normal_commits_per_s": rate(path, "NORMAL", a.seconds)}
    print(f"raw SQLite commits (1 KiB row each, WAL): FULL {out['full_commits_per_s']}/s, "
          f"NORMAL {out['normal_commits_per_s']}/s", flush=True)
    if a.out:
        with open(a.out, "w") as f:
            json.dump(out, f)


if __name__ == "__main__":
    main()
