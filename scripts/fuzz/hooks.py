"""Schemathesis hooks for `scripts/fuzz/api.py`: every request is signed in as one demo account.

The account is `LIAISON_FUZZ_USER` on the server at `LIAISON_FUZZ_URL`. The token is fetched
again every few seconds, because the fuzzer itself may end it (ending an account's sessions).
When the fuzzer took the account's sign-in away altogether (a manager resetting its own
password, disabling it), the operator gives it back with the offline commands, as an operator
would (`LIAISON_FUZZ_BINARY admin --database LIAISON_FUZZ_DATABASE account …`), and signs in
again.
"""

import json
import os
import subprocess
import urllib.error
import urllib.request

import schemathesis

PASSWORD = "liaison-demo-2026"


def sign_in():
    body = json.dumps(
        {"username": os.environ["LIAISON_FUZZ_USER"], "password": PASSWORD}
    ).encode()
    request = urllib.request.Request(
        os.environ["LIAISON_FUZZ_URL"] + "/api/v1/auth/login",
        data=body,
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)["token"]


def restore():
    user = os.environ["LIAISON_FUZZ_USER"]
    admin = [
        os.environ["LIAISON_FUZZ_BINARY"],
        "admin",
        "--database",
        os.environ["LIAISON_FUZZ_DATABASE"],
        "account",
    ]
    env = {**os.environ, "LIAISON_LOG": "error"}
    subprocess.run(admin + ["enable", user], env=env, capture_output=True, check=False)
    subprocess.run(
        admin + ["reset-password", user],
        input=PASSWORD,
        text=True,
        env=env,
        capture_output=True,
        check=True,
    )


@schemathesis.auth(refresh_interval=5)
class DemoAccount:
    def get(self, case, context):
        try:
            return sign_in()
        except urllib.error.HTTPError:
            restore()
            return sign_in()

    def set(self, case, data, context):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"
