#!/usr/bin/env python3
"""A tierd protocol v1 client using only the standard library (see docs/PROTOCOL.md).

It says hello, gets a customer's entitlements, opens a green channel twice with one
idempotency key (the second call must replay the same ticket), and pages through the
revisit list. It exits 1 with a message on any error or mismatch.

    TIERD_TOKEN=$(cat .tierd/demo/token) examples/tierd_client.py --customer 1 \
        --green-customer 1 --branch SH-PD --staff 1 --kind claims
"""
import argparse
import json
import os
import socket
import sys
import uuid

MAX_LINE = 16 * 1024 * 1024  # refuse replies longer than this instead of buffering them


class RPCError(Exception):
    """An error response: `name` is error.data.code, e.g. not_entitled."""

    def __init__(self, error):
        self.number = error.get("code")
        self.message = error.get("message", "")
        self.data = error.get("data") or {}
        self.name = self.data.get("code", str(self.number))
        extra = "".join(f" ({k}: {self.data[k]})" for k in ("path", "reason") if k in self.data)
        super().__init__(f"{self.name}: {self.message}{extra}")


class Client:
    """One connection. send() writes a request and returns its id without waiting, so
    several requests can be in flight; wait(id) reads replies, in whatever order they
    come, until that id's reply is there."""

    def __init__(self, address, timeout=30.0):
        # A Unix socket: unix://path, or any path with a slash (".tierd/demo/tierd.sock").
        if address.startswith("unix://") or ("/" in address and "://" not in address):
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.sock.settimeout(timeout)
            self.sock.connect(address[len("unix://"):] if address.startswith("unix://") else address)
        else:
            host, colon, port = address.removeprefix("tcp://").rpartition(":")
            if not colon or host.count(":") and not host.endswith("]"):
                host, port = address.removeprefix("tcp://"), "7411"  # no port given
            self.sock = socket.create_connection((host.strip("[]") or "127.0.0.1", int(port)), timeout=timeout)
        self.reader = self.sock.makefile("rb")
        self.next_id = 1
        self.replies = {}  # id -> reply that arrived before anyone waited for it

    def send(self, method, params=None):
        request_id, self.next_id = self.next_id, self.next_id + 1
        message = {"jsonrpc": "2.0", "id": request_id, "method": method}
        if params is not None:
            message["params"] = params
        self.sock.sendall(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")
        return request_id

    def wait(self, request_id):
        while request_id not in self.replies:
            line = self.reader.readline(MAX_LINE + 1)
            if not line:
                raise ConnectionError(f"tierd closed the connection while request {request_id} was pending")
            if not line.endswith(b"\n"):
                raise ConnectionError(f"a reply line is longer than {MAX_LINE} bytes")
            if not line.strip():
                continue
            decoded = json.loads(line)
            for reply in decoded if isinstance(decoded, list) else [decoded]:
                if reply.get("id") is None:  # about a line tierd could not read: a bug here
                    raise RPCError(reply.get("error") or {"message": "reply without id"})
                self.replies[reply["id"]] = reply
        reply = self.replies.pop(request_id)
        if "error" in reply:
            raise RPCError(reply["error"])
        return reply["result"]

    def call(self, method, params=None):
        return self.wait(self.send(method, params))

    def close(self):
        self.reader.close()
        self.sock.close()


def fail(message):
    print(f"tierd_client: {message}", file=sys.stderr)
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser(description="Exercise a tierd daemon over protocol v1.")
    parser.add_argument("--address", default="127.0.0.1:7411", help="host:port, unix:///path or a socket path with a slash")
    parser.add_argument("--token", default=os.environ.get("TIERD_TOKEN"), help="client token (env TIERD_TOKEN)")
    parser.add_argument("--customer", type=int, required=True, help="customer id for entitlements.get")
    parser.add_argument("--green-customer", type=int, required=True, help="customer id for greenchannel.open")
    parser.add_argument("--branch", required=True, help="branch code, e.g. SH-PD")
    parser.add_argument("--staff", type=int, required=True, help="employee id opening the green channel")
    parser.add_argument("--kind", default="claims", choices=["counter", "claims", "underwriting"])
    args = parser.parse_args()
    if not args.token:
        fail("no token: pass --token or set TIERD_TOKEN")

    client = Client(args.address)
    # Pipelined: the entitlements request goes out right behind the hello.
    hello_id = client.send("session.hello", {"token": args.token, "client": "tierd_client.py"})
    entitlements_id = client.send("entitlements.get", {"customer_id": args.customer})
    hello = client.wait(hello_id)
    print(f"hello: principal {hello['principal']}, role {hello['role']}, revision {hello['revision'][:12]}")
    result = client.wait(entitlements_id)
    codes = [item["code"] for item in result["entitlements"]]
    print(f"entitlements of customer {args.customer}: {len(codes)} ({', '.join(codes) or 'none'}), "
          f"tiers {result['tiers']}, decision {result['decision_id']}")

    key = str(uuid.uuid4())
    params = {"customer_id": args.green_customer, "kind": args.kind, "branch": args.branch,
              "staff_id": args.staff, "idempotency_key": key}
    first = client.call("greenchannel.open", params)
    second = client.call("greenchannel.open", params)  # a retry: must replay, not open another
    print(f"green channel: ticket {first['ticket_id']} via {first['entitlement']}, due {first['sla_due_at']}; "
          f"retry -> ticket {second['ticket_id']}, replayed {second['replayed']}")
    if first["replayed"]:
        fail(f"the first open with a new key {key} says replayed: true")
    if second["ticket_id"] != first["ticket_id"] or second["replayed"] is not True:
        fail(f"idempotency broken: key {key} gave tickets {first['ticket_id']} and {second['ticket_id']} "
             f"(replayed {second['replayed']})")

    pages, customers, cursor, seen = 0, 0, None, set()
    while True:
        page_params = {"branch": args.branch, "limit": 50}
        if cursor is not None:
            page_params["cursor"] = cursor
        page = client.call("revisits.list", page_params)
        pages += 1
        customers += len(page["customers"])
        cursor = page.get("next_cursor")
        if cursor is None:
            break
        if cursor in seen:
            fail(f"revisits.list returned the cursor {cursor} twice")
        seen.add(cursor)
    print(f"revisits in {args.branch}: {customers} customers lapsed over {page['lapse_days']} days, in {pages} pages")
    client.close()


if __name__ == "__main__":
    try:
        main()
    except RPCError as error:
        fail(f"tierd answered with an error: {error}")
    except (OSError, ConnectionError, ValueError) as error:
        fail(f"{type(error).__name__}: {error}")
