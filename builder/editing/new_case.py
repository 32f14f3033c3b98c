"""``python -m builder new-case``: write a correct, commented YAML skeleton for a new case.

Asks questions (or takes flags), checks each answer against the vocabularies at once, and writes
``cases/<id>.yml`` with a ``# yaml-language-server: $schema=…`` line so editors get autocompletion.
The skeleton is generated from the schema's descriptions, so it never drifts from the validator.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

from builder.core.project import Project
from builder.sources.validation import PLACEHOLDER  # every text the skeleton leaves to fill in starts with it
from builder.sources.vocabularies import Vocabularies


def placeholder(what: str) -> str:
    """A skeleton placeholder: «FYLL INN: <what to write>»."""
    return f"{PLACEHOLDER}: {what}"


SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_TRANSLIT = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", "ü": "u", "ö": "o", "ä": "a"})


def slugify(text: str) -> str:
    text = text.lower().translate(_TRANSLIT)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80].strip("-")


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def skeleton(*, case_id: str, title: str, municipality: str, county: str | None, programme: str,
             sector: str, themes: list[str], vocabularies: Vocabularies, schema_url: str,
             today: date | None = None) -> str:
    def options(name: str) -> str:
        return ", ".join(vocabularies[name].ids)

    today = today or date.today()
    lines = [
        f"# yaml-language-server: $schema={schema_url}",
        "# Nytt eksempel for Erfaringsbanken. Erstatt hver tekst som begynner med «FYLL INN:»,",
        "# slett kommentarer du ikke trenger, og kjør «python -m builder validate» for å sjekke",
        "# filen (den godtas ikke før all «FYLL INN»-tekst er byttet ut). Alle felt er beskrevet på",
        "# nettstedet under «For redaktører → Feltene i en eksempelfil».",
        f"id: {case_id}",
        f"tittel: {_q(title)}",
        "# språk: nn   # ta med hvis teksten er på nynorsk",
        "kommuner:",
        f"  - navn: {_q(municipality)}",
    ]
    if county:
        lines.append(f"    fylke: {county}   # fylket da prosjektet pågikk")
    else:
        lines.append(f"    # fylke: …   # ett av: {options('fylker')}")
    lines += [
        f"program: {programme}   # ett av: {options('programmer')}",
        f"sektor: {sector}   # ett av: {options('sektorer')}",
        "# enhet: \"Navn på skole, barnehage, sykehjem …\"",
        "temaer:   # ett eller flere; det første er hovedtemaet",
        *[f"  - {t}" for t in themes],
        f"# gyldige temaer: {options('temaer')}",
        "# periode:   # utelat det kilden ikke sier; årstall i anførselstegn",
        '#   fra: "2008"',
        '#   til: "2010"',
        f"# status: avsluttet   # ett av: {options('status')}",
        "bakgrunn: |",
        "  " + placeholder("hvilken utfordring eller hvilket behov prosjektet svarte på, og hva "
                           "utgangspunktet var (gjerne med tall)"),
        "mål: |",
        "  " + placeholder("hva kommunen ville oppnå"),
        "tiltak: |",
        "  - " + placeholder("hva som ble gjort, ett punkt per tiltak"),
        "resultater:",
        f"  vurdering: kun-kvalitativ   # ett av: {options('resultattyper')}",
        "  tekst: |",
        "    " + placeholder("hva prosjektet ga, og hvordan resultatene er målt"),
        "  # tall:   # målte resultater; tall uten anførselstegn, med punktum som desimaltegn",
        "  #   - indikator: Sykefravær, hele kommunen",
        "  #     enhet: prosent",
        "  #     datakilde: PAI-registeret (KS)",
        "  #     lavere_er_bedre: true",
        "  #     verdier:",
        '  #       - {periode: "2008", verdi: 8.5}',
        '  #       - {periode: "2009", verdi: 7.9}',
        f"kunnskapsgrunnlag:   # ett eller flere av: {options('kunnskapsgrunnlag')}",
        "  - kvalitativ",
        "læringspunkter: |",
        "  " + placeholder("hva som var avgjørende for å lykkes, og hva dere ville gjort annerledes"),
        "overføringsverdi: |",
        "  " + placeholder("hva andre kommuner kan ta med seg, og hva som må tilpasses lokalt"),
        "# samarbeidspartnere:",
        "#   - Navn på høgskole, KS, NAV …",
        "kilder:   # minst én; linjer eller sider",
        f"  - dokument: {vocabularies['kilder'].ids[0]}   # ett av: {options('kilder')}",
        f"    linjer: {_q(placeholder('linjene i kilden, for eksempel 1760–1832'))}",
        f"    sitat: {_q(placeholder('en setning fra linjene over, skrevet av ordrett (høyst rundt 300 tegn)'))}",
        "kontakt:   # rolle, ikke personnavn eller private telefonnummer",
        f"  - rolle: {_q(placeholder('rollen, for eksempel kommunalsjef for helse og omsorg'))}",
        f"    virksomhet: {_q(municipality + ' kommune')}",
        f'    kontrollert: "{today.isoformat()}"',
        f'sist_vurdert: "{today.isoformat()}"',
    ]
    return "\n".join(lines) + "\n"


def _ask(prompt: str, vocabulary=None, *, default: str | None = None, many: bool = False,
         input_fn=input, out=sys.stdout) -> str | list[str]:
    import difflib

    while True:
        hint = f" [{default}]" if default else ""
        if vocabulary is not None:
            print(f"  Valg: {', '.join(vocabulary.ids)}", file=out)
        answer = input_fn(f"{prompt}{hint}: ").strip() or (default or "")
        if not answer:
            print("  Svar mangler.", file=out)
            continue
        if vocabulary is None:
            return answer
        values = [a.strip() for a in answer.split(",")] if many else [answer]
        bad = [v for v in values if v not in vocabulary]
        if not bad:
            return values if many else values[0]
        for v in bad:
            close = difflib.get_close_matches(v, vocabulary.ids, n=1, cutoff=0.5)
            print(f"  «{v}» er ikke en gyldig verdi." + (f" Mente du «{close[0]}»?" if close else ""), file=out)


def run_new_case(project: Project, args, vocabularies: Vocabularies, *, input_fn=input,
                 out=sys.stdout) -> int:
    ask = lambda *a, **k: _ask(*a, input_fn=input_fn, out=out, **k)  # noqa: E731
    title = args.title or ask("Tittel")
    municipality = args.municipality or ask("Kommune")
    county = args.county
    programme = args.programme or ask("Program", vocabularies["programmer"])
    sector = args.sector or ask("Sektor", vocabularies["sektorer"])
    themes = args.themes.split(",") if args.themes else ask("Temaer (skill med komma)",
                                                            vocabularies["temaer"], many=True)
    case_id = args.id or slugify(f"{municipality} {title}")[:60].strip("-")
    problems = []
    for label, value, vocab in (("program", programme, "programmer"), ("sektor", sector, "sektorer"),
                                ("fylke", county, "fylker")):
        if value and value not in vocabularies[vocab]:
            problems.append(f"{label}: «{value}» er ikke en gyldig verdi (se vocabularies/{vocab}.yml)")
    problems += [f"tema: «{t}» er ikke en gyldig verdi (se vocabularies/temaer.yml)"
                 for t in themes if t not in vocabularies["temaer"]]
    if not SLUG.fullmatch(case_id):
        problems.append(f"id: «{case_id}» kan bare ha små bokstaver a–z, tall og bindestrek")
    target = project.cases_dir / f"{case_id}.yml"
    if target.exists():
        problems.append(f"{project.display(target)} finnes fra før; velg en annen id med --id")
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        return 1
    text = skeleton(case_id=case_id, title=title, municipality=municipality, county=county,
                    programme=programme, sector=sector, themes=themes, vocabularies=vocabularies,
                    schema_url="../schema/case.schema.json")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"Skrev {project.display(target)}. Bytt ut hver tekst som begynner med «{PLACEHOLDER}:», og kjør "
          f"«python -m builder validate {project.display(target)}».", file=out)
    return 0


def add_arguments(parser) -> None:
    parser.add_argument("--id", help="id og filnavn (standard: laget fra kommune og tittel)")
    parser.add_argument("--tittel", dest="title")
    parser.add_argument("--kommune", dest="municipality")
    parser.add_argument("--fylke", dest="county")
    parser.add_argument("--program", dest="programme")
    parser.add_argument("--sektor", dest="sector")
    parser.add_argument("--tema", dest="themes", help="ett eller flere temaer, skilt med komma")


def template_path(project: Project) -> Path:
    return project.cases_dir / "_mal.yml"
