import re

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.charts import drawing as charts
from builder.charts.drawing import ChartSpec, Point, Series, draw_svg, render_charts
from builder.charts.specs import case_chart_specs
from builder.pages.generate import all_chart_specs, generate_site
from conftest import ROOT

CATALOG = load_catalog(Project(ROOT))

SPEC = ChartSpec(id="test", kind="line", title="Sykefravær", unit="prosent",
                 series=(Series("Sykefravær", (Point("2006", 9.4), Point("2007", 10.9), Point("2009", 5.7))),),
                 alt="Sykefraværet falt fra 10,9 til 5,7 prosent.", source="Kilde: test")


def test_svg_is_byte_identical_and_has_no_date():
    first, second = draw_svg(SPEC), draw_svg(SPEC)
    assert first == second
    assert b"<dc:date>" not in first and b"Matplotlib v" not in first
    assert b"<title>Sykefrav\xc3\xa6r</title>" in first
    assert "10,9".encode() in first  # decimal comma in labels


def test_each_kind_draws():
    for kind in ("line", "bar", "hbar", "estimate"):
        spec = ChartSpec(id=kind, kind=kind, title="T", unit="prosentpoeng",
                         series=(Series("A", (Point("a", -0.67, -1.0, -0.3), Point("b", 0.12, 0.05, 0.2))),
                                 Series("B", (Point("a", 1.5), Point("b", 2.0)))),
                         alt="Alt-tekst som sier funnet.", source="Kilde: test")
        assert draw_svg(spec).startswith(b"<?xml")


def test_cache_means_unchanged_charts_are_not_redrawn(tmp_path):
    specs = all_chart_specs(CATALOG)
    _, first = render_charts(specs, tmp_path)
    assert sorted(first.drawn) == sorted(s.id for s in specs) and first.cached == []
    files, second = render_charts(specs, tmp_path)
    assert second.drawn == [] and len(second.cached) == len(specs)
    changed = ChartSpec(**{**SPEC.__dict__, "id": specs[0].id, "alt": "endret"})
    _, third = render_charts([changed] + specs[1:], tmp_path)
    assert third.drawn == [specs[0].id]


def test_pruning_removes_only_charts_no_longer_used(tmp_path):
    specs = all_chart_specs(CATALOG)[:3]
    render_charts(specs, tmp_path)
    assert len(list(tmp_path.glob("*.svg"))) == 3
    render_charts(specs[:2], tmp_path)  # without prune the cache keeps everything
    assert len(list(tmp_path.glob("*.svg"))) == 3
    files, stats = render_charts(specs[:2], tmp_path, prune=True)
    assert sorted(p.name for p in tmp_path.glob("*.svg")) == sorted(s.cache_key() + ".svg" for s in specs[:2])
    assert stats.drawn == [] and len(files) == 2


def test_parallel_rendering_gives_the_same_bytes(tmp_path, monkeypatch):
    specs = all_chart_specs(CATALOG)[:10]
    serial, _ = render_charts(specs, tmp_path / "serial")
    monkeypatch.setattr(charts, "PARALLEL_THRESHOLD", 2)
    parallel, stats = render_charts(specs, tmp_path / "parallel", workers=2)
    assert parallel == serial and len(stats.drawn) == len(specs)


def test_second_generation_redraws_nothing(tmp_path):
    generate_site(CATALOG, tmp_path)
    again = generate_site(CATALOG, tmp_path)
    assert again.chart_stats.drawn == []


def test_every_case_with_series_has_chart_alt_and_table(built_site):
    with_series = [c for c in CATALOG.cases if any(len(s.verdier) >= 2 for s in c.resultater.tall)]
    assert with_series
    for case in with_series:
        html = (built_site / case.url / "index.html").read_text(encoding="utf-8")
        for spec in case_chart_specs(case, CATALOG):
            assert (built_site / "figurer" / spec.file_name).is_file()
            assert f'src="../../figurer/{spec.file_name}"' in html
            alt = re.search(rf'<img src="../../figurer/{re.escape(spec.file_name)}" alt="([^"]+)"', html).group(1)
            assert len(alt) > 20 and "til" in alt
        assert '<table class="eb-data">' in html


def test_charted_svgs_are_identical_across_builds(built_site, tmp_path):
    files = generate_site(CATALOG, tmp_path).files
    for name, data in files.items():
        if name.startswith("figurer/"):
            assert (built_site / name).read_bytes() == data, name


def test_overview_page_has_all_charts_with_tables(built_site):
    html = (built_site / "tall" / "index.html").read_text(encoding="utf-8")
    for chart_id in ("oversikt-tema", "oversikt-fylke", "oversikt-program", "oversikt-startar"):
        assert f'id="figur-{chart_id}"' in html
    assert html.count('<details class="eb-chart-data">') >= 4
    assert html.count("<img ") >= 4 and 'alt=""' not in html


def test_no_real_chart_has_text_outside_its_canvas():
    """Every label, tick, legend and value of every real chart lies inside the drawn SVG area."""
    import matplotlib.pyplot as plt

    from builder.charts.drawing import build_figure

    clipped = []
    for spec in all_chart_specs(CATALOG):
        fig = build_figure(spec)
        fig.canvas.draw()
        box = fig.get_tightbbox(fig.canvas.get_renderer())
        width, height = spec.figure_size
        if box.x0 < -0.01 or box.y0 < -0.01 or box.x1 > width + 0.01 or box.y1 > height + 0.01:
            clipped.append((spec.id, [round(v, 2) for v in box.extents], (width, height)))
        plt.close(fig)
    assert clipped == []


# --- the chart cache: code in the key, checked entries, no links (issue 19, items 7–9) ---------

import errno  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402

import pytest  # noqa: E402

import builder.core.build_cache as build_cache  # noqa: E402


@pytest.mark.parametrize("edit", [("charts/drawing.py", '"#0072B2"', '"#0072B3"'),
                                  ("core/formatting.py", '.replace(".", ",")', '.replace(".", ".")'),
                                  ("templates/home.html", "lagt inn", "lagt inn ")])
def test_the_chart_key_changes_with_any_builder_file(tmp_path, monkeypatch, edit):
    """The key holds the builder's code (code_fingerprint), not a hand-kept version number: a
    colour in charts/drawing.py or the decimal separator in formatting.py left charts stale before."""
    before = [s.cache_key() for s in all_chart_specs(CATALOG)[:5]]
    copy = tmp_path / "builder"
    shutil.copytree(build_cache.BUILDER_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    name, old, new = edit
    text = (copy / name).read_text(encoding="utf-8")
    assert old in text
    (copy / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.setattr(build_cache, "BUILDER_DIR", copy)
    build_cache.code_fingerprint.cache_clear()
    try:
        after = [s.cache_key() for s in all_chart_specs(CATALOG)[:5]]
    finally:
        build_cache.code_fingerprint.cache_clear()
    assert all(a != b for a, b in zip(after, before))


def _link_to_passwd(path):
    path.unlink()
    path.symlink_to("/etc/passwd")


def _edit(path):
    path.write_bytes(path.read_bytes().replace(b"<title>", b"<title>INJISERT ", 1))


def _truncate(path):
    path.write_bytes(path.read_bytes()[:100])


def _folder(path):
    path.unlink()
    (path / "x").mkdir(parents=True)


@pytest.mark.parametrize("damage", [_link_to_passwd, _edit, _truncate, _folder])
def test_a_damaged_chart_is_drawn_again(tmp_path, damage):
    specs = all_chart_specs(CATALOG)[:3]
    first, _ = render_charts(specs, tmp_path / "cache")
    entry = tmp_path / "cache" / f"{specs[0].cache_key()}.svg"
    damage(entry)
    files, stats = render_charts(specs, tmp_path / "cache")
    assert files == first and stats.drawn == [specs[0].id]
    assert entry.is_file() and not entry.is_symlink()
    files, stats = render_charts(specs, tmp_path / "cache")
    assert files == first and stats.drawn == []


def test_a_linked_chart_folder_is_not_used(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(build_cache, "_NOTICED", [])
    specs = all_chart_specs(CATALOG)[:2]
    first, _ = render_charts(specs, tmp_path / "elsewhere")
    (tmp_path / "cache").symlink_to(tmp_path / "elsewhere")
    files, stats = render_charts(specs, tmp_path / "cache")
    assert files == first and len(stats.drawn) == 2
    assert capsys.readouterr().err.count(f"Merk: hurtigbufferen i {tmp_path / 'cache'}") == 1


@pytest.mark.parametrize("workers", [1, 2])
def test_charts_are_drawn_when_the_cache_cannot_be_written(tmp_path, monkeypatch, capsys, workers):
    """A full disk while the workers store their charts: every chart still reaches the build,
    and the build says once that the cache was not written."""
    monkeypatch.setattr(build_cache, "_NOTICED", [])
    specs = all_chart_specs(CATALOG)[:10]
    expected = {s.file_name: draw_svg(s) for s in specs}

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(build_cache, "write_file", full)
    monkeypatch.setattr(charts, "PARALLEL_THRESHOLD", 2)
    files, stats = render_charts(specs, tmp_path / "cache", workers=workers)
    assert files == expected and len(stats.drawn) == len(specs)
    err = capsys.readouterr().err
    assert err.count("Merk: hurtigbufferen i") == 1 and "disken er full" in err
    assert not list((tmp_path / "cache").iterdir())


# --- one figure per process, text sized for phones (issue 21 item 7, issue 23 item 2) ----------

def test_a_reused_figure_draws_the_bytes_of_a_fresh_process():
    """Every chart is drawn on the process's one figure: what was drawn before must leave no trace."""
    import subprocess
    import sys

    specs = all_chart_specs(CATALOG)
    last = specs[-1]
    for spec in specs[:-1][::7]:
        draw_svg(spec)
    reused = draw_svg(last)
    fresh = subprocess.run(
        [sys.executable, "-c", "import sys; from builder.sources.catalog import load_catalog; "
         "from builder.core.project import Project; from builder.pages.generate import all_chart_specs; "
         "from builder.charts.drawing import draw_svg; from pathlib import Path; "
         f"sys.stdout.buffer.write(draw_svg(all_chart_specs(load_catalog(Project(Path({str(ROOT)!r}))))[-1]))"],
        capture_output=True, check=True, cwd=ROOT).stdout
    assert reused == fresh


def test_every_text_of_every_real_chart_is_at_least_the_phone_font_size():
    """In SVG units; tests/site/test_phone_charts.py measures the result on a phone's screen."""
    sizes = {}
    for spec in all_chart_specs(CATALOG):
        svg = draw_svg(spec).decode()
        found = [float(x) for x in re.findall(r"font-size: ([0-9.]+)px", svg)]
        assert found, spec.id
        sizes[spec.id] = min(found)
        assert re.search(r'viewBox="0 0 345\.6 ', svg), spec.id
    assert {k: v for k, v in sizes.items() if v < charts.FONT_SIZE} == {}


def test_charts_the_caller_has_are_not_read_and_are_filled_on_request(tmp_path):
    """The preview's charts (start_charts(elsewhere=…)): a chart the caller already serves is not
    read from the cache; fill() writes it when needed after all — from the cache, or drawn again
    when its entry is gone — with the same bytes."""
    specs = all_chart_specs(CATALOG)[:4]
    first = charts.start_charts(specs, tmp_path / ".cache" / "charts")
    expected = {name: path.read_bytes() for name, path in first.wait().items()}
    first.cleanup()
    job = charts.start_charts(specs, tmp_path / ".cache" / "charts", elsewhere=lambda name, key: True)
    paths = job.wait()
    assert not any(path.exists() for path in paths.values())
    assert len(job.stats.cached) == len(specs) and job.stats.drawn == []
    name, other = list(paths)[:2]
    job.fill(name)
    assert paths[name].read_bytes() == expected[name]
    (tmp_path / ".cache" / "charts" / f"{job.keys[other]}.svg").unlink()
    job.fill(other)
    assert paths[other].read_bytes() == expected[other]
    job.fill(other)  # once there, left alone
    job.cleanup()
