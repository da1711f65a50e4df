#!/usr/bin/env python3
"""rawhttp.py PORT [--ws]: send the bytes on stdin to 127.0.0.1:PORT as
they are (a request curl would rewrite: exact headers, chunked framing,
Content-Length: 0) and print what comes back, until the relay closes the
connection (a test sends "Connection: close").

--ws: read the answer's head only; when it is 101, also the first
WebSocket message and print its text (the relay's hello, or its error).
"""
import socket
import sys

port = int(sys.argv[1])
ws = "--ws" in sys.argv[2:]
req = sys.stdin.buffer.read()
s = socket.create_connection(("127.0.0.1", port), timeout=10)
s.sendall(req)
buf = b""
try:
    while True:
        if ws and b"\r\n\r\n" in buf:
            break
        d = s.recv(65536)
        if not d:
            break
        buf += d
except (socket.timeout, ConnectionResetError):
    pass
if not ws:
    sys.stdout.write(buf.decode("latin-1"))
    sys.exit(0)
head, _, rest = buf.partition(b"\r\n\r\n")
sys.stdout.write(head.decode("latin-1") + "\r\n\r\n")
if not head.startswith(b"HTTP/1.1 101"):
    sys.exit(0)


def need(n):
    global rest
    while len(rest) < n:
        d = s.recv(65536)
        if not d:
            raise SystemExit(0)
        rest += d
    out, rest = rest[:n], rest[n:]
    return out


try:
    b0, b1 = need(2)
    n = b1 & 0x7F
    if n == 126:
        n = int.from_bytes(need(2), "big")
    elif n == 127:
        n = int.from_bytes(need(8), "big")
    payload = need(n)
    sys.stdout.write(payload.decode("utf-8", "replace") + "\n")
except (socket.timeout, ConnectionResetError):
    pass
