#!/usr/bin/env python3
"""Open big files in sidenote and in `less`, side by side, in a 100x30 pseudo-terminal.

Issue 14's benchmark. It writes fictional dispatches (plain text with `[N]` markers and
the notes at the end) of 1, 10 and 100 MB and a file of many tiny blocks, then, for each,
runs sidenote (the release build) and `less` in turn, several times, and times:

- spawn -> first screen of text (a word of the first paragraph is drawn);
- `G` -> the end drawn (a word of the last note);
  both timed to when the bytes that drew the word arrived, not to when this script's
  screen emulation was done with them;
- peak RSS of the whole run (`/usr/bin/time -v`, "Maximum resident set size"), the run
  lasting until the program has gone idle after `G` (sidenote's background work done).

Then `--dump` (time to its first line, peak RSS) and `--json` (peak RSS) of each file.
It prints a Markdown table: medians, ranges (min-max) and the ratio of the medians from
the same run. The machine is shared, so only ratios from one run mean much.

    cargo build --release
    python3 scripts/bench-open.py                       # 1, 10, 100 MB and tiny, 5 runs
    python3 scripts/bench-open.py --sizes 1,10 --runs 3 --no-tiny

Environment: CARGO_TARGET_DIR (where the release binary is), or --bin PATH.
Nothing here reads the network or the project's shared material.
"""

import argparse
import codecs
import fcntl
import os
import random
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

COLS, ROWS = 100, 30
FIRST_WORD = "Vellmarsh"  # starts the first body paragraph
LAST_WORD = "Quillwhistle"  # in the last note only
TIMEOUT = 120.0

# --- fictional text -----------------------------------------------------------------

WORDS = (
    "harbour council lantern accord ferry tariff delta river commission ministry "
    "envoy quarry granary bridge canal customs ledger beacon northern southern upper "
    "lower valley ridge mill salt cotton grain timber toll road market assembly "
    "minister deputy governor mayor clerk guild union farmers fishermen pilots "
    "announced reported warned argued denied promised rejected welcomed proposed "
    "the a of in on to and that with for by from its their this which after before "
    "during while over under between against among about since until"
).split()
NAMES = ["Orvald", "Tessin", "Marrow", "Kelbeck", "Ysolde", "Brannoch", "Vey",
         "Halloran", "Dunmere", "Corrie", "Lysander", "Pelham", "Émeric", "Zoltán"]


def sentence(rng):
    n = rng.randint(8, 22)
    ws = [rng.choice(WORDS) for _ in range(n)]
    ws[rng.randrange(n)] = rng.choice(NAMES)
    return ws[0].capitalize() + " " + " ".join(ws[1:]) + "."


def write_dispatch(path, size, tiny=False):
    """A dispatch of about `size` bytes. `tiny`: one short line per block."""
    rng = random.Random(14)
    pool = [sentence(rng) for _ in range(4000)]
    with open(path, "w", encoding="utf-8") as f:
        head = (
            "March 14, 2031 Special Dispatch No. 90417\n\n"
            "Harbour Councils Weigh The Lantern Accord\n\n"
            "March 14, 2031\n"
            "Lowland Affairs | Special Dispatch No. 90417\n\n"
        )
        f.write(head)
        written = len(head.encode())
        note = 0
        # The notes section at the end: tiny blocks get tiny notes.
        notes_budget = size * 4 // 10 if tiny else size * 3 // 10
        first = True
        while written < size - notes_budget:
            if tiny:
                note += 1
                text = f"Line {note} of the ledger.[{note}]"
                if first:
                    text = FIRST_WORD + " " + text
            else:
                parts = []
                for _ in range(rng.randint(4, 9)):
                    s = pool[rng.randrange(len(pool))]
                    if rng.random() < 0.35:
                        note += 1
                        s += f"[{note}]"
                    parts.append(s)
                if first:
                    parts[0] = FIRST_WORD + " " + parts[0]
                text = " ".join(parts)
            first = False
            block = text + "\n\n"
            f.write(block)
            written += len(block.encode())
        f.write("\n")
        for n in range(1, note + 1):
            text = f"Ledger note {n}." if tiny else pool[n % len(pool)]
            if n == note:
                text = LAST_WORD + " " + text
            line = f"[{n}] {text}\n\n"
            f.write(line)


def ensure_file(directory, name, size, tiny=False):
    path = os.path.join(directory, name)
    stamp = path + ".size"
    want = f"{size} {tiny} {2 if tiny else 1}\n"
    if os.path.exists(path) and os.path.exists(stamp) and open(stamp).read() == want:
        return path
    print(f"writing {path} ...", file=sys.stderr)
    write_dispatch(path, size, tiny)
    with open(stamp, "w") as s:
        s.write(want)
    return path


# --- the pseudo-terminal ------------------------------------------------------------

CSI = re.compile(r"\x1b\[([0-?]*)([ -/]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78DEM]")


class Screen:
    """Just enough of a terminal to know what is on screen: text, cursor moves, line
    feeds, erasing. Both programs draw only what changed, so a word is looked for on
    this screen, not in the bytes written."""

    def __init__(self):
        self.rows = [[" "] * COLS for _ in range(ROWS)]
        self.y = self.x = 0
        self.pending = ""

    def feed(self, text):
        text = self.pending + text
        self.pending = ""
        i = 0
        while i < len(text):
            c = text[i]
            if c == "\x1b":
                m = CSI.match(text, i)
                if not m:
                    if len(text) - i < 64:
                        self.pending = text[i:]
                        return
                    i += 1
                    continue
                if m.group(3):
                    self.csi(m.group(1), m.group(3))
                elif m.group(0) in ("\x1bM",):
                    self.y = max(self.y - 1, 0)
                i = m.end()
                continue
            if c == "\r":
                self.x = 0
            elif c == "\n":
                self.line_feed()
            elif c == "\b":
                self.x = max(self.x - 1, 0)
            elif c >= " ":
                if self.x >= COLS:
                    self.x = 0
                    self.line_feed()
                self.rows[self.y][self.x] = c
                self.x += 1
            i += 1

    def line_feed(self):
        if self.y == ROWS - 1:
            self.rows.pop(0)
            self.rows.append([" "] * COLS)
        else:
            self.y += 1

    def csi(self, params, final):
        nums = [int(p) if p.isdigit() else 0 for p in params.lstrip("?").split(";")] if params else []
        n = (nums[0] if nums else 0) or 1
        if final in "Hf":
            self.y = min(max((nums[0] if nums else 1) or 1, 1), ROWS) - 1
            self.x = min(max((nums[1] if len(nums) > 1 else 1) or 1, 1), COLS) - 1
        elif final == "A":
            self.y = max(self.y - n, 0)
        elif final == "B":
            self.y = min(self.y + n, ROWS - 1)
        elif final == "C":
            self.x = min(self.x + n, COLS - 1)
        elif final == "D":
            self.x = max(self.x - n, 0)
        elif final == "G":
            self.x = min(n, COLS) - 1
        elif final == "d":
            self.y = min(n, ROWS) - 1
        elif final == "K":
            mode = nums[0] if nums else 0
            row = self.rows[self.y]
            lo, hi = {0: (self.x, COLS), 1: (0, self.x + 1)}.get(mode, (0, COLS))
            row[lo:hi] = [" "] * (hi - lo)
        elif final == "J":
            mode = nums[0] if nums else 0
            if mode == 0:
                self.rows[self.y][self.x:] = [" "] * (COLS - self.x)
                for r in range(self.y + 1, ROWS):
                    self.rows[r] = [" "] * COLS
            elif mode in (2, 3):
                self.rows = [[" "] * COLS for _ in range(ROWS)]

    def text(self):
        return "\n".join("".join(r) for r in self.rows)


class Run:
    """One program under `/usr/bin/time -v` in a 100x30 pty."""

    def __init__(self, argv, home):
        self.rss_file = tempfile.NamedTemporaryFile(delete=False, suffix=".time")
        self.rss_file.close()
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        env = dict(os.environ)
        env.update(TERM="xterm-256color", HOME=home, XDG_CONFIG_HOME=home + "/config",
                   XDG_DATA_HOME=home + "/data", XDG_STATE_HOME=home + "/state",
                   XDG_CACHE_HOME=home + "/cache", LESS="", LESSHISTFILE="-",
                   COLUMNS=str(COLS), LINES=str(ROWS))
        self.start = time.perf_counter()
        self.proc = subprocess.Popen(
            ["/usr/bin/time", "-v", "-o", self.rss_file.name] + argv,
            stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
        )
        os.close(slave)
        self.master = master
        self.screen = Screen()
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def _answer(self, raw):
        # The terminal queries crossterm sends: cursor position, device attributes.
        if b"\x1b[6n" in raw:
            os.write(self.master, b"\x1b[1;1R")
        if b"\x1b[c" in raw or b"\x1b[0c" in raw:
            os.write(self.master, b"\x1b[?62;22c")

    def read(self, timeout):
        r, _, _ = select.select([self.master], [], [], timeout)
        if not r:
            return False
        try:
            raw = os.read(self.master, 1 << 16)
        except OSError:
            return False
        # When these bytes reached the terminal: what `wait_for` reports, so the time this
        # script takes to emulate a screen (about 1 ms for a styled 4 KB frame, a quarter of
        # that for less's plain one) is not counted against the program that wrote more.
        self.arrived = time.perf_counter()
        self._answer(raw)
        self.screen.feed(self.decoder.decode(raw))
        return True

    def wait_for(self, word):
        """Seconds from `self.mark` until the bytes that put `word` on the screen arrived."""
        deadline = time.perf_counter() + TIMEOUT
        self.arrived = time.perf_counter()
        while word not in self.screen.text():
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{word!r} not drawn")
            self.read(0.05)
        return self.arrived - self.mark

    def send(self, keys):
        self.mark = time.perf_counter()
        os.write(self.master, keys)

    def target_pid(self):
        try:
            with open(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children") as c:
                kids = c.read().split()
            return int(kids[0]) if kids else None
        except OSError:
            return None

    def wait_idle(self, quiet=0.5):
        """Until the program used no CPU for `quiet` seconds (its background work done)."""
        pid = self.target_pid()
        if pid is None:
            return
        last, since = None, time.perf_counter()
        deadline = since + TIMEOUT
        while time.perf_counter() < deadline:
            try:
                with open(f"/proc/{pid}/stat") as s:
                    fields = s.read().rsplit(")", 1)[1].split()
                cpu = int(fields[11]) + int(fields[12])
            except OSError:
                return
            now = time.perf_counter()
            if cpu != last:
                last, since = cpu, now
            elif now - since >= quiet:
                return
            self.read(0.1)

    def quit(self, key=b"q"):
        os.write(self.master, key)
        deadline = time.perf_counter() + 10
        while self.proc.poll() is None and time.perf_counter() < deadline:
            self.read(0.05)
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        os.close(self.master)
        rss = None
        with open(self.rss_file.name) as t:
            for line in t:
                if "Maximum resident set size" in line:
                    rss = int(line.split(":")[1]) / 1024  # MB
        os.unlink(self.rss_file.name)
        return rss


def one_run(argv, home):
    run = Run(argv, home)
    run.mark = run.start
    first = run.wait_for(FIRST_WORD)
    run.send(b"G")
    g = run.wait_for(LAST_WORD)
    run.wait_idle()
    rss = run.quit()
    return first * 1000, g * 1000, rss


def dump_run(argv, stdin_path=None):
    """Time to the first line on stdout and peak RSS of a non-interactive run (the
    input on standard input when `stdin_path` is given)."""
    with tempfile.NamedTemporaryFile(suffix=".time") as t, \
            open(stdin_path or os.devnull, "rb") as stdin:
        start = time.perf_counter()
        p = subprocess.Popen(["/usr/bin/time", "-v", "-o", t.name] + argv,
                             stdout=subprocess.PIPE, stdin=stdin)
        p.stdout.readline()
        first = time.perf_counter() - start
        while p.stdout.read(1 << 20):
            pass
        p.wait()
        total = time.perf_counter() - start
        rss = None
        for line in open(t.name):
            if "Maximum resident set size" in line:
                rss = int(line.split(":")[1]) / 1024
    return first * 1000, total * 1000, rss


# --- the table ----------------------------------------------------------------------

def fmt_ms(xs):
    m = statistics.median(xs)
    return f"{m:.1f} ms ({min(xs):.1f}–{max(xs):.1f})" if m < 1000 else \
        f"{m / 1000:.2f} s ({min(xs) / 1000:.2f}–{max(xs) / 1000:.2f})"


def ratio(a, b):
    return f"{statistics.median(a) / max(statistics.median(b), 1e-9):.1f}×"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1,10,100", help="MB, comma-separated")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--tiny", type=int, default=16, help="MB of tiny blocks (0: none)")
    ap.add_argument("--no-tiny", action="store_true")
    ap.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "sidenote-bench"))
    ap.add_argument("--bin", default=None)
    ap.add_argument("--dump-only", action="store_true",
                    help="only `--dump`: streamed (FILE) against whole (`-` < FILE), same run")
    args = ap.parse_args()
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    binary = args.bin or os.path.join(target, "release", "sidenote")
    if not os.access(binary, os.X_OK):
        sys.exit(f"no release binary at {binary}: run `cargo build --release`")
    less = shutil.which("less")
    if not less:
        sys.exit("less is not installed (apt-get install -y less)")
    os.makedirs(args.dir, exist_ok=True)
    files = [(f"{s} MB", ensure_file(args.dir, f"dispatch-{s}mb.txt", int(float(s) * 1e6)))
             for s in args.sizes.split(",") if s]
    if args.tiny and not args.no_tiny:
        files.append((f"{args.tiny} MB tiny blocks",
                      ensure_file(args.dir, f"tiny-{args.tiny}mb.txt", args.tiny * 1000000, True)))
    if args.dump_only:
        return dump_table(binary, files, args.runs)
    less_version = subprocess.run([less, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    load = os.getloadavg()[0]
    home = tempfile.mkdtemp(prefix="sidenote-bench-home-")
    print(f"{COLS}x{ROWS} pty, {args.runs} runs each, {less_version}, "
          f"load average {load:.1f} at the start, {os.cpu_count()} cores\n")
    print("| file | sidenote first screen | less first screen | ratio | sidenote `G` | less `G` | ratio "
          "| sidenote peak RSS | less peak RSS |")
    print("|---|---|---|---|---|---|---|---|---|")
    dumps = []
    for label, path in files:
        size = os.path.getsize(path) / 1e6
        mib = os.path.getsize(path) / (1 << 20)  # RSS is in MiB: compare like with like
        s_first, s_g, s_rss, l_first, l_g, l_rss = [], [], [], [], [], []
        for _ in range(args.runs):
            a, b, c = one_run([binary, "--top", path], home)
            s_first.append(a), s_g.append(b), s_rss.append(c)
            a, b, c = one_run([less, path], home)
            l_first.append(a), l_g.append(b), l_rss.append(c)
        rss = statistics.median(s_rss)
        print(f"| {label} ({size:.1f} MB) | {fmt_ms(s_first)} | {fmt_ms(l_first)} | "
              f"{ratio(s_first, l_first)} | {fmt_ms(s_g)} | {fmt_ms(l_g)} | {ratio(s_g, l_g)} | "
              f"{rss:.0f} MiB ({rss / mib:.2f}× the file) | {statistics.median(l_rss):.0f} MiB |",
              flush=True)
        d = dump_run([binary, "--dump", path])
        j = dump_run([binary, "--json", path])
        dumps.append((label, mib, d, j))
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end\n")
    print("| file | `--dump` first line | `--dump` whole | `--dump` peak RSS | `--json` whole | `--json` peak RSS |")
    print("|---|---|---|---|---|---|")
    for label, size, d, j in dumps:
        print(f"| {label} | {d[0]:.0f} ms | {d[1]:.0f} ms | {d[2]:.0f} MiB ({d[2] / size:.2f}×) | "
              f"{j[1]:.0f} ms | {j[2]:.0f} MiB ({j[2] / size:.2f}×) |")
    shutil.rmtree(home, ignore_errors=True)


def dump_table(binary, files, runs):
    """`--dump FILE` (a big plain-text file is streamed: issue 14) against `--dump -`
    with the file on standard input (always parsed whole first), alternating, `runs`
    times each: first line, whole output, peak RSS (medians, ranges)."""
    print(f"{runs} runs each, load average {os.getloadavg()[0]:.1f} at the start\n")
    print("| file | `--dump FILE` first line | whole | peak RSS "
          "| `--dump - < FILE` first line | whole | peak RSS |")
    print("|---|---|---|---|---|---|---|")
    for label, path in files:
        mib = os.path.getsize(path) / (1 << 20)
        streamed, whole = [], []
        for _ in range(runs):
            streamed.append(dump_run([binary, "--dump", path]))
            whole.append(dump_run([binary, "--dump", "-"], stdin_path=path))
        cells = []
        for rs in (streamed, whole):
            rss = statistics.median(r[2] for r in rs)
            cells += [fmt_ms([r[0] for r in rs]), fmt_ms([r[1] for r in rs]),
                      f"{rss:.0f} MiB ({rss / mib:.2f}×)"]
        print(f"| {label} | " + " | ".join(cells) + " |", flush=True)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
