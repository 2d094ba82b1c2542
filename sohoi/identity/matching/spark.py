"""The Spark session a national run scores on: `score.score(rows, spark=session(...))` runs the same
Splink model and settings as on DuckDB, on a Spark cluster or in Spark local mode.

pyspark is an optional extra (`pip install -e '.[spark]'`) and needs a Java runtime (Debian's
default-jre-headless); `docs/operations.md` says how to point it at a cluster.
"""

import os
import tempfile


def session(master: str = "local[2]", *, memory: str = "2g", partitions: int = 8):
    """A SparkSession on `master` ("local[N]" on this machine, "spark://host:7077", "yarn", …) with
    Splink's string-similarity functions (a jar shipped with Splink) on its class path. In local mode the
    driver gets `memory` and the shuffles `partitions`; on a cluster those come from its own
    configuration (spark-defaults.conf in $SPARK_CONF_DIR, or PYSPARK_SUBMIT_ARGS)."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # no host-name lookups on a closed network
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    builder = (
        SparkSession.builder.master(master)
        .appName("sohoi-matching")
        .config("spark.jars", similarity_jar_location())
        .config("spark.ui.enabled", "false")
    )
    if master.startswith("local"):
        builder = (
            builder.config("spark.driver.memory", memory)
            .config("spark.sql.shuffle.partitions", str(partitions))
            .config("spark.default.parallelism", str(partitions))
        )
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    spark.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="sohoi-spark-"))
    return spark
