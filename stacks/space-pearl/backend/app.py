"""Space Pearl backend: reports the health of each tier it depends on.

It reaches PostgreSQL and Redis by their DNS names on the data network
(db:5432, cache:6379), never by address. The database password comes from a
Compose secret file, never from the environment.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import psycopg2
import redis

VERSION = "space-pearl-backend 1.0"
DB_HOST = os.environ.get("DATABASE_HOST", "db")
DB_PORT = int(os.environ.get("DATABASE_PORT", "5432"))
DB_USER = os.environ.get("DATABASE_USER", "pearl")
DB_NAME = os.environ.get("DATABASE_NAME", "pearl")
DB_PASSWORD_FILE = os.environ.get("DATABASE_PASSWORD_FILE", "/run/secrets/db_password")
REDIS_URL = os.environ.get("REDIS_URL", "redis://cache:6379/0")
TIMEOUT = 3


def check_db() -> dict[str, Any]:
    started = time.monotonic()
    password = Path(DB_PASSWORD_FILE).read_text().strip()
    with psycopg2.connect(host=DB_HOST, port=DB_PORT, user=DB_USER, password=password,
                          dbname=DB_NAME, connect_timeout=TIMEOUT) as conn, conn.cursor() as cur:
        cur.execute("SELECT current_setting('server_version'), inet_server_addr()::text")
        version, address = cur.fetchone()
    conn.close()
    return {"ok": True, "detail": f"PostgreSQL {version} at {DB_HOST}:{DB_PORT}",
            "server_address": address, "ms": round((time.monotonic() - started) * 1000, 1)}


def check_cache() -> dict[str, Any]:
    started = time.monotonic()
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT)
    try:
        pong = client.ping()
        version = client.info("server").get("redis_version")
    finally:
        client.close()
    return {"ok": bool(pong), "detail": f"Redis {version} PING={'PONG' if pong else pong}",
            "ms": round((time.monotonic() - started) * 1000, 1)}


def tier(check: Any) -> dict[str, Any]:
    try:
        result: dict[str, Any] = check()
        return result
    except Exception as exc:  # a tier being down is the answer, not a crash
        return {"ok": False, "error": f"{type(exc).__name__}: {str(exc).strip().splitlines()[0]}"}


class Handler(BaseHTTPRequestHandler):
    server_version = VERSION

    def _send(self, status: int, payload: dict[str, Any]) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/api/live":
            self._send(200, {"backend": "ok"})
        elif self.path.startswith("/api/health"):
            db, cache = tier(check_db), tier(check_cache)
            healthy = db["ok"] and cache["ok"]
            self._send(200 if healthy else 503, {"status": "ok" if healthy else "degraded",
                                                 "backend": {"ok": True, "version": VERSION},
                                                 "db": db, "cache": cache})
        else:
            self._send(404, {"error": "not found", "path": self.path})

    def log_message(self, fmt: str, *args: Any) -> None:
        print(f"backend: {self.address_string()} {fmt % args}", flush=True)


if __name__ == "__main__":
    # As PID 1 a process gets no default SIGTERM action: stop at once instead of being killed after 10 s.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    ThreadingHTTPServer(("", 8000), Handler).serve_forever()
