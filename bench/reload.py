#!/usr/bin/env python3
"""Measure live-reload latency of `annals serve`: from saving an event file to the
`reload` event on the page's server-sent events stream.

    python3 bench/reload.py [SITE ...] [--edits 10] [--bin target/release/annals]
                            [--shared ../shared] [--dir /dev/shm]

Each SITE is `shipped` (the repository's own site, copied to DIR/serve-shipped
first: the repository is never edited), a number N (N synthetic events made by
<shared>/bench/gen_events.py in DIR/serveN, DIR/serve10k for 10000, reused if it
holds N events), or the path of
a site folder, which is edited in place. Default: shipped 10000.

For each site it starts `annals serve SITE --port 0` on 127.0.0.1, opens
/__annals/events as a browser page would, then edits one event's title EDITS times,
one edit after the previous reload, and times each edit from just before the write
to the `data: reload` line, and then to the edited event's page served with its new
title (pages are rendered when asked for, so this includes rendering it). It prints
the median, min and max of those latencies, the median render time the server
reports ("rebuilt ... in T ms"), the first build's line, the server's resident
memory after the edits (VmRSS) and at its peak (VmHWM), and the CPU time (user +
system) the server used per edit, which a busy machine disturbs less than the
latencies; the load average before and after goes to stderr. The latency includes
the watcher's 20 ms quiet period, which batches an editor's save into one rebuild.
Build `--release` first.
"""
import argparse
import os
import pathlib
import queue
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time

REPO = pathlib.Path(__file__).resolve().parent.parent
TIMEOUT = 300  # seconds for any one answer of the server


def die(msg):
    sys.exit(f"reload.py: error: {msg}")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def prepare(spec, shared, root):
    """The site folder to serve for SPEC (shipped, N or a path)."""
    if spec == "shipped":
        site = root / "serve-shipped"
        shutil.rmtree(site, ignore_errors=True)
        site.mkdir(parents=True)
        for name in ["content", "templates", "static", "annals.yaml"]:
            src = REPO / name
            if src.is_dir():
                shutil.copytree(src, site / name, symlinks=True)
            elif src.is_file():
                shutil.copy2(src, site / name)
        return site
    if spec.isdigit():
        n = int(spec)
        site = root / (f"serve{n // 1000}k" if n % 1000 == 0 and n else f"serve{n}")
        content = site / "content"
        if content.is_dir() and sum(1 for _ in content.glob("*.md")) == n:
            log(f"reusing {site}")
        else:
            gen = shared / "bench" / "gen_events.py"
            if not gen.is_file():
                die(f"{gen} not found (pass --shared)")
            shutil.rmtree(site, ignore_errors=True)
            log(f"generating {n} events in {site}")
            subprocess.run([sys.executable, str(gen), spec, str(site), "--flavor", "annals"], check=True)
        return site
    site = pathlib.Path(spec)
    if not (site / "content").is_dir():
        die(f"{site} has no content/ folder")
    return site


class Server:
    """`annals serve` on a free port, with its stdout lines in a queue."""

    def __init__(self, binary, site):
        self.proc = subprocess.Popen(
            [str(binary), "serve", str(site), "--port", "0", "--bind", "127.0.0.1"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.built = None
        while True:
            line = self.line()
            if line.startswith("built "):
                self.built = line
            m = re.match(r"serving at http://([^/]+)/", line)
            if m:
                host, port = m.group(1).rsplit(":", 1)
                self.address = (host, int(port))
                return

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def line(self):
        try:
            line = self.lines.get(timeout=TIMEOUT)
        except queue.Empty:
            die("the server printed nothing for too long")
        if line is None:
            die(f"the server ended (exit {self.proc.wait()})")
        return line

    def listen(self):
        """An open /__annals/events stream, connected."""
        sock = socket.create_connection(self.address, timeout=TIMEOUT)
        sock.sendall(b"GET /__annals/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        stream = sock.makefile("rb")
        wait_for(stream, b": connected")
        return sock, stream

    def rss_mib(self, field):
        """VmRSS (now) or VmHWM (peak), in MiB."""
        status = pathlib.Path(f"/proc/{self.proc.pid}/status").read_text()
        kib = int(re.search(field + r":\s+(\d+) kB", status).group(1))
        return kib / 1024

    def cpu_seconds(self):
        """User and system CPU time the server has used so far."""
        fields = pathlib.Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def get(self, path):
        """(status, body) of one GET."""
        with socket.create_connection(self.address, timeout=TIMEOUT) as sock:
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
            raw = b""
            while chunk := sock.recv(1 << 16):
                raw += chunk
        head, _, body = raw.partition(b"\r\n\r\n")
        return int(head.split(b" ")[1]), body

    def stop(self):
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def wait_for(stream, expected):
    while True:
        line = stream.readline()
        if not line:
            die(f"the reload stream ended before {expected!r}")
        if line.rstrip(b"\r\n") == expected:
            return


def measure(binary, site, edits):
    events = sorted(p for p in (site / "content").rglob("*.md") if p.name != "_index.md")
    if not events:
        die(f"{site}/content has no event files")
    target = events[0]
    original = target.read_text(encoding="utf-8")
    m = re.search(r'^title:.*$', original, re.MULTILINE)
    if not m:
        die(f"{target} has no title line")
    s = re.search(r'^slug:\s*"?([^"\n]+)"?\s*$', original, re.MULTILINE)
    page = f"/events/{s.group(1) if s else target.stem}/"
    server = Server(binary, site)
    if server.get(page)[0] != 200:
        die(f"{page} is not served")
    sock, stream = server.listen()
    latencies, renders, served = [], [], []
    cpu = server.cpu_seconds()
    try:
        for i in range(edits):
            text = original[:m.start()] + f'title: "Edited {i}"' + original[m.end():]
            start = time.perf_counter()
            target.write_text(text, encoding="utf-8")
            wait_for(stream, b"data: reload")
            latencies.append(time.perf_counter() - start)
            status, body = server.get(page)
            if status != 200 or f"Edited {i}".encode() not in body:
                die(f"{page} does not show the edit")
            served.append(time.perf_counter() - start)
            while True:
                line = server.line()
                r = re.search(r"changed: rebuilt .* in (\d+) ms", line)
                if r:
                    renders.append(int(r.group(1)) / 1000)
                    break
    finally:
        target.write_text(original, encoding="utf-8")
        sock.close()
        cpu = (server.cpu_seconds() - cpu) / max(len(latencies), 1)
        rss = (server.rss_mib("VmRSS"), server.rss_mib("VmHWM"))
        server.stop()
    return server.built, latencies, served, renders, cpu, rss


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sites", nargs="*", default=["shipped", "10000"])
    ap.add_argument("--edits", type=int, default=10)
    ap.add_argument("--bin", type=pathlib.Path, default=REPO / "target" / "release" / "annals")
    ap.add_argument("--shared", type=pathlib.Path, default=REPO.parent / "shared")
    ap.add_argument("--dir", type=pathlib.Path, default=pathlib.Path("/dev/shm"))
    args = ap.parse_args()
    if not args.bin.is_file():
        die(f"{args.bin} not found: cargo build --release")
    ms = lambda s: f"{s * 1000:.0f} ms"
    print(f"load average before: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    print("| site | first build | edit → reload, median (min–max) | edit → page served, median | server rebuild, median | server CPU per edit | RSS after / peak |")
    print("|---|---|---|---|---|---|---|")
    for spec in args.sites:
        site = prepare(spec, args.shared, args.dir)
        built, lat, srv, ren, cpu, (rss, peak) = measure(args.bin, site, args.edits)
        print(f"| {spec} | {built.removeprefix('built ').removesuffix(' (in memory)')} | {ms(statistics.median(lat))} "
              f"({ms(min(lat))}–{ms(max(lat))}, {len(lat)} edits) | {ms(statistics.median(srv))} "
              f"| {ms(statistics.median(ren))} | {ms(cpu)} | {rss:.0f} / {peak:.0f} MiB |", flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}", file=sys.stderr)


if __name__ == "__main__":
    main()
