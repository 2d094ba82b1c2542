"""Stage 2, score: the candidate pairs of the prepared rows scored by Splink, with the evidence of each
comparison; the CCCD veto; clusters.

Trained without labels, as Splink does it: the chance that two random records match from two
deterministic rules (the same CCCD; the same name and date of birth), u by random sampling, m by
expectation-maximisation blocked twice (on the date of birth, then on the name and commune) so that each
comparison is trained while another is held fixed. On DuckDB by default, in memory — no server; the
same settings run on Spark (`spark=` a SparkSession) for a national run.
"""

import logging
import math
import tempfile
from dataclasses import dataclass, field

import pyarrow as pa
from splink import Linker, block_on

from sohoi.identity.matching import model
from sohoi.identity.matching.prepare import COLUMNS

logging.getLogger("splink").setLevel(logging.WARNING)

_NUMBERS = {"unique_id", "birth_year", "name_words"}
SCHEMA = pa.schema([(name, pa.int64() if name in _NUMBERS else pa.string()) for name in COLUMNS])
U_SAMPLE_PAIRS = 2_000_000
U_SEED = 2025
EM_MAX_PAIRS = 2_000_000  # a sample of the pairs each EM session trains on (12 million share a birth date at 1M)
DUCKDB_MEMORY = "1536MB"  # beyond it DuckDB spills to disk: a 1M run stays under 4 GB in all


def u_sampling(records: int) -> dict:
    """How u is estimated by random sampling: from twenty pairs a record, up to two million — or, for a
    small set, from every pair in one chunk, so that a small run gives the same model on every backend
    and every time (Splink otherwise stops at the first chunks that count enough of each level)."""
    every = records * (records - 1) // 2
    if every <= U_SAMPLE_PAIRS:
        return {"max_pairs": every, "min_count_per_level": None, "num_chunks": 1}
    return {"max_pairs": min(U_SAMPLE_PAIRS, records * 20)}


@dataclass
class Pair:
    a: int
    b: int
    probability: float
    match_weight: float
    evidence: list = field(default_factory=list)  # [comparison, level words, weight in bits]


@dataclass
class Scored:
    pairs: list[Pair]
    clusters: dict[int, int]  # unique_id → cluster id (the smallest unique_id of its cluster)


def score(rows: list[dict], *, lower: float = 0.5, spark=None, progress=None) -> Scored:
    """Every candidate pair at or above `lower`, but those the CCCD veto separates, and the clusters
    they make. `progress(step)` is told each step."""
    say = progress or (lambda step: None)
    if len(rows) < 2:
        return Scored([], {r["unique_id"]: r["unique_id"] for r in rows})
    db_api, table = _backend(rows, spark)
    ids = [r["unique_id"] for r in rows]  # Splink sees each row's place instead (see _backend)
    records = db_api.register(table)
    linker = Linker(records, model.settings())
    say("train")
    training = linker.training
    try:
        training.estimate_probability_two_random_records_match(
            [block_on("cccd"), block_on("name_ascii", "dob")], recall=0.7
        )
    except Exception as exc:  # no pair agrees under either rule: Splink's own prior stands
        logging.getLogger(__name__).info("prior not estimated: %s", exc)
    training.estimate_u_using_random_sampling(seed=U_SEED, **u_sampling(len(rows)))
    for rule in (block_on("dob"), block_on("name_ascii", "commune")):
        trained = linker.misc.save_model_to_json()
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, fix_u_probabilities=True, max_pairs=EM_MAX_PAIRS
            )
        except Exception as exc:  # a small file: too few pairs under the rule, or an m underflowing to 0
            logging.getLogger(__name__).info("EM under %s skipped: %s", rule, exc)
            linker = Linker(records, trained)  # the model as it was before this rule
    say("predict")
    cmnd_of = {r["unique_id"]: r["cmnd"] for r in rows if r.get("cmnd")}
    bonus = _same_number_weight(linker) if cmnd_of else 0.0
    # Pairs that the same CMND lifts above `lower` are fetched too, then kept or dropped with their bonus.
    odds = min(lower, 1 - 1e-12) / (1 - min(lower, 1 - 1e-12))  # a threshold of 1.0 set by hand: no division by 0
    predictions = linker.inference.predict(threshold_match_weight=math.log2(odds) - bonus)
    comparisons = [name for name, _label, _words in model.COMPARISONS]
    pairs = []
    for record in _records(predictions, comparisons):
        if record["gamma_cccd"] == 0:  # two different CCCD numbers (more than two digits apart): two people
            continue
        a, b = sorted((ids[record["unique_id_l"]], ids[record["unique_id_r"]]))
        pair = Pair(
            a=a,
            b=b,
            probability=float(record["match_probability"]),
            match_weight=float(record["match_weight"]),
            evidence=[
                [
                    model.comparison_label(c),
                    model.level_words(c, int(record[f"gamma_{c}"])),
                    _weight(record, c),
                ]
                for c in comparisons
            ],
        )
        if record["gamma_cccd"] == -1 and cmnd_of.get(pair.a) and cmnd_of.get(pair.a) == cmnd_of.get(pair.b):
            # No CCCD on one side, the same old CMND on both: as strong as the same CCCD.
            pair.match_weight += bonus
            pair.probability = 1 / (1 + 2**-pair.match_weight)
            pair.evidence.append([str(model.CMND_LABEL), str(model.SAME_CMND), round(bonus, 2)])
        if pair.probability >= lower:
            pairs.append(pair)
    say("cluster")
    cccd_of = {r["unique_id"]: r["cccd"] for r in rows if r.get("cccd")}
    return Scored(pairs, clusters([r["unique_id"] for r in rows], pairs, cccd_of))


def _records(predictions, comparisons: list[str]):
    """The predicted pairs one at a time as dicts of the columns read here, through Arrow a batch at a
    time: the whole prediction as Python dicts with the matching columns (Splink's `as_record_list`)
    took 1.7 GB at a million records."""
    wanted = ["unique_id_l", "unique_id_r", "match_probability", "match_weight"]
    wanted += [f"{kind}_{c}" for c in comparisons for kind in ("gamma", "mw", "mw_tf_adj")]
    table = predictions.as_pyarrow_table()
    table = table.select([c for c in wanted if c in table.column_names])
    for batch in table.to_batches(max_chunksize=50_000):
        yield from batch.to_pylist()


def _same_number_weight(linker) -> float:
    """The evidence in bits of two records having the same CCCD, as the model learnt it: the weight the
    same old CMND is given where one record has no CCCD."""
    cccd = next(c for c in linker.misc.save_model_to_json()["comparisons"] if c["output_column_name"] == "cccd")
    exact = next(level for level in cccd["comparison_levels"] if level.get("sql_condition") == '"cccd_l" = "cccd_r"')
    m, u = exact.get("m_probability"), exact.get("u_probability")
    return math.log2(m / u) if m and u else SAME_NUMBER_BITS  # a set too small to learn it from


SAME_NUMBER_BITS = 15.0  # a 1 in 30,000 chance that two different people share the number by a slip


def _weight(record: dict, comparison: str) -> float:
    """The comparison's evidence in bits (Splink's match weight: log₂ of its Bayes factor), with the
    term-frequency adjustment."""
    return round((record.get(f"mw_{comparison}") or 0.0) + (record.get(f"mw_tf_adj_{comparison}") or 0.0), 2)


def _backend(rows: list[dict], spark):
    """The database Splink runs on, and the rows as an Arrow table: DuckDB in memory, or the SparkSession
    `spark` (Spark 4 reads an Arrow table as it is)."""
    table = pa.Table.from_pylist(rows, schema=SCHEMA)
    # Each row is known to Splink by its place, not its id: the seeded u sampling hashes the ids, and the
    # registry's ids depend on what the database numbered before (PostgreSQL's sequences never go back),
    # so the same persons would give another model. The pairs are turned back into ids in `score`.
    table = table.set_column(0, "unique_id", pa.array(range(len(rows)), pa.int64()))
    if spark is not None:
        from splink.backends.spark import SparkAPI

        return SparkAPI(spark_session=spark), table
    import duckdb
    from splink import DuckDBAPI

    connection = duckdb.connect(
        config={"memory_limit": DUCKDB_MEMORY, "temp_directory": tempfile.mkdtemp(prefix="sohoi-duckdb-")}
    )
    return DuckDBAPI(connection=connection), table


def clusters(ids: list[int], pairs: list[Pair], cccd_of: dict[int, str] | None = None) -> dict[int, int]:
    """Connected components of the pairs, the most likely first, that never join two different CCCD
    numbers (`cccd_of`: id → CCCD): every id's cluster, named by its smallest id.

    Not Splink's own clustering: its connected components join A and C through B even where A and C hold
    two different CCCDs (each pair alone passing the veto); here a pair that would put two numbers more
    than two digits apart into one cluster is left out. A union–find over the pairs of a million records
    takes about a second."""
    parent = {i: i for i in ids}
    numbers = {i: {cccd_of[i]} for i in ids if cccd_of and cccd_of.get(i)}

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for p in sorted(pairs, key=lambda p: -p.probability):
        ra, rb = root(p.a), root(p.b)
        if ra == rb:
            continue
        mine, theirs = numbers.get(ra, ()), numbers.get(rb, ())
        if any(_apart(x, y) for x in mine for y in theirs):
            continue
        keep, gone = min(ra, rb), max(ra, rb)
        parent[gone] = keep
        if theirs or mine:
            numbers[keep] = {*mine, *theirs}
    return {i: root(i) for i in ids}


def _apart(x: str, y: str) -> bool:
    """Two CCCD numbers of two people: more than two digits different (the veto's rule; one or two
    differing digits may be a slip)."""
    if len(x) != len(y):
        return x != y
    return sum(a != b for a, b in zip(x, y, strict=True)) > 2
