#!/usr/bin/env python3
"""Tiny SMTP sink for Liaison's tests (needs the aiosmtpd package).

    python3 scripts/smtp_sink.py --port PORT --maildir DIR [--reject-first N]
                                 [--reject-rcpt TEXT]

Listens on 127.0.0.1:PORT (PORT 0 picks a free port). Prints `READY <port>`
on stdout, flushed, once it accepts connections. Each accepted message n
(1, 2, ...) is stored as

    DIR/<n>.json  {"n", "mail_from", "rcpt_tos", "mail_options",
                   "rcpt_options", "helo", "peer"}
    DIR/<n>.eml   the raw DATA bytes, headers included (CRLF line ends)

The .json is written first and each file appears atomically (rename), so once
<n>.eml exists both files are complete. The first N DATA commands (counted over
all connections) are answered `451 4.3.0 Try again later` and not stored.
A recipient whose address contains TEXT is refused for good at RCPT TO with
`550 5.1.1 No such user` (a bounce the relay reports at once).
Exits with status 0 on SIGTERM or SIGINT.
"""

import argparse
import asyncio
import json
import os
import signal
import sys

from aiosmtpd.smtp import SMTP


class SinkHandler:
    def __init__(self, maildir: str, reject_first: int, reject_rcpt: str) -> None:
        self.maildir = maildir
        self.reject_left = reject_first
        self.reject_rcpt = reject_rcpt
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        if self.reject_rcpt and self.reject_rcpt in address:
            print(f"refused recipient {address} (550)", file=sys.stderr, flush=True)
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def _write(self, name: str, data: bytes) -> None:
        tmp = os.path.join(self.maildir, f".{name}.tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, os.path.join(self.maildir, name))

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.reject_left > 0:
            self.reject_left -= 1
            print("rejected one DATA (451)", file=sys.stderr, flush=True)
            return "451 4.3.0 Try again later"
        self.count += 1
        n = self.count
        raw = envelope.original_content
        if raw is None:
            raw = envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        peer = session.peer
        meta = {
            "n": n,
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "mail_options": list(envelope.mail_options),
            "rcpt_options": list(envelope.rcpt_options),
            "helo": session.host_name,
            "peer": f"{peer[0]}:{peer[1]}" if isinstance(peer, tuple) else str(peer),
        }
        self._write(f"{n}.json", json.dumps(meta, indent=2).encode() + b"\n")
        self._write(f"{n}.eml", raw)
        print(f"stored message {n} ({len(raw)} bytes)", file=sys.stderr, flush=True)
        return "250 2.0.0 OK"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, required=True, help="TCP port (0: any free port)")
    ap.add_argument("--maildir", required=True, help="directory for <n>.eml and <n>.json")
    ap.add_argument("--reject-first", type=int, default=0, metavar="N",
                    help="answer 451 to the first N DATA commands")
    ap.add_argument("--reject-rcpt", default="", metavar="TEXT",
                    help="answer 550 to RCPT TO addresses containing TEXT")
    ap.add_argument("--host", default="127.0.0.1", help=argparse.SUPPRESS)
    args = ap.parse_args()

    os.makedirs(args.maildir, exist_ok=True)
    handler = SinkHandler(args.maildir, args.reject_first, args.reject_rcpt)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(
        loop.create_server(
            lambda: SMTP(handler, enable_SMTPUTF8=True, decode_data=False,
                         hostname="smtp-sink.test", ident="liaison smtp_sink"),
            host=args.host,
            port=args.port,
        )
    )
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, loop.stop)

    port = server.sockets[0].getsockname()[1]
    print(f"READY {port}", flush=True)
    try:
        loop.run_forever()
    finally:
        server.close()
        try:
            # Newer Pythons wait for open client connections here: do not hang.
            loop.run_until_complete(asyncio.wait_for(server.wait_closed(), 2))
        except Exception:
            pass
        # Cancel the handlers of still-open client connections.
        pending = asyncio.all_tasks(loop)
        for task in pending:
            task.cancel()
        if pending:
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
