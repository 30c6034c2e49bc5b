#!/usr/bin/env python3
"""A stand-in for Context7's HTTP API (v2) on 127.0.0.1, for the knowledge tests.

Prints "PORT <n>" once listening. Answers:
  GET /api/v2/libs/search?libraryName=&query=    {"results": [...]}
  GET /api/v2/context?libraryId=&query=&type=json {"codeSnippets": [...], "infoSnippets": [...]}
Control (used by the tests, never by promptmcp):
  POST /__script  {"path": "/api/v2/context", "behaviours": ["500", "429:2", "ok"]}
      queues behaviours for the next requests to that path; "ok" when the queue is empty.
      ok | 500 | 503 | 401 | 404 | 429:SECONDS | hang:SECONDS | malformed | drop | huge:BYTES
  GET /__log      [{"path", "query", "authorization"}, ...] every API request so far
"""
import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

LOCK = threading.Lock()
SCRIPTS = {}
LOG = []


def next_behaviour(path):
    with LOCK:
        queue = SCRIPTS.get(path) or []
        return queue.pop(0) if queue else "ok"


def search_body(params):
    name = params.get("libraryName", [""])[0]
    return {"results": [{
        "id": f"/{name}/{name}", "title": name.upper(), "description": f"The {name} library",
        "totalSnippets": 42, "trustScore": 9, "benchmarkScore": 80, "versions": ["v1.0.0", "v2.0.0"],
        "branch": "main", "state": "finalized"}]}


def context_body(params):
    library = params.get("libraryId", [""])[0]
    query = params.get("query", [""])[0]
    return {
        "codeSnippets": [{
            "codeTitle": f"Example for {query}", "codeDescription": f"How {library} does {query}.",
            "codeLanguage": "swift", "codeList": [{"language": "swift", "code": f"// {query}\nlet x = 1"}],
            "codeId": f"https://example.com{library}/docs/guide.md#{query.replace(' ', '-')}", "pageTitle": "Guide"}],
        "infoSnippets": [{
            "content": f"{library} explains {query} in prose.", "breadcrumb": "Guide > Basics",
            "pageId": f"https://example.com{library}/docs/basics"}],
    }


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, status, payload, headers=None):
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        request = json.loads(self.rfile.read(length) or b"{}")
        with LOCK:
            SCRIPTS.setdefault(request["path"], []).extend(request["behaviours"])
        self.send_json(200, {"ok": True})

    def do_GET(self):
        url = urlparse(self.path)
        if url.path == "/__log":
            with LOCK:
                return self.send_json(200, list(LOG))
        with LOCK:
            LOG.append({"path": url.path, "query": url.query, "authorization": self.headers.get("Authorization")})
        behaviour = next_behaviour(url.path)
        kind, _, argument = behaviour.partition(":")
        params = parse_qs(url.query)
        if kind == "hang":
            time.sleep(float(argument or 30))
            self.close_connection = True
            return
        if kind == "drop":
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        if kind == "huge":
            # A body far larger than any real answer, sent without a length (until close).
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b" " * 65536
            try:
                for _ in range(int(argument) // len(chunk)):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
            return
        if kind == "malformed":
            return self.send_json(200, b'{"results": [ {"id": "/broken')
        if kind == "429":
            return self.send_json(429, {"error": "rate limited"}, {"Retry-After": argument or "1"})
        if kind.isdigit():
            return self.send_json(int(kind), {"error": f"status {kind}"})
        if url.path == "/api/v2/libs/search":
            return self.send_json(200, search_body(params))
        if url.path == "/api/v2/context":
            return self.send_json(200, context_body(params))
        self.send_json(404, {"error": "not found"})


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    # Stop when the test that started us goes away (its end of stdin closes).
    threading.Thread(target=lambda: (sys.stdin.read(), server.shutdown()), daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
