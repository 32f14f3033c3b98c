"""Nynorsk ↔ Bokmål glossary for search (vocabularies/ordliste.yml).

Pagefind has no synonyms and intersects the words of a query, so a Nynorsk query («sjukefråvær»)
finds only pages that write Nynorsk. The glossary holds word pairs that differ between the two
written standards; for every page the builder lists the other standard's forms of the words the
page contains, and the page indexes them invisibly (``overrides/main.html``). A query in either
standard then finds the same pages.

Matching, for each word of a page (lower case):
- equal to a glossary word, or a glossary word plus a short inflection ending: the other side's
  base forms («tilsette» → «ansatte», «tenestene» → «tjeneste»; Pagefind's stemmer reduces an
  inflected query to the same base);
- a glossary word of at least ``COMPOUND_MIN`` letters inside the word (compounds:
  «sykefraværsarbeidet» → «sjukefråværsarbeidet» and «sjukefråvær»).
When the glossary word starts the page word, the other side's base form is added too, so
inflections that differ between the standards («sjukeheimen» / «sykehjemmet») still meet in
Pagefind's stemmer (which matches a query's stem as a prefix of indexed words, like the Bokmål
query would). An entry may group a word family on each side (nn [leiing, leiar] / nb [ledelse,
leder]), because the stemmer reduces «ledelse» to «led», which also finds «ledere».
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from builder.core.problems import Problem
from builder.core.project import Project
from builder.sources.schema import effective_schema, validator_for
from builder.sources.validation import schema_problems
from builder.sources.yaml_loader import YamlLoadError, load_yaml_file

GLOSSARY = "ordliste.yml"
COMPOUND_MIN = 6
# Inflection endings shared by both written standards (nouns, adjectives, past participles).
ENDINGS = ("e", "a", "t", "s", "n", "en", "et", "er", "ar", "as", "es", "te", "de", "ne",
           "ene", "ane", "ast", "ens", "ets", "ers", "ars", "ete", "ende", "ande")
WORD = re.compile(r"[a-zæøåéèêóòôü]+")
STANDARDS = ("nn", "nb")
SIDE = {"nn": "nynorsksiden", "nb": "bokmålssiden"}


@dataclass(frozen=True)
class WordPair:
    nn: tuple[str, ...]
    nb: tuple[str, ...]


@dataclass
class Glossary:
    pairs: list[WordPair] = field(default_factory=list)

    def __post_init__(self):
        self.other: dict[str, tuple[str, ...]] = {}
        for pair in self.pairs:
            for word in pair.nn:
                self.other[word] = pair.nb
            for word in pair.nb:
                self.other[word] = pair.nn
        long_words = sorted((w for w in self.other if len(w) >= COMPOUND_MIN), key=lambda w: (-len(w), w))
        self._inside = re.compile("|".join(long_words)) if long_words else None
        self._cache: dict[str, frozenset[str]] = {}

    def forms_for_word(self, word: str) -> frozenset[str]:
        """The other standard's forms for one lower-case word (empty if the glossary has none)."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        out: set[str] = set(self.other.get(word, ()))
        if not out:  # an inflected form: the base forms are enough, the search stems the query
            for cut in range(1, 5):
                stem, ending = word[:-cut], word[-cut:]
                if ending in ENDINGS:
                    for base in (stem, stem + "e"):  # teneste: tenesta, tenester
                        out.update(self.other.get(base, ()))
        if self._inside is not None:
            for match in self._inside.finditer(word):
                if match.start() == 0 and (match.end() == len(word) or word[match.end():] in ENDINGS):
                    continue  # the word itself, inflected: handled above
                for other in self.other[match.group()]:
                    out.add(word[:match.start()] + other + word[match.end():])
                    if match.start() == 0:  # «sykehjemmet»: the base form meets «sjukeheimen»
                        out.add(other)
        out.discard(word)
        result = frozenset(out)
        self._cache[word] = result
        return result

    def covers(self, word: str) -> bool:
        return bool(self.forms_for_word(word))

    def alternative_forms(self, text: str) -> list[str]:
        """The other standard's forms of the words in `text` that the text does not contain itself."""
        words = set(WORD.findall(text.lower()))
        out: set[str] = set()
        for word in words:
            out |= self.forms_for_word(word)
        return sorted(out - words)

    def as_json_map(self) -> dict[str, list[str]]:
        """word -> the other standard's forms, for the finder's «did you mean» (sorted, stable)."""
        return {word: list(forms) for word, forms in sorted(self.other.items())}


def _forms(value) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def load_glossary(project: Project, vocabularies) -> tuple[Glossary, list[Problem]]:
    path = project.vocabularies_dir / GLOSSARY
    if not path.exists():
        return Glossary(), []
    display = project.display(path)
    try:
        doc = load_yaml_file(path, display)
    except YamlLoadError as exc:
        return Glossary(), exc.problems
    problems = schema_problems(doc, validator_for(effective_schema(project, "glossary", vocabularies)), project=project)
    if problems:
        return Glossary(), problems
    # word -> (standard, pair number, line) where it stands first: a word may stand once in the whole
    # list, on one side, or the search map (word -> the other side's forms) would lose a mapping.
    seen: dict[str, tuple[str, int, int]] = {}
    pairs = []
    for index, item in enumerate(doc.data):
        pair = WordPair(nn=_forms(item["nn"]), nb=_forms(item["nb"]))
        entry_problems = []
        for standard in STANDARDS:
            for n, word in enumerate(getattr(pair, standard)):
                where = (index, standard, n) if isinstance(item[standard], list) else (index, standard)
                pos = doc.position(where)
                label = f"[{index + 1}].{standard}"
                other_standard = "nb" if standard == "nn" else "nn"
                if word in getattr(pair, other_standard):
                    entry_problems.append(Problem(
                        display, pos.line, pos.column, label,
                        f"«{word}» står på begge sider av ordparet",
                        "Ta bare med ord som skrives ulikt på nynorsk og bokmål"))
                elif word in seen:
                    first_standard, first_index, first_line = seen[word]
                    if first_standard == standard:
                        entry_problems.append(Problem(
                            display, pos.line, pos.column, label,
                            f"«{word}» finnes fra før (ordpar {first_index + 1}) på linje {first_line}, "
                            f"også på {SIDE[standard]}",
                            "Slå sammen de to ordparene, eller fjern det ene"))
                    else:
                        entry_problems.append(Problem(
                            display, pos.line, pos.column, label,
                            f"«{word}» står her på {SIDE[standard]}, men på {SIDE[first_standard]} i "
                            f"ordpar {first_index + 1} på linje {first_line}; et ord kan bare stå på én side "
                            "i lista, ellers blir det ene ordparet borte i søket",
                            f"Avgjør om «{word}» er nynorsk eller bokmål, og fjern det fra det andre ordparet "
                            f"(linje {first_line} eller {pos.line})"))
                else:
                    seen[word] = (standard, index, pos.line)
        problems += entry_problems
        if not entry_problems:
            pairs.append(pair)
    return Glossary(pairs), problems


@dataclass(frozen=True)
class Gap:
    word: str
    count: int
    files: tuple[str, ...]


def rough_stem(word: str) -> str:
    """The word without its longest shared inflection ending: close enough to the search's stemmer
    to tell words that already meet in the index (kommunar/kommuner) from those that need a pair."""
    for ending in sorted(ENDINGS, key=len, reverse=True):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[:-len(ending)]
    return word


WORD_CASED = re.compile(r"[A-Za-zÆØÅæøåÉéèêóòôü]+")


def glossary_gaps(glossary: Glossary, nn_texts: dict[str, str], nb_texts: dict[str, str],
                  *, min_length: int = 4, min_count: int = 2) -> list[Gap]:
    """Frequent words of the Nynorsk texts that the glossary does not cover and that no Bokmål text
    uses in any inflection: the likely Nynorsk-only words an editor should consider adding, most
    frequent first. Names (words always written with a capital letter) are left out."""
    nb_stems: set[str] = set()
    for text in nb_texts.values():
        nb_stems.update(rough_stem(w) for w in WORD.findall(text.lower()))
    counts: Counter[str] = Counter()
    lower_seen: set[str] = set()
    where: dict[str, set[str]] = {}
    for name, text in nn_texts.items():
        for raw in WORD_CASED.findall(text):
            word = raw.lower()
            if len(word) < min_length or rough_stem(word) in nb_stems or glossary.covers(word):
                continue
            counts[word] += 1
            if raw[0].islower():
                lower_seen.add(word)
            where.setdefault(word, set()).add(name)
    return [Gap(word, n, tuple(sorted(where[word])))
            for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            if n >= min_count and word in lower_seen]
