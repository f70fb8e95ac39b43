"""One local Spark (local[2]) for every Spark test of the session: starting the JVM and the
Python workers (each loads the models once) is the slow part, so it is paid once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def spark():
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("no Java runtime: Spark cannot start")
    from eventdesk.spark.job import spark_session

    session = spark_session("local[2]", "eventdesk-tests", {
        "spark.sql.shuffle.partitions": "4", "spark.default.parallelism": "2"})
    session.sparkContext.setLogLevel("ERROR")
    session.sparkContext.addPyFile(str(REPO / "tests" / "pipeline_stages.py"))
    yield session
    session.stop()
