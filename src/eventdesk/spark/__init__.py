"""eventdesk on Apache Spark: the same stages and the same merge functions, run in Spark
partitions over many files (WARC shards, JSON Lines, text), written as partitioned Parquet.

Nothing here imports pyspark at import time: it is an optional extra (`--extra spark`).
"""
