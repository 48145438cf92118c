#!/usr/bin/env python3
"""Issue 21's image benchmark: N events, each with a distinct generated photo.

    python3 bench/media.py [N] [--runs 3] [--dir /var/tmp/annals-media-bench]
                           [--direct] [--keep] [--no-build]

N (default 1000) events, each in a folder of its own with a distinct photo-like JPEG of
2000 x 1300 px (q90, about 0.6 MB; made by examples/media_bench.rs), are built with the
release binary, on the disk under --dir. Each round times, as whole processes (wall,
user+sys CPU, peak RSS of the process, as GNU time's %M):

  first    `annals build` with no image cache and no output: every image decoded,
           resized to the default widths (480, 960, 1600) and written as WebP + JPEG;
  rebuild  the same again, nothing changed;
  cached   `annals build` into an emptied output, with the image cache kept: every file
           written again, no image decoded or encoded (the build's note says
           "images: 0 made, N from the cache").

The cache and output are deleted before "first" and the output before "cached", outside
the timed command. With --direct, only the image work is timed (examples/media_bench.rs
`process`: the cache step of a build, without events or pages): use it where this
checkout's model does not yet list its events' images. Prints one line per run and the
medians, plus the bytes of the photos, of the output's media/ and of the cache.
"""
import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parent.parent


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def timed(cmd):
    """Runs CMD (a list); returns wall s, CPU s, peak RSS MiB and its stderr+stdout."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"media.py: {' '.join(map(str, cmd))} failed:\n{out}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, out


def size(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            total += os.lstat(os.path.join(root, f)).st_size
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", nargs="?", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--dir", default="/var/tmp/annals-media-bench")
    ap.add_argument("--direct", action="store_true")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--no-build", action="store_true")
    a = ap.parse_args()

    target = REPO / "target" / "release"
    if not a.no_build:
        log("building release binaries ...")
        subprocess.run(["cargo", "build", "--release", "--example", "media_bench"], cwd=REPO, check=True)
        if not a.direct:
            subprocess.run(["cargo", "build", "--release"], cwd=REPO, check=True)
    annals, bench = target / "annals", target / "examples" / "media_bench"

    site = pathlib.Path(a.dir) / f"site{a.n}"
    content = site / "content"
    if not content.is_dir() or sum(1 for _ in content.iterdir()) != a.n:
        shutil.rmtree(site, ignore_errors=True)
        log(f"generating {a.n} photos in {site} ...")
        subprocess.run([bench, "photos", site, str(a.n)], check=True)
        (site / "annals.yaml").write_text("title: Photos\n")
    cache, out = site / ".annals-cache", site / "public"
    photos = sum(f.stat().st_size for f in content.glob("*/photo.jpg"))

    if a.direct:
        scenarios = {"first": [bench, "process", site], "cached": [bench, "process", site]}
        reset = {"first": [cache], "cached": []}
    else:
        build = [annals, "build", site]
        scenarios = {"first": build, "rebuild": build, "cached": build}
        reset = {"first": [cache, out], "rebuild": [], "cached": [out]}
    results = {s: [] for s in scenarios}
    for r in range(a.runs):
        for name, cmd in scenarios.items():
            for p in reset[name]:
                shutil.rmtree(p, ignore_errors=True)
            subprocess.run(["sync"])
            wall, cpu, rss, text = timed(cmd)
            results[name].append((wall, cpu, rss))
            note = next((l.strip() for l in text.splitlines() if "images:" in l or "made" in l), "")
            log(f"round {r + 1} {name:8} {wall:7.2f} s wall {cpu:7.2f} s CPU {rss:7.0f} MiB  {note}")
    print(f"\n{a.n} events, {a.n} photos of 2000x1300 ({photos / 1e6:.0f} MB), "
          f"{os.cpu_count()} CPUs, {'image work only (--direct)' if a.direct else 'annals build'}, "
          f"medians of {a.runs}:")
    print("| run | wall s (min-max) | CPU s | peak RSS MiB |")
    print("|---|---|---|---|")
    for name, rows in results.items():
        walls = [r[0] for r in rows]
        print(f"| {name} | {statistics.median(walls):.2f} ({min(walls):.2f}-{max(walls):.2f}) | "
              f"{statistics.median(r[1] for r in rows):.2f} | {statistics.median(r[2] for r in rows):.0f} |")
    media = out / "media"
    print(f"\ncache {size(cache) / 1e6:.0f} MB" + ("" if a.direct else f", output media/ {size(media) / 1e6:.0f} MB"))
    if not a.keep:
        shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
