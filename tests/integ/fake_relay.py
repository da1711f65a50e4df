#!/usr/bin/env python3
"""A one-connection stand-in for lucarne-relay, to check what the capture
agent does before the relay's "masks" message (tests/integ/privacy_masks.t).

Listens on 127.0.0.1:PORT, accepts one lucarne.v1 WebSocket upgrade, sends
hello (role camera, room ROOM), then for HOLD seconds counts what the agent
sends without ever sending "masks"; then sends {"type":"masks","rects":[]}
and counts for AFTER more seconds. Prints one JSON line:
  {"publish": true, "binary_before": 0, "binary_after": 42}
Standard library only; frames from the client are masked (RFC 6455).
"""
import base64
import hashlib
import json
import socket
import sys
import time

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def read_exact(s, n):
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise EOFError
        buf += chunk
    return buf


def read_frame(s):
    h = read_exact(s, 2)
    op, n = h[0] & 0x0F, h[1] & 0x7F
    if n == 126:
        n = int.from_bytes(read_exact(s, 2), "big")
    elif n == 127:
        n = int.from_bytes(read_exact(s, 8), "big")
    mask = read_exact(s, 4) if h[1] & 0x80 else b"\0\0\0\0"
    data = bytearray(read_exact(s, n))
    for i in range(n):
        data[i] ^= mask[i % 4]
    return op, bytes(data)


def send_text(s, text):
    data = text.encode()
    assert len(data) < 126
    s.sendall(bytes([0x81, len(data)]) + data)


def main():
    port, room, hold, after = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", port))
    ls.listen(1)
    ls.settimeout(30)
    print("listening", file=sys.stderr, flush=True)
    s, _ = ls.accept()
    s.settimeout(30)
    req = b""
    while b"\r\n\r\n" not in req:
        chunk = s.recv(4096)
        if not chunk:
            raise EOFError("connection closed during the upgrade")
        req += chunk
    key = ""
    for line in req.decode().split("\r\n"):
        if line.lower().startswith("sec-websocket-key:"):
            key = line.split(":", 1)[1].strip()
    acc = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
    s.sendall(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
               "Connection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n"
               "Sec-WebSocket-Protocol: lucarne.v1\r\n\r\n" % acc).encode())
    send_text(s, json.dumps({"type": "hello", "v": 1, "user": "cam",
                             "role": "camera", "room": room}))
    res = {"publish": False, "binary_before": 0, "binary_after": 0}
    phase, end = "binary_before", time.time() + hold
    while True:
        now = time.time()
        if now >= end:
            if phase == "binary_after":
                break
            send_text(s, '{"type":"masks","rects":[]}')
            phase, end = "binary_after", now + after
            continue
        s.settimeout(end - now)
        try:
            op, data = read_frame(s)
        except socket.timeout:
            continue
        if op == 1 and json.loads(data).get("type") == "publish":
            res["publish"] = True
        elif op == 2:
            res[phase] += 1
        elif op == 9:  # ping: answer
            s.sendall(bytes([0x8A, len(data)]) + data)
    print(json.dumps(res), flush=True)
    s.close()


if __name__ == "__main__":
    main()
