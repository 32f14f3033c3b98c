"""The case model: typed, validated records built from case files.

Only data that passed the schema reaches these classes, so construction can trust shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Municipality:
    navn: str
    kommunenummer: str | None = None
    bydel: str | None = None
    fylke: str | None = None

    @property
    def display_name(self) -> str:
        return f"{self.navn} (bydel {self.bydel})" if self.bydel else self.navn


@dataclass(frozen=True)
class Value:
    periode: str
    verdi: float | int


@dataclass(frozen=True)
class Series:
    indikator: str
    enhet: str
    datakilde: str
    verdier: tuple[Value, ...]
    lavere_er_bedre: bool | None = None
    merknad: str | None = None


@dataclass(frozen=True)
class Results:
    vurdering: str | None = None
    tekst: str | None = None
    tall: tuple[Series, ...] = ()


@dataclass(frozen=True)
class SourceRef:
    """One of the reports the project holds a text version of (`dokument`, cited by lines or pages,
    quotes checked), or any other published document (`tittel`, `utgiver`, `år`, `adresse`)."""
    dokument: str | None = None
    tittel: str | None = None
    utgiver: str | None = None
    år: str | None = None
    adresse: str | None = None
    linjer: str | None = None
    sider: str | None = None
    merknad: str | None = None
    sitat: str | None = None


@dataclass(frozen=True)
class Prize:
    navn: str
    plassering: str
    år: str | None = None


@dataclass(frozen=True)
class Contact:
    rolle: str
    virksomhet: str
    epost: str | None = None
    nettside: str | None = None
    kontrollert: str | None = None
    kilder: tuple[SourceRef, ...] = ()  # sources that name this role; without any, the editors suggest it


@dataclass(frozen=True)
class Case:
    id: str
    tittel: str
    kommuner: tuple[Municipality, ...]
    program: str
    sektor: str
    temaer: tuple[str, ...]
    bakgrunn: str
    tiltak: str
    kilder: tuple[SourceRef, ...]
    sist_vurdert: str
    source_file: str  # path relative to the project root, e.g. cases/molde-barnehage-ledelse.yml
    språk: str = "nb"
    samarbeidsorgan: str | None = None
    pulje: str | None = None
    nettverk: str | None = None
    enhet: str | None = None
    periode_fra: str | None = None
    periode_til: str | None = None
    status: str | None = None
    mål: str | None = None
    resultater: Results = field(default_factory=Results)
    kunnskapsgrunnlag: tuple[str, ...] = ()
    læringspunkter: str | None = None
    overføringsverdi: str | None = None
    samarbeidspartnere: tuple[str, ...] = ()
    priser: tuple[Prize, ...] = ()
    kildemerknader: tuple[str, ...] = ()
    kontakt: tuple[Contact, ...] = ()
    raw: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def municipality_names(self) -> str:
        names = [m.display_name for m in self.kommuner]
        if self.samarbeidsorgan:
            return f"{self.samarbeidsorgan} ({', '.join(names)})" if len(names) > 1 else \
                f"{self.samarbeidsorgan} ({names[0]})"
        return ", ".join(names)

    @property
    def counties(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for m in self.kommuner:
            if m.fylke:
                seen.setdefault(m.fylke)
        return tuple(seen)

    @property
    def period_label(self) -> str | None:
        if self.periode_fra and self.periode_til:
            return self.periode_fra if self.periode_fra == self.periode_til else \
                f"{self.periode_fra}–{self.periode_til}"
        if self.periode_fra:
            return f"fra {self.periode_fra}"
        if self.periode_til:
            return f"til {self.periode_til}"
        return None

    def source_year(self, vocabularies) -> str | None:
        """The year of the case's latest source: a known report's year from vocabularies/kilder.yml,
        another document's own year (for the status line «… da kilden ble skrevet (2023)»)."""
        years = []
        for k in self.kilder:
            if k.dokument:
                known = vocabularies["kilder"] if "kilder" in vocabularies else ()
                year = known[k.dokument].get("år") if k.dokument in known else None
            else:
                year = k.år
            if year:
                years.append(str(year))
        return max(years) if years else None

    @property
    def url(self) -> str:
        """Site-relative URL of the case page (directory URL)."""
        return f"eksempler/{self.id}/"

    @classmethod
    def from_data(cls, data: dict, source_file: Path | str) -> "Case":
        results = data.get("resultater") or {}
        periode = data.get("periode") or {}
        return cls(
            id=data["id"],
            tittel=data["tittel"],
            språk=data.get("språk", "nb"),
            kommuner=tuple(Municipality(**m) for m in data["kommuner"]),
            samarbeidsorgan=data.get("samarbeidsorgan"),
            program=data["program"],
            pulje=data.get("pulje"),
            nettverk=data.get("nettverk"),
            sektor=data["sektor"],
            enhet=data.get("enhet"),
            temaer=tuple(data["temaer"]),
            periode_fra=periode.get("fra"),
            periode_til=periode.get("til"),
            status=data.get("status"),
            bakgrunn=data["bakgrunn"],
            mål=data.get("mål"),
            tiltak=data["tiltak"],
            resultater=Results(
                vurdering=results.get("vurdering"),
                tekst=results.get("tekst"),
                tall=tuple(
                    Series(
                        indikator=s["indikator"], enhet=s["enhet"], datakilde=s["datakilde"],
                        verdier=tuple(Value(v["periode"], v["verdi"]) for v in s["verdier"]),
                        lavere_er_bedre=s.get("lavere_er_bedre"), merknad=s.get("merknad"),
                    )
                    for s in results.get("tall", [])
                ),
            ),
            kunnskapsgrunnlag=tuple(data.get("kunnskapsgrunnlag", [])),
            læringspunkter=data.get("læringspunkter"),
            overføringsverdi=data.get("overføringsverdi"),
            samarbeidspartnere=tuple(data.get("samarbeidspartnere", [])),
            priser=tuple(Prize(**p) for p in data.get("priser", [])),
            kilder=tuple(SourceRef(**k) for k in data["kilder"]),
            kildemerknader=tuple(data.get("kildemerknader", [])),
            kontakt=tuple(Contact(**{**c, "kilder": tuple(SourceRef(**k) for k in c.get("kilder", []))})
                          for c in data.get("kontakt", [])),
            sist_vurdert=data["sist_vurdert"],
            source_file=str(source_file),
            raw=data,
        )
