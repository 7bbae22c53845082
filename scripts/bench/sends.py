#!/usr/bin/env python3
"""Liaison's protected-request sends, measured with the client shape of the Synapse harness.

The same client as `../shared/bench/peers/synapse/load.py` (asyncio + aiohttp, closed-loop
senders, nearest-rank percentiles, server CPU from /proc/PID/stat, disk from /proc/diskstats),
the same phases (3 s warm-up at c=1, 10 s idle, then 20 s per concurrency with 3 s between, each
phase capped at 200,000 requests) and the same body size: a 1 KiB text, here the body of a
protected request sealed with GnuPG to the request's key set (the server checks the envelope's
recipients, never decrypts). Germany's technical point of contact sends to Estonia.

    python3 sends.py --binary target/release/liaison --data DIR --out result.json

It seeds the demo in DIR (first start: RSS after seeding), restarts it on that database (idle
RSS), signs in, seals one message per phase with gpg, runs the phases, then reads the idle RSS
again. Only 127.0.0.0/8 is ever contacted.
"""
import argparse, asyncio, json, math, os, shutil, signal, subprocess, sys, tempfile, time
import urllib.request

import aiohttp

CLK = os.sysconf("SC_CLK_TCK")
PASSWORD = "liaison-demo-2026"


def pct(sorted_vals, p):
    if not sorted_vals:
        return None
    k = max(0, min(len(sorted_vals) - 1, math.ceil(p / 100 * len(sorted_vals)) - 1))
    return round(sorted_vals[k] * 1000, 2)


def summary(lat):
    s = sorted(lat)
    return {"n": len(s), "p50_ms": pct(s, 50), "p95_ms": pct(s, 95), "p99_ms": pct(s, 99),
            "max_ms": round(s[-1] * 1000, 2) if s else None}


def database_cpu():
    """CPU seconds of every PostgreSQL process (the database's share of a send's work)."""
    total = 0.0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                head, rest = f.read().rsplit(")", 1)
        except OSError:
            continue
        if head.split("(", 1)[1] == "postgres":
            parts = rest.split()
            total += (int(parts[11]) + int(parts[12])) / CLK
    return total


class ProcStat:
    """CPU seconds and RSS of the server PID, the client's CPU, steal and the disk's work (and,
    on PostgreSQL, the database processes' CPU)."""

    def __init__(self, pid, folder, postgres=False):
        self.pid, self.folder, self.postgres = pid, folder, postgres

    def server_cpu(self):
        with open(f"/proc/{self.pid}/stat") as f:
            parts = f.read().rsplit(")", 1)[1].split()
        return int(parts[11]) / CLK, int(parts[12]) / CLK

    @staticmethod
    def steal():
        with open("/proc/stat") as f:
            return int(f.readline().split()[8]) / CLK

    def rss_mib(self):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)

    def disk(self):
        dev = os.stat(self.folder).st_dev
        key = (os.major(dev), os.minor(dev))
        with open("/proc/diskstats") as f:
            for line in f:
                x = line.split()
                if (int(x[0]), int(x[1])) == key:
                    v = [int(n) for n in x[3:]]
                    return v[4], v[7]
        return 0, 0

    def snap(self):
        t = os.times()
        db = database_cpu() if self.postgres else 0.0
        return time.perf_counter(), self.server_cpu(), t.user + t.system, self.disk(), self.steal(), db

    def usage(self, before):
        t1, (u1, y1), c1, (w1, wms1), st1, db1 = self.snap()
        t0, (u0, y0), c0, (w0, wms0), st0, db0 = before
        el = t1 - t0
        w, wms = w1 - w0, wms1 - wms0
        return {"server_cpu_pct": round(100 * (u1 + y1 - u0 - y0) / el, 1),
                "database_cpu_pct": round(100 * (db1 - db0) / el, 1),
                "server_sys_pct": round(100 * (y1 - y0) / el, 1),
                "client_cpu_pct": round(100 * (c1 - c0) / el, 1),
                "steal_pct": round(100 * (st1 - st0) / el, 1),
                "server_rss_mib": self.rss_mib(),
                "disk_writes_per_s": round(w / el, 1),
                "disk_write_avg_ms": round(wms / w, 2) if w else None}


def call(base, method, path, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.load(answer)


def sign_in(base, username):
    return call(base, "POST", "/api/v1/auth/login", body={"username": username, "password": PASSWORD})["token"]


def seal(base, token, body_bytes, gnupg):
    """A 1 KiB body sealed with GnuPG to the key set the server tells (the documented interop)."""
    view = call(base, "GET", "/api/v1/requests/keys?to=EST&level=technical", token)
    armored = "\n".join(k["public_key"] for k in view["keys"])
    fingerprints = [k["fingerprint"] for k in view["keys"]]
    gpg = ["gpg", "--homedir", gnupg, "--batch", "--quiet", "--trust-model", "always"]
    subprocess.run(gpg + ["--import"], input=armored.encode(), check=True, capture_output=True)
    text = ("Content-Type: text/plain; charset=utf-8\r\nSubject: Benchmark\r\n\r\n"
            + "x" * body_bytes).encode()
    recipients = [a for f in fingerprints for a in ("--recipient", f)]
    sealed = subprocess.run(gpg + ["--armor", "--encrypt"] + recipients, input=text,
                            check=True, capture_output=True).stdout.decode()
    return {"to": ["EST"], "kind": "incident-notification", "urgency": "urgent",
            "level": "technical", "tlp": "AMBER", "language": "en", "message": sealed}


async def send_phase(base, token, body, conc, duration, max_req, proc):
    headers = {"Authorization": "Bearer " + token}
    lat, errors, count = [], {}, 0
    connector = aiohttp.TCPConnector(limit=conc)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout, headers=headers) as s:
        before = proc.snap()
        t0 = time.perf_counter()
        end = t0 + duration

        async def worker():
            nonlocal count
            while time.perf_counter() < end and count < max_req:
                count += 1
                ts = time.perf_counter()
                try:
                    async with s.post(base + "/api/v1/requests", json=body) as r:
                        await r.read()
                        if r.status == 201 or r.status == 200:
                            lat.append(time.perf_counter() - ts)
                        else:
                            errors[str(r.status)] = errors.get(str(r.status), 0) + 1
                except Exception as e:
                    errors[type(e).__name__] = errors.get(type(e).__name__, 0) + 1

        await asyncio.gather(*(worker() for _ in range(conc)))
        elapsed = time.perf_counter() - t0
        use = proc.usage(before)
    res = {"phase": "send", "concurrency": conc, "elapsed_s": round(elapsed, 2), "ok": len(lat),
           "errors": errors, "rps": round(len(lat) / elapsed, 1)}
    res.update(summary(lat))
    res.update(use)
    res["server_cpu_ms_per_msg"] = round(use["server_cpu_pct"] * 10 / res["rps"], 2) if res["rps"] else None
    res["database_cpu_ms_per_msg"] = round(use["database_cpu_pct"] * 10 / res["rps"], 2) if res["rps"] else None
    return res


def start(binary, data, port, log, env, database=None):
    extra = ["--database", database] if database else []
    server = subprocess.Popen([binary, "demo", "--addr", f"127.0.0.1:{port}", "--data", data, *extra],
                              stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"liaison exited with {server.returncode}; see {log.name}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return server
        except OSError:
            time.sleep(0.05)
    sys.exit("liaison did not answer within 300 s")


def stop(server):
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def quiet_rss(proc, seconds):
    time.sleep(seconds)
    return proc.rss_mib()


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--data", required=True, help="an empty folder for the demo database (and the logs)")
    ap.add_argument("--database", help="an empty PostgreSQL database (postgres://…) instead of SQLite in --data")
    ap.add_argument("--port", type=int, default=18090)
    ap.add_argument("--concurrency", default="1,8,32")
    ap.add_argument("--duration", type=float, default=20.0)
    ap.add_argument("--max-requests", type=int, default=200000)
    ap.add_argument("--warmup", type=float, default=3.0)
    ap.add_argument("--settle", type=float, default=10.0)
    ap.add_argument("--pause", type=float, default=3.0)
    ap.add_argument("--body-bytes", type=int, default=1024)
    ap.add_argument("--label", default="")
    ap.add_argument("--out")
    a = ap.parse_args()
    os.makedirs(a.data, exist_ok=True)
    base = f"http://127.0.0.1:{a.port}"
    # The benchmark sends tens of thousands of messages a day from one State: far past the
    # channel's daily budget (300 by default), which is lifted for it.
    env = {**os.environ, "LIAISON_LOG": os.environ.get("LIAISON_LOG", "warn"),
           "LIAISON_CHANNEL__MESSAGES_PER_DAY": "100000000", "LIAISON_CHANNEL__MIB_PER_DAY": "1000000"}
    log = open(os.path.join(a.data, "server.log"), "a")
    out = {"label": a.label, "ts": time.time(), "args": vars(a), "results": []}

    # First start: the demo seeds (Argon2 for every account, the States, the log).
    t0 = time.perf_counter()
    server = start(a.binary, a.data, a.port, log, env, a.database)
    out["startup_fresh_s"] = round(time.perf_counter() - t0, 2)
    out["rss_after_seeding_mib"] = quiet_rss(ProcStat(server.pid, a.data, bool(a.database)), 5)
    stop(server)
    # Warm start on the seeded database, as an operator restarts it.
    t0 = time.perf_counter()
    server = start(a.binary, a.data, a.port, log, env, a.database)
    out["startup_warm_s"] = round(time.perf_counter() - t0, 2)
    proc = ProcStat(server.pid, a.data, bool(a.database))
    try:
        out["rss_idle_mib"] = quiet_rss(proc, 5)
        token = sign_in(base, "deu.technical")
        gnupg = tempfile.mkdtemp(prefix="liaison-bench-gpg-")
        try:
            body = seal(base, token, a.body_bytes, gnupg)
        finally:
            shutil.rmtree(gnupg, ignore_errors=True)
        out["message_bytes"] = len(body["message"])
        if a.warmup > 0:
            await send_phase(base, token, body, 1, a.warmup, a.max_requests, proc)
            await asyncio.sleep(a.settle)
        for c in [int(x) for x in a.concurrency.split(",") if x]:
            r = await send_phase(base, token, body, c, a.duration, a.max_requests, proc)
            out["results"].append(r)
            print(f"liaison send c={c:<3} {r['rps']:8.1f} req/s  p50 {r['p50_ms']} p95 {r['p95_ms']} "
                  f"p99 {r['p99_ms']} ms  ok {r['ok']} err {r['errors']}  cpu srv {r['server_cpu_pct']}% "
                  f"({r['server_cpu_ms_per_msg']} ms/msg, database {r['database_cpu_ms_per_msg']} ms/msg) cli {r['client_cpu_pct']}% steal {r['steal_pct']}%  "
                  f"rss {r['server_rss_mib']} MiB  disk {r['disk_writes_per_s']} w/s {r['disk_write_avg_ms']} ms/w",
                  flush=True)
            await asyncio.sleep(a.pause)
        out["rss_after_load_mib"] = quiet_rss(proc, 10)
    finally:
        stop(server)
    out["database_mib"] = round(sum(os.path.getsize(os.path.join(a.data, f))
                                    for f in os.listdir(a.data) if f.startswith("liaison.db")) / 2**20, 1)
    print(f"liaison rss: after seeding {out['rss_after_seeding_mib']} MiB, idle {out['rss_idle_mib']} MiB, "
          f"after the load {out['rss_after_load_mib']} MiB", flush=True)
    if a.out:
        with open(a.out, "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    asyncio.run(main())
