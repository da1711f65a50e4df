#!/usr/bin/env python3
"""A raw WebSocket client for the relay's RFC 6455 tests
(tests/integ/ws_strict.t): hand-made handshakes and frames that a real
client library would refuse to send. Standard library only.

  wsraw.py upgrade PORT CASE
      Send one upgrade request (CASE: good, badkey, longkey, nokey, v8,
      nover, http10, post) and print "STATUS SEC-WEBSOCKET-VERSION" (the
      header's value, or "-").
  wsraw.py frames PORT TOKEN CASE [ARG]
      Open a lucarne.v1 WebSocket with a Bearer TOKEN, read the hello, do
      CASE, then read until the relay closes and print one JSON line:
      {"close": 1002, "errors": ["too_big"], "early": true}
      "close" is the relay's close code (0: none, -1: no close frame,
      the socket just ended), "errors" the codes of its error messages,
      "early" whether the relay closed before the client had sent all it
      meant to (for the cases that declare more than they send).
      CASE: unmasked, close1 (a 1-byte close), closecode ARG, bigtext
      (one frame declaring 1 MiB, 200 bytes sent), fragtext (three 4 KiB
      fragments), badutf8 (text that is not UTF-8), viewerbin (binary
      from a viewer), bigmedia ARG (publish to room ARG, then one binary
      frame declaring 3 MiB).
  wsraw.py cap PORT TOKEN ROOM N
      Open N+1 sockets subscribing to ROOM one after another: the first N
      must get a state, the last an error and a close. Close the first,
      open one more. Prints {"admitted": N, "refused_close": 4429,
      "refused_errors": ["busy"], "after_close": "state"}.
"""
import base64
import hashlib
import json
import os
import socket
import struct
import sys

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TIMEOUT = 5


def read_exact(s, n):
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise EOFError
        buf += chunk
    return buf


def read_head(s):
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = s.recv(1)
        if not chunk:
            break
        buf += chunk
    return buf.decode("latin-1")


def connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def request(port, method="GET", http="HTTP/1.1", key=None, version="13",
            token=None):
    if key is None:
        key = base64.b64encode(os.urandom(16)).decode()
    lines = ["%s /ws %s" % (method, http), "Host: 127.0.0.1:%d" % port,
             "Upgrade: websocket", "Connection: Upgrade",
             "Sec-WebSocket-Protocol: lucarne.v1"]
    if key != "-":
        lines.append("Sec-WebSocket-Key: " + key)
    if version is not None:
        lines.append("Sec-WebSocket-Version: " + version)
    if token:
        lines.append("Authorization: Bearer " + token)
    s = connect(port)
    s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    return s, key


def status_of(head):
    parts = head.split(" ", 2)
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0


def header(head, name):
    for line in head.split("\r\n")[1:]:
        k, _, v = line.partition(":")
        if k.strip().lower() == name.lower():
            return v.strip()
    return None


UPGRADES = {
    "good": {},
    "badkey": {"key": "not-base64-at-all!!"},
    "longkey": {"key": base64.b64encode(b"x" * 17).decode()},
    "nokey": {"key": "-"},
    "v8": {"version": "8"},
    "nover": {"version": None},
    "http10": {"http": "HTTP/1.0"},
    "post": {"method": "POST"},
}


def cmd_upgrade(port, case):
    s, _ = request(port, **UPGRADES[case])
    try:
        head = read_head(s)
    except (socket.timeout, ConnectionError):
        head = ""
    print(status_of(head), header(head, "Sec-WebSocket-Version") or "-")


def frame(opcode, payload=b"", fin=True, mask=True, declared=None):
    n = len(payload) if declared is None else declared
    b0 = (0x80 if fin else 0) | opcode
    mbit = 0x80 if mask else 0
    if n < 126:
        hdr = struct.pack("!BB", b0, mbit | n)
    elif n < 65536:
        hdr = struct.pack("!BBH", b0, mbit | 126, n)
    else:
        hdr = struct.pack("!BBQ", b0, mbit | 127, n)
    if not mask:
        return hdr + payload
    key = os.urandom(4)
    return hdr + key + bytes(c ^ key[i % 4] for i, c in enumerate(payload))


def read_frame(s):
    b0, b1 = read_exact(s, 2)
    n = b1 & 0x7F
    if n == 126:
        n = struct.unpack("!H", read_exact(s, 2))[0]
    elif n == 127:
        n = struct.unpack("!Q", read_exact(s, 8))[0]
    return b0 & 0x0F, read_exact(s, n)


class Conn:
    def __init__(self, port, token):
        self.s, key = request(port, token=token)
        head = read_head(self.s)
        if status_of(head) != 101:
            raise SystemExit("upgrade refused: " + head.split("\r\n")[0])
        want = base64.b64encode(hashlib.sha1(
            (key + GUID).encode()).digest()).decode()
        if header(head, "Sec-WebSocket-Accept") != want:
            raise SystemExit("bad Sec-WebSocket-Accept")
        self.errors, self.types, self.close = [], [], 0

    def send(self, data):
        self.s.sendall(data)

    def text(self, obj):
        self.send(frame(1, json.dumps(obj).encode()))

    def next_message(self):
        """The next control message (parsed), or None once closed."""
        while self.close == 0:
            try:
                op, data = read_frame(self.s)
            except (EOFError, ConnectionError, socket.timeout):
                self.close = -1
                break
            if op == 1:
                m = json.loads(data)
                self.types.append(m.get("type"))
                if m.get("type") == "error":
                    self.errors.append(m.get("code"))
                return m
            if op == 8:
                self.close = struct.unpack("!H", data[:2])[0] \
                    if len(data) >= 2 else 1005
                try:
                    self.send(frame(8, data[:2]))
                except OSError:
                    pass
        return None

    def wait_type(self, t):
        while True:
            m = self.next_message()
            if m is None or m.get("type") == t:
                return m

    def drain(self, to_eof=False):
        """Read to the close; with @to_eof, then to the end of the
        stream: the relay has forgotten the socket once its side is
        shut (after a close it started, lws waits up to 5 s for an
        answer that a peer which closed first never sends)."""
        while self.next_message() is not None:
            pass
        try:
            while to_eof and self.s.recv(65536):
                pass
        except OSError:
            pass
        self.s.close()


def cmd_frames(port, token, case, arg=None):
    c = Conn(port, token)
    c.wait_type("hello")
    early = False
    if case == "unmasked":
        c.send(frame(1, b'{"type":"hello","v":1}', mask=False))
        c.send(frame(1, b'{"type":"hello","v":1}'))
    elif case == "close1":
        c.send(frame(8, b"\x03"))
    elif case == "closecode":
        c.send(frame(8, struct.pack("!H", int(arg)) + b"bye"))
    elif case == "bigtext":
        # The header declares 1 MiB; send a little and wait: the relay
        # must answer before the rest.
        c.send(frame(1, b'{"type":"' + b"x" * 190, declared=1 << 20)[:208])
        early = True
    elif case == "fragtext":
        # 12 KiB in all, no fragment over the cap by itself.
        c.send(frame(1, b'{"type":"hello","x":"' + b"y" * 4075, fin=False))
        c.send(frame(0, b"y" * 4096, fin=False))
        c.send(frame(0, b"y" * 4094 + b'"}', fin=True))
    elif case == "badutf8":
        c.send(frame(1, b'{"type":"\xff\xfe"}'))
    elif case == "viewerbin":
        c.send(frame(2, b"\x01" * 40))
    elif case == "bigmedia":
        c.text({"type": "publish", "room": arg, "codec": "vp8",
                "width": 320, "height": 240, "fps": 30})
        hdr = struct.pack("!BBBBIIQI", 1, 1, 1, 0, 0, 1, 0, 3 << 20)
        c.send(frame(2, hdr + b"\0" * 65536, declared=24 + (3 << 20))
               [:14 + 24 + 65536])
        early = True
    else:
        raise SystemExit("unknown case " + case)
    c.drain()
    print(json.dumps({"close": c.close, "errors": c.errors,
                      "early": early and c.close > 0}))


def cmd_cap(port, token, room, n):
    conns = []
    out = {"admitted": 0}
    for _ in range(n + 1):
        c = Conn(port, token)
        c.wait_type("hello")
        c.text({"type": "subscribe", "room": room})
        m = c.next_message()
        while m is not None and m.get("type") not in ("state", "error"):
            m = c.next_message()
        if m is not None and m.get("type") == "state":
            out["admitted"] += 1
            conns.append(c)
        else:
            c.drain()
            out["refused_close"] = c.close
            out["refused_errors"] = c.errors
    first = conns.pop(0)
    first.send(frame(8, struct.pack("!H", 1000)))
    first.drain(to_eof=True)
    c = Conn(port, token)
    c.wait_type("hello")
    c.text({"type": "subscribe", "room": room})
    m = c.next_message()
    while m is not None and m.get("type") not in ("state", "error"):
        m = c.next_message()
    out["after_close"] = m.get("type") if m else "closed"
    print(json.dumps(out))
    for c in conns + [c]:
        c.s.close()


def main(argv):
    cmd, port = argv[1], int(argv[2])
    if cmd == "upgrade":
        cmd_upgrade(port, argv[3])
    elif cmd == "frames":
        cmd_frames(port, argv[3], argv[4], argv[5] if len(argv) > 5 else None)
    elif cmd == "cap":
        cmd_cap(port, argv[3], argv[4], int(argv[5]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
