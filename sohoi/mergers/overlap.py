"""Which associations overlap, from what the registry holds of each pair: the likeness of their
purpose, functions and tasks, and the facts they share — field, managing sector agency, territory,
central association, members (unique persons) and the communes of their branches. Each is a signal
from 0 to 1; a pair's score is their weighted sum (settings.SOHOI_OVERLAP_WEIGHTS).

The texts are compared by TF-IDF over Vietnamese syllables and syllable pairs (most Vietnamese words
are two syllables: "khuyết tật", "nhân đạo"), the cosine of the two vectors. Written here, not taken
from scikit-learn's TfidfVectorizer: that would bring numpy and scipy into a project that has
neither (61 MB of wheels: numpy 17, scipy 35, scikit-learn 9; `pip download` on this machine), for
forty lines over a province's few hundred texts (the whole ranking of the demo's 32 associations
takes 0.04 s). Against a sentence embedding (all-MiniLM-L6-v2, the one that ships its model and loads
offline here), on the demo's 24 kinds with the shared data's overlap hints as the answer key, TF-IDF
ranks better: average precision 0.62 against 0.20, 9 of the 16 hinted pairs first against 5
(bench/overlap_text.py).
"""

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

SYLLABLE = re.compile(r"\w+")
PHRASE = re.compile(r"[.;:,()\n]+")


def terms(text: str) -> Counter:
    """The syllables of a text and the pairs of neighbouring syllables within a phrase, lower-case."""
    counts: Counter = Counter()
    for phrase in PHRASE.split(text.lower()):
        syllables = [s for s in SYLLABLE.findall(phrase) if not s.isdigit()]
        counts.update(syllables)
        counts.update(f"{a} {b}" for a, b in pairwise(syllables))
    return counts


def tfidf(texts: dict[int, str]) -> dict[int, dict[str, float]]:
    """Each text's TF-IDF vector, L2-normalised: sublinear term frequency, smoothed inverse document
    frequency (a term in every text weighs least)."""
    counted = {key: terms(text) for key, text in texts.items()}
    documents = len(counted)
    df: Counter = Counter(term for counts in counted.values() for term in counts)
    vectors = {}
    for key, counts in counted.items():
        vector = {
            term: (1 + math.log(n)) * (math.log((1 + documents) / (1 + df[term])) + 1) for term, n in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors[key] = {term: v / norm for term, v in vector.items()}
    return vectors


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(term, 0.0) for term, v in a.items())


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


@dataclass
class Profile:
    """What the analysis knows of one association."""

    pk: int
    name: str
    text: str
    fields: set = field(default_factory=set)
    agency: str = ""
    territory: str = ""
    central: str = ""
    members: int = 0  # unique persons, active today
    branch_communes: set = field(default_factory=set)


@dataclass
class Overlap:
    a: Profile
    b: Profile
    score: float
    signals: dict  # signal → value from 0 to 1
    shared_members: int
    member_jaccard: float
    member_containment: float  # the share of the smaller association's members who are in both
    shared_communes: int


def rank(profiles: list[Profile], shared: dict[tuple[int, int], int], weights: dict[str, float]) -> list[Overlap]:
    """Every pair of `profiles`, the most overlapping first. `shared`: (smaller pk, larger pk) → unique
    persons members of both."""
    vectors = tfidf({p.pk: p.text for p in profiles})
    pairs = []
    ordered = sorted(profiles, key=lambda p: p.pk)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            both = shared.get((a.pk, b.pk), 0)
            union = a.members + b.members - both
            containment = both / min(a.members, b.members) if min(a.members, b.members) else 0.0
            signals = {
                "text": cosine(vectors[a.pk], vectors[b.pk]),
                "field": jaccard(a.fields, b.fields),
                "agency": float(bool(a.agency) and a.agency == b.agency),
                "territory": float(bool(a.territory) and a.territory == b.territory),
                "central": float(bool(a.central) and a.central == b.central),
                "members": containment,
                "branches": jaccard(a.branch_communes, b.branch_communes),
            }
            score = sum(weights.get(name, 0.0) * value for name, value in signals.items())
            pairs.append(
                Overlap(
                    a=a,
                    b=b,
                    score=score,
                    signals=signals,
                    shared_members=both,
                    member_jaccard=both / union if union else 0.0,
                    member_containment=containment,
                    shared_communes=len(a.branch_communes & b.branch_communes),
                )
            )
    pairs.sort(key=lambda o: (-o.score, o.a.pk, o.b.pk))
    return pairs
