"""Charts: matplotlib -> deterministic SVG, cached by a hash of their data and the builder's code.

    ChartSpec      what to draw (data, labels, alt text, source) – built in specs.py
    start_charts   starts drawing every spec that is not in the cache (in parallel when there are
                   many) while the build goes on; ChartJob.wait() when the files are needed
    render_charts  the same, waiting at once, returning the SVG bytes

Determinism: a fixed ``svg.hashsalt``, no date or creator metadata, fixed fonts and sizes. The same
spec always gives the same bytes, so the cache key is the spec itself plus ``code_fingerprint()``
(the bytes of every file of the builder, this module and formatting.py included, and the versions
of the tools, matplotlib's included): any change to the drawing code draws every chart again.

Every chart of a build is written into a folder of its own (``ChartJob.folder``), which MkDocs
copies from: drawn charts straight from the worker, cached ones from their checked entry in the
cache (``build_cache.read_entry``: a sha256 of the name and bytes, no links). Writing the cache is
best effort: when it fails (read-only, disk full) the build goes on and says so once.
"""

from __future__ import annotations

from collections.abc import Callable

import hashlib
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from builder.core.build_cache import cache_folder, code_fingerprint, notice, read_entry, write_entry
from builder.core.file_tree import THREADS, remove_tree
from builder.core.formatting import format_number

# Okabe–Ito: distinguishable with the common forms of colour-vision deficiency.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
PARALLEL_THRESHOLD = 8
# Phone charts (issue 21, item 7): one drawing serves desktop, phone and paper. Every text is
# FONT_SIZE SVG units in a FIGURE_WIDTH-inch figure (72 units per inch), so at the 358 px a
# 390 px phone gives the chart it is FONT_SIZE * 358 / 345.6 = 12.4 px; on a desktop the image is
# 480 px wide (16.7 px text). Labels wrap narrower than before to fit the narrower figure.
FIGURE_WIDTH = 4.8
FONT_SIZE = 12
CATEGORY_WRAP = 22  # category labels of horizontal bars and estimates
PERIOD_WRAP = 10  # period labels under lines and bars
PAD = 5  # px between the outermost text and the figure's edge


@dataclass(frozen=True)
class Point:
    label: str
    value: float
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Series:
    name: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class ChartSpec:
    id: str  # file name without .svg; unique across the site
    kind: str  # "line", "bar", "hbar", "estimate"
    title: str
    unit: str
    series: tuple[Series, ...]
    alt: str
    source: str
    caveat: str | None = None
    value_label: str | None = None  # axis label; defaults to the unit
    integer_values: bool = False
    zero_line: bool = False

    @property
    def figure_size(self) -> tuple[float, float]:
        """Width and height in inches (100 px each in the page's layout, 72 units each in the SVG).
        The width is narrow on purpose: a phone shows the chart about 358 px wide, so at 4.8 in
        (345.6 SVG units) every text of FONT_SIZE units is at least 12 px on its screen."""
        if self.kind == "hbar":
            labels = dict.fromkeys(p.label for s in self.series for p in s.points)
            lines = sum(_wrap(label, CATEGORY_WRAP).count("\n") + 1 for label in labels)
            bars = 0.12 * len(labels) * len(self.series)
            return FIGURE_WIDTH, max(2.6, 0.24 * lines + 0.16 * len(labels) + bars + 1.0)
        return FIGURE_WIDTH, 3.6 if len(self.series) == 1 else 5.0

    @property
    def pixel_size(self) -> tuple[int, int]:
        w, h = self.figure_size
        return round(w * 100), round(h * 100)

    @property
    def file_name(self) -> str:
        return f"{self.id}.svg"

    def cache_key(self) -> str:
        """The spec (its repr: frozen dataclasses of strings, numbers and tuples, so it is exact and
        stable) and the builder's code and tools (``code_fingerprint``)."""
        payload = repr((self, code_fingerprint()))
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


@dataclass
class RenderStats:
    drawn: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)


_RC = {
    "svg.hashsalt": "erfaringsbanken",
    "svg.fonttype": "none",  # real text: smaller files, selectable, scales at phone width
    "font.family": ["DejaVu Sans", "sans-serif"],
    "font.size": FONT_SIZE,
    "axes.titlesize": FONT_SIZE,
    "axes.labelsize": FONT_SIZE,
    "xtick.labelsize": FONT_SIZE,
    "ytick.labelsize": FONT_SIZE,
    "legend.fontsize": FONT_SIZE,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#444444",
    "axes.labelcolor": "#222222",
    "xtick.color": "#222222",
    "ytick.color": "#222222",
    "axes.grid": True,
    "grid.color": "#d9d9d9",
    "grid.linewidth": 0.8,
    "axes.axisbelow": True,
    "legend.frameon": False,
    "path.simplify": False,
}
_WORKER_FIGURE: list = []  # the one figure this process draws every chart on (see _figure)


def _setup_matplotlib():
    import matplotlib

    matplotlib.use("Agg", force=True)
    matplotlib.rcParams.update(_RC)
    return matplotlib


def _figure(size: tuple[float, float]):
    """This process's figure, cleared and resized: making a figure and its canvas for every chart
    cost more than clearing one (docs/performance.md). Not managed by pyplot, so nothing keeps
    old figures alive and ``plt.close`` is not needed."""
    _setup_matplotlib()
    if not _WORKER_FIGURE:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        fig = Figure(figsize=size, dpi=100)
        FigureCanvasAgg(fig)
        _WORKER_FIGURE.append(fig)
    fig = _WORKER_FIGURE[0]
    fig.clear()
    fig.set_size_inches(size)
    return fig


def draw_svg(spec: ChartSpec) -> bytes:
    """Draw one chart and return SVG bytes (deterministic for a given spec)."""
    import io

    fig = build_figure(spec)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    # Give the SVG a title for assistive tech that opens the file directly.
    from markupsafe import escape

    title = f"<title>{escape(spec.title)}</title>".encode("utf-8")
    return svg.replace(b"<metadata>", title + b"<metadata>", 1)


def build_figure(spec: ChartSpec):
    """The matplotlib figure for one chart. It is this process's shared figure: the next call
    clears it, so save (or measure) it before drawing another chart."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    fig = _figure(spec.figure_size)
    ax = fig.add_axes((0.2, 0.2, 0.7, 0.7))
    formatter = FuncFormatter(lambda v, _pos: format_number(round(v, 4)))
    multi = len(spec.series) > 1

    if spec.kind == "line":
        labels = list(dict.fromkeys(p.label for s in spec.series for p in s.points))
        for i, s in enumerate(spec.series):
            xs = [labels.index(p.label) for p in s.points]
            ys = [p.value for p in s.points]
            ax.plot(xs, ys, marker="os^Dv<>"[i % 7], color=PALETTE[i % len(PALETTE)], linewidth=2.2,
                    markersize=6, label=s.name)
            for x, p in zip(xs, s.points):
                ax.annotate(format_number(p.value), (x, p.value), textcoords="offset points",
                            xytext=(0, 7), ha="center", color="#222222")
        _period_ticks(ax, labels)
        ax.margins(x=0.1, y=0.22)
    elif spec.kind in ("bar", "hbar"):
        labels = list(dict.fromkeys(p.label for s in spec.series for p in s.points))
        width = 0.8 / len(spec.series)
        hatches = ("", "//", "..", "xx", "\\\\", "oo", "--")
        for i, s in enumerate(spec.series):
            values = {p.label: p.value for p in s.points}
            positions = [j + (i - (len(spec.series) - 1) / 2) * width for j in range(len(labels))]
            heights = [values.get(label, 0) for label in labels]
            bar = ax.barh if spec.kind == "hbar" else ax.bar
            bars = bar(positions, heights, width * 0.92, color=PALETTE[i % len(PALETTE)], label=s.name,
                       hatch=hatches[i % len(hatches)] if multi else "", edgecolor="white")
            ax.bar_label(bars, labels=[format_number(h) for h in heights], padding=3)
        if spec.kind == "hbar":
            ax.set_yticks(range(len(labels)), [_wrap(label, CATEGORY_WRAP) for label in labels])
            ax.invert_yaxis()
            ax.grid(axis="y", visible=False)
            ax.margins(x=0.18)
        else:
            _period_ticks(ax, labels)
            ax.grid(axis="x", visible=False)
            ax.margins(y=0.22)
    elif spec.kind == "estimate":
        labels = [p.label for p in spec.series[0].points]
        for i, s in enumerate(spec.series):
            for j, p in enumerate(s.points):
                y = j + (i - (len(spec.series) - 1) / 2) * 0.25
                if p.low is not None and p.high is not None:
                    ax.plot([p.low, p.high], [y, y], color=PALETTE[i % len(PALETTE)], linewidth=2.2)
                ax.plot([p.value], [y], marker="os^D"[i % 4], color=PALETTE[i % len(PALETTE)],
                        markersize=7, label=s.name if j == 0 else None)
                ax.annotate(format_number(p.value), (p.value, y), textcoords="offset points",
                            xytext=(0, 8), ha="center")
        ax.set_yticks(range(len(labels)), [_wrap(label, CATEGORY_WRAP) for label in labels])
        ax.invert_yaxis()
        ax.axvline(0, color="#444444", linewidth=1)
        ax.grid(axis="y", visible=False)
        ax.margins(x=0.12, y=0.25)
    else:  # pragma: no cover - the schema only allows the kinds above
        raise ValueError(spec.kind)

    value_axis = ax.xaxis if spec.kind in ("hbar", "estimate") else ax.yaxis
    value_axis.set_major_formatter(formatter)
    value_axis.set_major_locator(MaxNLocator(nbins=5, integer=spec.integer_values))
    label = spec.value_label or spec.unit
    # A long axis label is wrapped: unwrapped, it is wider than the plot and gets cut off.
    if spec.kind in ("hbar", "estimate"):
        ax.set_xlabel(_wrap(label, 34))
    else:  # above the axis, read without turning the head; along it, it was often longer than the axis
        ax.set_title(_wrap(label, 38), loc="left", fontsize=FONT_SIZE, color="#222222", pad=10)
    if spec.zero_line and spec.kind in ("bar", "line"):
        ax.axhline(0, color="#444444", linewidth=1)
    if spec.kind == "bar" and all(p.value >= 0 for s in spec.series for p in s.points):
        ax.set_ylim(bottom=0)
    if spec.kind == "hbar" and all(p.value >= 0 for s in spec.series for p in s.points):
        ax.set_xlim(left=0)
    legend = None
    if multi:
        handles, names = ax.get_legend_handles_labels()
        legend = fig.legend(handles, [_wrap(n, 40) for n in names], loc="lower center",
                            bbox_to_anchor=(0.5, 0), ncol=1)
    _fit_axes(fig, ax, legend)
    return fig


def _period_ticks(ax, labels: list[str]) -> None:
    """Period labels under the x axis; slanted when there are too many to stand side by side."""
    wrapped = [_wrap(label, PERIOD_WRAP) for label in labels]
    widest = max(len(line) for label in wrapped for line in label.splitlines())
    if len(labels) * (widest * 0.62 * FONT_SIZE + 8) > 0.8 * FIGURE_WIDTH * 72:
        ax.set_xticks(range(len(labels)), [_wrap(label, 26) for label in labels], rotation=40,
                      ha="right", rotation_mode="anchor")
    else:
        ax.set_xticks(range(len(labels)), wrapped)


def _fit_axes(fig, ax, legend) -> None:
    """Place the axes so that its outermost text (tick labels, axis label, value labels) ends PAD
    px inside the figure, with the legend below: margins from the text's measured extents, which
    costs a fraction of matplotlib's constrained layout (docs/performance.md). One measurement is
    enough: the value axis has a fixed number of ticks (MaxNLocator(nbins=5)) and the category axis
    one per label, so the tick labels do not change when the axes' size does, and every other text
    is offset in points; tests/charts/test_drawing.py checks that no text of a real chart lies outside its
    canvas."""
    renderer = fig.canvas.get_renderer()
    width, height = fig.get_size_inches() * fig.dpi
    bottom_extra = 0.0
    if legend is not None:
        bottom_extra = legend.get_window_extent(renderer).height + PAD
        legend.set_bbox_to_anchor((0.5, PAD / height), transform=fig.transFigure)
    box = ax.get_position()
    tight = ax.get_tightbbox(renderer)
    left = box.x0 * width - tight.x0
    right = tight.x1 - box.x1 * width
    bottom = box.y0 * height - tight.y0
    top = tight.y1 - box.y1 * height
    x0 = (left + PAD) / width
    x1 = 1 - (right + PAD) / width
    y0 = (bottom + PAD + bottom_extra) / height
    y1 = 1 - (top + PAD) / height
    ax.set_position((x0, y0, x1 - x0, y1 - y0))


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def _draw_to(args: tuple[ChartSpec, str, str | None]) -> tuple[int, str] | None:
    """Draw one chart into the build's folder, then store it in the cache (when there is one).
    Returns why the cache could not be written (errno and text), or None."""
    spec, target, cache_dir = args
    data = draw_svg(spec)
    Path(target).write_bytes(data)
    if cache_dir is None:
        return None
    error = write_entry(Path(cache_dir), f"{spec.cache_key()}.svg", data)
    return None if error is None else (error.errno or 0, str(error.strerror or error))


def _die_with_parent() -> None:
    """Pool worker initializer: on Linux, the kernel kills the worker when the build process dies
    (even by kill -9), so no chart worker outlives a killed build."""
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - no prctl
        return
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


class ChartJob:
    """Charts being drawn: ``wait()`` returns {file name: SVG path} once all are there. The files
    lie in ``folder``, which the job owns until ``cleanup()``."""

    def __init__(self, paths: dict[str, Path], stats: RenderStats, missing: list, cache_dir: Path | None,
                 keep: set[str] | None, pool: ProcessPoolExecutor | None, folder: tempfile.TemporaryDirectory):
        self.paths, self.stats, self.missing, self.cache_dir = paths, stats, missing, cache_dir
        self.keep, self.pool, self.folder = keep, pool, folder  # keep: prune the cache to these
        self.futures = [pool.submit(_draw_batch, batch) for batch in _batches(missing)] if pool else []
        self.done = False
        self.keys: dict[str, str] = {}  # file name -> what the chart is drawn from (its cache key)
        self.specs: dict[str, ChartSpec] = {}

    def fill(self, name: str) -> None:
        """Write a chart left out by start_charts(elsewhere=…) into the folder: from the cache, or
        drawn again when its entry is gone."""
        path = self.paths[name]
        if path.exists():
            return
        data = read_entry(self.cache_dir, f"{self.keys[name]}.svg") if self.cache_dir is not None else None
        if data is not None:
            path.write_bytes(data)
        else:
            _draw_to((self.specs[name], str(path), str(self.cache_dir) if self.cache_dir else None))

    def wait(self) -> dict[str, Path]:
        if not self.done:
            errors = []
            try:
                if self.pool is None:
                    errors += [_draw_to(item) for item in self.missing]
                for future in self.futures:
                    errors += future.result()
            finally:
                if self.pool is not None:
                    self.pool.shutdown(cancel_futures=True)
            error = next((e for e in errors if e), None)
            if error is not None:
                notice(self.cache_dir, OSError(*error))
            elif self.keep is not None and self.cache_dir is not None:
                _prune(self.cache_dir, self.keep)
            self.done = True
        return self.paths

    def cleanup(self) -> None:
        """Delete the build's chart files (after MkDocs copied them)."""
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
        self.folder.cleanup()


def _batches(items: list, size: int = 4) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _draw_batch(batch: list[tuple[ChartSpec, str, str | None]]) -> list[tuple[int, str] | None]:
    return [_draw_to(item) for item in batch]


def start_charts(specs: list[ChartSpec], cache_dir: Path | None, *, workers: int | None = None,
                 prune: bool = False, elsewhere: Callable[[str, str], bool] | None = None) -> ChartJob:
    """Start drawing every spec that is not cached, in worker processes when there are many, and
    return at once: the caller goes on with other work and calls ``wait()`` when it needs the
    files. Without `cache_dir` (a fresh build) every chart is drawn and nothing is stored. With
    `prune`, cached charts that no spec uses any more are deleted at the end. `elsewhere(file name,
    cache key)`: the caller has that chart already (the preview's previous output); it is not read
    from the cache now, and ``fill(name)`` reads it when the caller finds it needs the file after all."""
    if cache_dir is not None:
        cache_dir = cache_folder(cache_dir, cache_dir.parent.parent if cache_dir.parent.name == ".cache"
                                 else cache_dir.parent)
    _remove_orphaned_folders()
    folder = tempfile.TemporaryDirectory(prefix=f"{FOLDER_PREFIX}{os.getpid()}-")
    stats = RenderStats()
    paths: dict[str, Path] = {}
    missing: list[tuple[ChartSpec, str, str | None]] = []
    cached: list[tuple[str, Path]] = []
    for spec in specs:
        path = Path(folder.name) / spec.file_name
        paths[spec.file_name] = path
        cached.append((f"{spec.cache_key()}.svg", path))

    skipped = {spec.file_name for spec in specs if elsewhere is not None and cache_dir is not None
               and elsewhere(spec.file_name, spec.cache_key())}

    def take(item: tuple[str, Path]) -> bool:
        if item[1].name in skipped:
            return True
        data = read_entry(cache_dir, item[0]) if cache_dir is not None else None
        if data is None:
            return False
        item[1].write_bytes(data)
        return True

    with ThreadPoolExecutor(THREADS) as threads:
        found = list(threads.map(take, cached))
    for spec, hit in zip(specs, found):
        if hit:
            stats.cached.append(spec.id)
        else:
            missing.append((spec, str(paths[spec.file_name]), str(cache_dir) if cache_dir else None))
            stats.drawn.append(spec.id)
    pool = None
    if len(missing) >= PARALLEL_THRESHOLD and (workers or os.cpu_count() or 1) > 1:
        pool = ProcessPoolExecutor(max_workers=workers or min(4, os.cpu_count() or 1),
                                   initializer=_die_with_parent)
    keep = {name for name, _ in cached} if prune else None
    job = ChartJob(dict(sorted(paths.items())), stats, missing, cache_dir, keep, pool, folder)
    job.specs = {spec.file_name: spec for spec in specs}
    job.keys = {name: spec.cache_key() for name, spec in job.specs.items()}
    return job


FOLDER_PREFIX = "eb-figurer-"


def _remove_orphaned_folders() -> None:
    """Chart folders of builds that were killed (their process is gone)."""
    try:
        entries = list(os.scandir(tempfile.gettempdir()))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(FOLDER_PREFIX) and entry.is_dir(follow_symlinks=False):
            pid = entry.name[len(FOLDER_PREFIX):].split("-", 1)[0]
            if pid.isdigit() and not _process_alive(pid):
                remove_tree(Path(entry.path))


def render_charts(specs: list[ChartSpec], cache_dir: Path | None, *, workers: int | None = None,
                  prune: bool = False) -> tuple[dict[str, bytes], RenderStats]:
    """SVG bytes for every spec (by file name), drawing only what is not cached. With `prune`,
    cached charts that no spec uses any more are deleted."""
    job = start_charts(specs, cache_dir, workers=workers, prune=prune)
    try:
        return {name: path.read_bytes() for name, path in job.wait().items()}, job.stats
    finally:
        job.cleanup()


def _prune(cache_dir: Path, keep: set[str]) -> None:
    """Remove cached charts this build did not use, so the cache does not grow with every edit
    (and stays small when CI keeps it between runs), and anything that is not a chart (links,
    folders); temporary files only once the process that wrote them is gone."""
    try:
        entries = list(os.scandir(cache_dir))
    except OSError:
        return
    for entry in entries:
        if entry.name.endswith(".tmp") and entry.name.startswith("."):
            parts = entry.name.split(".")
            if len(parts) > 3 and _process_alive(parts[-3]):
                continue
        elif entry.name in keep and entry.is_file(follow_symlinks=False):
            continue
        remove_tree(Path(entry.path))

def _process_alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:  # pragma: no cover - alive, but another user's
        return True
    return True
