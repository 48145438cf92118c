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
to the `data: reload` line. It prints the median, min and max of those latencies,
the median render time the server reports ("rebuilt ... in T ms"), the first build's
line, and the server's peak RSS. The latency includes the watcher's 50 ms quiet
period, which batches an editor's save into one rebuild. Build `--release` first.
"""
import argparse
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

    def peak_rss_mib(self):
        status = pathlib.Path(f"/proc/{self.proc.pid}/status").read_text()
        kib = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))
        return kib / 1024

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
    server = Server(binary, site)
    sock, stream = server.listen()
    latencies, renders = [], []
    try:
        for i in range(edits):
            text = original[:m.start()] + f'title: "Edited {i}"' + original[m.end():]
            start = time.perf_counter()
            target.write_text(text, encoding="utf-8")
            wait_for(stream, b"data: reload")
            latencies.append(time.perf_counter() - start)
            while True:
                line = server.line()
                r = re.search(r"changed: rebuilt .* in (\d+) ms", line)
                if r:
                    renders.append(int(r.group(1)) / 1000)
                    break
    finally:
        target.write_text(original, encoding="utf-8")
        sock.close()
        rss = server.peak_rss_mib()
        server.stop()
    return server.built, latencies, renders, rss


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
    print("| site | first build | edit → reload, median (min–max) | server render, median | peak RSS |")
    print("|---|---|---|---|---|")
    for spec in args.sites:
        site = prepare(spec, args.shared, args.dir)
        built, lat, ren, rss = measure(args.bin, site, args.edits)
        print(f"| {spec} | {built.removeprefix('built ').removesuffix(' (in memory)')} | {ms(statistics.median(lat))} "
              f"({ms(min(lat))}–{ms(max(lat))}, {len(lat)} edits) | {ms(statistics.median(ren))} "
              f"| {rss:.0f} MiB |", flush=True)


if __name__ == "__main__":
    main()
