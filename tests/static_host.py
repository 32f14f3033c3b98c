"""A small HTTP server that behaves like the static hosts the site is published on.

GitHub Pages, Netlify and a municipal web server all compress text with gzip, send a cache
lifetime and answer unknown paths with the site's own `404.html`. Python's plain
`http.server` does none of that, so page-speed measurements against it would describe a host
nobody uses. This handler adds exactly those three things and nothing else.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml",
                "application/xml", "application/atom+xml")
CACHE_CONTROL = "max-age=600"  # what GitHub Pages sends


class StaticHostHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "application/javascript", ".mjs": "application/javascript",
                      ".json": "application/json", ".svg": "image/svg+xml",
                      ".xml": "application/xml", ".wasm": "application/wasm"}

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self._respond(send_body=False)

    def do_GET(self):
        self._respond(send_body=True)

    def _respond(self, *, send_body: bool) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            url = urlsplit(self.path)
            if not url.path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url._replace(path=url.path + "/").geturl())
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
            if not path.is_file():
                self.send_error(404)
                return
        body = path.read_bytes()
        ctype = self.guess_type(str(path))
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        self.send_response(status)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Cache-Control", CACHE_CONTROL)
        if ctype.startswith(COMPRESSIBLE):
            self.send_header("Vary", "Accept-Encoding")
            if accepts_gzip:
                body = gzip.compress(body, compresslevel=6, mtime=0)
                self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)


def serve_directory(root: Path):
    """Serve `root` on 127.0.0.1 (a free port) in a thread; returns (server, base_url)."""
    handler = functools.partial(StaticHostHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
