#!/usr/bin/env python3
"""A client generated from the published contract, used as a delegation would (issue 18).

    scripts/fuzz/client.py BINARY [--document docs/openapi.json]

Generates a Python client from the document with openapi-python-client and the project's
configuration (docs/clients/openapi-python-client.yml), fails if the generator left anything
out (a warning: a schema it could not read, an operation it dropped), then starts `BINARY demo`
on a free port and uses the generated client as Germany's coordinator: signs in, reads the
directory and the State's own entry, a contact and its history, the UN nomination file, the key
set of a request to Austria, changes a contact by sending back what it read, and reads a
refusal as the generated `Problem`. Every answer must arrive as the generated type, not as
`None` (what a generated client returns for a response the document did not describe).
"""

import argparse
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
from api import free_port, wait_until_up  # noqa: E402


def generate(document, out):
    command = [
        sys.executable, "-m", "openapi_python_client", "generate",
        "--path", str(document),
        "--config", str(ROOT / "docs" / "clients" / "openapi-python-client.yml"),
        "--output-path", str(out),
        "--overwrite",
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    report = result.stdout + result.stderr
    # The generator formats with ruff when it is installed and says so when not: not ours.
    left_out = [
        line for line in report.splitlines()
        if line.startswith(("WARNING", "Unable", "Cannot", "Error"))
    ]
    if result.returncode != 0 or left_out:
        print(report)
        raise SystemExit(f"the generator left out parts of the contract: {left_out or result.returncode}")
    models = len(list((out / "liaison_api_client" / "models").glob("*.py")))
    print(f"  generated liaison_api_client: {models} model files, no warnings")


def use(url):
    client_module = importlib.import_module("liaison_api_client")
    auth = importlib.import_module("liaison_api_client.api.auth.login")
    states = importlib.import_module("liaison_api_client.api.directory.list_states")
    state = importlib.import_module("liaison_api_client.api.directory.get_state")
    contact = importlib.import_module("liaison_api_client.api.directory.get_contact")
    history = importlib.import_module("liaison_api_client.api.directory.contact_history")
    update = importlib.import_module("liaison_api_client.api.directory.update_contact")
    nomination = importlib.import_module("liaison_api_client.api.directory.state_nomination")
    keys = importlib.import_module("liaison_api_client.api.channel.request_keys")
    models = importlib.import_module("liaison_api_client.models")

    anonymous = client_module.Client(base_url=url, raise_on_unexpected_status=True)
    signed_in = auth.sync(
        client=anonymous,
        body=models.LoginRequest(username="deu.coordinator", password="liaison-demo-2026",
                                 label="generated client"),
    )
    assert isinstance(signed_in, models.LoginResponse), signed_in
    client = client_module.AuthenticatedClient(base_url=url, token=signed_in.token,
                                               raise_on_unexpected_status=True)

    directory = states.sync(client=client)
    assert directory is not None and len(directory) >= 57, directory
    entry = state.sync("DEU", client=client)
    assert isinstance(entry, models.StateEntry), entry
    assert entry.contacts and all(isinstance(c, models.Contact) for c in entry.contacts)
    poc = next(c for c in entry.contacts if c.kind == models.ContactKindKind.POC)
    assert poc.level in (models.Level.POLICY, models.Level.TECHNICAL), poc

    one = contact.sync(poc.id, client=client)
    assert isinstance(one, models.Contact) and one.id == poc.id, one
    versions = history.sync(poc.id, client=client)
    assert versions and all(isinstance(v, models.ContactVersion) for v in versions), versions

    # A change is the whole contact sent back: what was read, with the phone changed.
    body = models.ContactInput.from_dict({**one.to_dict(), "phone": "+49 228 99 9582 0"})
    changed = update.sync(poc.id, client=client, body=body)
    assert isinstance(changed, models.Contact) and changed.phone == "+49 228 99 9582 0", changed
    assert changed.version == one.version + 1, (one.version, changed.version)

    # A change made from the version read before that one is refused, not applied over it.
    stale = update.sync(poc.id, client=client,
                        body=models.ContactInput.from_dict({**one.to_dict(), "notes": "stale"}))
    assert isinstance(stale, models.Problem) and stale.status == 409, stale

    filed = nomination.sync("DEU", client=client)
    assert isinstance(filed, models.Nomination) and filed.state.code == "DEU", filed

    key_set = keys.sync(client=client, to="EST", level=models.Level.TECHNICAL)
    assert isinstance(key_set, models.KeySetView) and key_set.keys, key_set

    # A refusal is the one generated `Problem`, with its type and per-field errors.
    refused = update.sync(poc.id, client=client, body=models.ContactInput.from_dict(
        {**changed.to_dict(), "email": "not an address"}))
    assert isinstance(refused, models.Problem), refused
    assert refused.status == 422 and refused.type_.startswith("/problems/"), refused
    print(f"  used it as deu.coordinator: {len(directory)} States, {len(entry.contacts)} contacts "
          f"of DEU, contact {poc.id} changed to version {changed.version} (a stale change refused), nomination, key set "
          f"of {len(key_set.keys)} keys, a 422 read as Problem ({refused.type_})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--document", type=Path, default=ROOT / "docs" / "openapi.json")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="liaison-client-"))
    try:
        generate(args.document, folder / "client")
        sys.path.insert(0, str(folder / "client"))
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [args.binary, "demo", "--addr", f"127.0.0.1:{port}", "--data", str(folder / "data")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "LIAISON_LOG": "error"},
        )
        try:
            wait_until_up(url, server)
            use(url)
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
