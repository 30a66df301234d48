#!/usr/bin/env python3
"""ClickHouse's HTTP interface over chDB: a current ClickHouse engine (26.x) for the tests.

Only Debian's ClickHouse 18.16 server installs here, while production runs a current one.
chDB (PyPI `chdb-core`) is the real engine of a current ClickHouse, in-process. This script
puts the part of the HTTP interface the ingester uses in front of it, so the ingester's own
client runs every statement (DDL, RowBinary inserts, FINAL, REPLACE PARTITION, OPTIMIZE, the
job-run reads) against the current engine, unchanged:

  POST /?query=INSERT…FORMAT RowBinary  with the rows as the body (gzip or plain)
  POST /                                 with the statement as the body
  GET  /ping                             "Ok."

Authentication is checked like a current server does it: a wrong user or password answers
403 with `Code: 516` and `X-ClickHouse-Exception-Code: 516`. Errors carry the engine's own
text, `Code: N. DB::Exception: … (NAME) (version …)`, and the status a current server
uses (404 unknown table/database, 400 syntax, 500 otherwise).

  scripts/chdb-server.py --port 0 --user etl_writer --password secret --data DIR
prints `http://127.0.0.1:PORT` on its first line once it serves.

The tests start it on a port of their own (Tests/TestSupport/ChDBServer.swift): CurrentEngineTests
runs the same ingestion here and on 18.16 and compares every table; RowRoundTripPropertyTests
round-trips random rows of every table. The ingester needed nothing beyond what is above.
"""
import argparse
import gzip
import os
import re
import sys
import tempfile
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import chdb.session

INSERT_RE = re.compile(
    r"^\s*INSERT\s+INTO\s+(?P<table>[`\w.]+)\s*(?:\((?P<columns>[^)]*)\))?\s*FORMAT\s+RowBinary\s*$",
    re.IGNORECASE | re.DOTALL,
)
CODE_RE = re.compile(r"Code:\s*(\d+)")
STATUS_BY_CODE = {60: 404, 81: 404, 62: 400, 516: 403, 192: 403, 193: 403, 194: 403, 497: 403}
# URL parameters that are not settings.
NOT_SETTINGS = {"query", "database", "user", "password", "default_format"}


class Engine:
    """One chDB session, used by one request at a time (chDB is not re-entrant)."""

    def __init__(self, path):
        self.session = chdb.session.Session(path)
        self.lock = threading.Lock()
        self.version = self.run("SELECT version()").decode().strip()

    def run(self, sql, fmt="TabSeparated"):
        with self.lock:
            result = self.session.query(sql, fmt)
        return result.bytes() if hasattr(result, "bytes") else bytes(result)

    def insert_rowbinary(self, table, columns, body):
        """`INSERT … FORMAT RowBinary` with data: chDB takes the rows from a file, typed by the
        table's own column types (the engine decodes the RowBinary, not this script)."""
        described = self.run(f"DESCRIBE TABLE {table}").decode().splitlines()
        types = {}
        for line in described:
            fields = line.split("\t")
            types[fields[0]] = fields[1]
        names = [c.strip().strip("`") for c in columns.split(",")] if columns else list(types)
        structure = ", ".join(f"`{n}` {types[n]}" for n in names)
        with tempfile.NamedTemporaryFile(suffix=".bin", delete=False) as handle:
            handle.write(body)
            path = handle.name
        try:
            column_list = ", ".join(f"`{n}`" for n in names)
            self.run(f"INSERT INTO {table} ({column_list}) SELECT * FROM file('{path}', 'RowBinary', '{structure}')")
        finally:
            os.unlink(path)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    engine = None
    user = ""
    password = ""

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path.startswith("/ping"):
            self.reply(200, b"Ok.\n")
        else:
            self.handle_query(b"")

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if (self.headers.get("Content-Encoding") or "").lower() == "gzip":
            body = gzip.decompress(body)
        self.handle_query(body)

    def handle_query(self, body):
        params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query, keep_blank_values=True))
        user = self.headers.get("X-ClickHouse-User") or params.get("user") or "default"
        key = self.headers.get("X-ClickHouse-Key") or params.get("password") or ""
        if user != self.user or key != self.password:
            message = f"Code: 516. DB::Exception: {user}: Authentication failed: password is incorrect, or there is no user with such name. (AUTHENTICATION_FAILED) (version {self.engine.version})\n"
            return self.reply(403, message.encode(), code=516)
        query = params.get("query")
        try:
            for name, value in params.items():
                if name not in NOT_SETTINGS:
                    literal = value if re.fullmatch(r"-?\d+(\.\d+)?", value) else "'" + value.replace("'", "\\'") + "'"
                    self.engine.run(f"SET {name} = {literal}")
            if params.get("database"):
                self.engine.run(f"USE `{params['database']}`")
            if query is not None and body:
                match = INSERT_RE.match(query)
                if not match:
                    raise RuntimeError("Code: 62. DB::Exception: this test server takes data only for INSERT … FORMAT RowBinary. (SYNTAX_ERROR)")
                self.engine.insert_rowbinary(match.group("table"), match.group("columns"), body)
                return self.reply(200, b"")
            sql = query if query is not None else body.decode()
            self.reply(200, self.engine.run(sql))
        except Exception as error:  # the engine's own exception text
            text = str(error).strip()
            found = CODE_RE.search(text)
            code = int(found.group(1)) if found else 1001
            if f"(version " not in text:
                text += f" (version {self.engine.version})"
            self.reply(STATUS_BY_CODE.get(code, 500), (text + "\n").encode(), code=code)

    def reply(self, status, payload, code=None):
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=UTF-8")
        self.send_header("Content-Length", str(len(payload)))
        if code is not None:
            self.send_header("X-ClickHouse-Exception-Code", str(code))
        self.end_headers()
        self.wfile.write(payload)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--user", default="default")
    parser.add_argument("--password", default="")
    parser.add_argument("--data", default=None, help="folder for the engine's data (default: a temporary one)")
    args = parser.parse_args()
    Handler.engine = Engine(args.data or tempfile.mkdtemp(prefix="chdb-"))
    Handler.user, Handler.password = args.user, args.password
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
