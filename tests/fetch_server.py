"""A small HTTPS server for tests/fetch.sh, on 127.0.0.1 only.

Usage: fetch_server.py CERT KEY DIR [PORT]

Serves DIR/cal.ics at any path, with an ETag and If-None-Match (304).
What it does instead is read from DIR/mode at each request:
  ok        the calendar (or 304)
  500       an error
  truncate  a Content-Length the body never reaches
  big       a 50 MB body
  bigchunk  a 50 MB body without a Content-Length
  loop      a redirect to itself, for ever
  http      a redirect to plain http
Each request appends "PATH STATUS" to DIR/log. The port goes to
DIR/port once the server listens.
"""

import hashlib
import http.server
import os
import ssl
import sys


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def record(self, status):
        with open(os.path.join(self.server.dir, "log"), "a") as f:
            f.write("%s %d\n" % (self.path, status))

    def do_GET(self):
        d = self.server.dir
        try:
            with open(os.path.join(d, "mode")) as f:
                mode = f.read().strip()
        except OSError:
            mode = "ok"
        if mode == "500":
            self.record(500)
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if mode in ("loop", "http"):
            self.record(302)
            self.send_response(302)
            where = self.path
            if mode == "http":
                where = "http://127.0.0.1:%d%s" % (
                    self.server.server_port, self.path)
            self.send_header("Location", where)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if mode in ("big", "bigchunk"):
            self.record(200)
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            size = 50 * 1024 * 1024
            if mode == "big":
                self.send_header("Content-Length", str(size))
            else:
                self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"X" * 65536
            try:
                for _ in range(size // len(chunk)):
                    self.wfile.write(chunk)
            except OSError:
                pass
            self.close_connection = True
            return
        with open(os.path.join(d, "cal.ics"), "rb") as f:
            body = f.read()
        etag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
        if mode == "ok" and self.headers.get("If-None-Match") == etag:
            self.record(304)
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.record(200)
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar; charset=utf-8")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", "Mon, 07 Dec 2026 09:00:00 GMT")
        if mode == "truncate":
            self.send_header("Content-Length", str(len(body) + 1000))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.close_connection = True
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    cert, key, d = sys.argv[1:4]
    port = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.dir = d
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    with open(os.path.join(d, "port.tmp"), "w") as f:
        f.write("%d\n" % server.server_port)
    os.rename(os.path.join(d, "port.tmp"), os.path.join(d, "port"))
    server.serve_forever()


if __name__ == "__main__":
    main()
