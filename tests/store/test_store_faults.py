"""What the store and the commands over it do when something is wrong: one coded line and
the README's exit code, never a traceback; nothing good destroyed; nothing lost."""

from __future__ import annotations

import errno
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventdesk.cli import app
from eventdesk.export import export
from eventdesk.pipeline.spec import StageSpec
from eventdesk.run import RunOptions, run_pipeline
from eventdesk.store import Store, store_version, upgrade_store
from eventdesk.store.schema import SCHEMA_VERSION

SPECS = [StageSpec("copy", "pipeline_stages:CopyBodyStage"),
         StageSpec("first_sentence", "pipeline_stages:FirstSentenceEventStage")]
OLD_SCHEMA = Path(__file__).parent / "data" / "schema_0001.sql"


@pytest.fixture
def inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(3):  # invented
        (d / f"a{i}.txt").write_text(f"Militants attacked post {i}. Officials said so.")
    return d


@pytest.fixture
def stored(inputs, tmp_path) -> str:
    db = str(tmp_path / "x.db")
    run_pipeline(RunOptions([str(inputs)], db=db, stages=SPECS))
    return db


def _cli(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in (result.output or "")
    return result


def _one_coded_line(result, code: str) -> None:
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert any(code in ln for ln in lines), result.output
    assert len(lines) <= 2, result.output


@pytest.mark.parametrize("command", [["export", "-o", "out.jsonl"], ["events"], ["ledger"]])
def test_a_file_that_is_not_a_store_is_one_coded_line(tmp_path, command):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    for db in (junk, other):
        result = _cli(*command, "--db", db)
        assert result.exit_code == 2
        _one_coded_line(result, "E503")


def _old_store(path: Path) -> None:
    """A store as eventdesk made it before schema versions (revision 0001, no version table)."""
    with sqlite3.connect(path) as conn:
        conn.executescript(OLD_SCHEMA.read_text())
        conn.execute("INSERT INTO runs VALUES ('r-old', '2026-01-01', '0.1.0', "
                     "'{\"stages\": [{\"name\": \"clean\"}, {\"name\": \"events\"}]}', NULL)")
        conn.execute("INSERT INTO documents (id, source, content_type, authors, status, seq, run_id,"
                     " body) VALUES ('d-1', 'old.txt', 'text', '[]', 'ok', 1, 'r-old', 'Old body.')")


def test_an_older_store_is_refused_until_db_upgrade_migrates_it(tmp_path):
    db = tmp_path / "old.db"
    _old_store(db)
    for command in (["export", "-o", tmp_path / "o.jsonl"], ["events"], ["ledger"]):
        result = _cli(*command, "--db", db)
        assert result.exit_code == 2 and "db upgrade" in result.output
        _one_coded_line(result, "E504")
    result = _cli("db", "upgrade", "--db", db)
    assert result.exit_code == 0 and f"0001 -> {SCHEMA_VERSION}" in result.output
    assert store_version(str(db)) == SCHEMA_VERSION
    doc = Store(str(db), create=False).documents()[0]
    assert doc.body == "Old body."
    with sqlite3.connect(db) as conn:  # the run that stored it says how it was processed
        assert conn.execute("SELECT pipeline_version, extracted FROM documents").fetchone() == ("0.1.0", 1)
    assert _cli("db", "upgrade", "--db", db).exit_code == 0  # twice is harmless


def test_a_newer_store_is_refused_and_left_untouched(stored, tmp_path):
    with sqlite3.connect(stored) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = Path(stored).read_bytes()
    for command in (["events"], ["run", tmp_path / "in"], ["db", "upgrade"]):
        result = _cli(*command, "--db", stored)
        assert result.exit_code == 2
        _one_coded_line(result, "E505")
    assert Path(stored).read_bytes() == before


def test_migrations_build_exactly_the_models_schema(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from eventdesk.store.migrate import include_name
    from eventdesk.store.schema import KNOWN_VERSIONS, Base

    store = Store(str(tmp_path / "new.db"))
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"include_name": include_name}), Base.metadata) == []
    assert KNOWN_VERSIONS[-1] == SCHEMA_VERSION
    old = tmp_path / "old.db"
    _old_store(old)
    upgrade_store(str(old))
    with Store(str(old), create=False).engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"include_name": include_name}), Base.metadata) == []


def test_a_read_only_store_is_one_coded_line(stored, tmp_path):
    url = f"sqlite:///file:{stored}?mode=ro&uri=true"
    result = _cli("run", tmp_path / "in", "--db", url)
    assert result.exit_code == 2
    _one_coded_line(result, "E502")


def test_export_to_a_full_disk_keeps_the_previous_export_whole(stored, tmp_path, monkeypatch):
    import eventdesk.export.writers as writers

    out = tmp_path / "x.jsonl"
    export(Store(stored), "jsonl", out)
    good = out.read_text()
    real = writers.json.dumps
    calls = {"n": 0}

    def full(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(writers.json, "dumps", full)
    result = _cli("export", "--db", stored, "-o", out)
    assert result.exit_code == 2
    _one_coded_line(result, "E605")
    assert out.read_text() == good
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_export_to_dev_full_or_a_folder_is_one_coded_line(stored, tmp_path):
    for target in ("/dev/full", tmp_path):
        result = _cli("export", "--db", stored, "-o", target)
        assert result.exit_code == 2
        _one_coded_line(result, "E605")


@pytest.mark.parametrize("args,code", [
    (["events", "--since", "' OR 1=1 --"], "E006"),
    (["events", "--since", "2017-13"], "E006"),
    (["run", "IN", "--workers", "0"], "E005"),
    (["run", "IN", "--max-mb", "-1"], "E005"),
])
def test_bad_option_values_are_refused_with_a_code(stored, tmp_path, args, code):
    args = [str(tmp_path / "in") if a == "IN" else a for a in args]
    result = _cli(*args, "--db", stored)
    assert result.exit_code == 2
    _one_coded_line(result, code)


def test_since_filters_by_a_valid_date(stored):
    assert "Armed clash" in _cli("events", "--db", stored, "--since", "2017-10").output
    assert "Armed clash" not in _cli("events", "--db", stored, "--since", "2018").output


def test_ledger_with_no_match_says_so(stored):
    result = _cli("ledger", "--db", stored, "--subject", "nobody at all")
    assert result.exit_code == 0 and "no claims" in result.output and "nobody at all" in result.output


def test_a_document_another_run_stored_meanwhile_counts_as_already_stored(stored, inputs,
                                                                          monkeypatch):
    from eventdesk.store.repository import Store as RepoStore

    # the slower of two runs of the same input: it checked before the other stored
    real, asked = RepoStore.processed, set()

    def first_look_misses(self, ids, *args):
        ids = list(ids)
        if not asked.issuperset(ids):
            asked.update(ids)
            return set()
        return real(self, ids, *args)

    monkeypatch.setattr(RepoStore, "processed", first_look_misses)
    summary = run_pipeline(RunOptions([str(inputs)], db=stored, stages=SPECS))
    monkeypatch.undo()
    assert summary.failed == [] and summary.stored == 0 and summary.already_stored == 3
    assert len(Store(stored).documents()) == 3


def test_no_password_appears_in_errors():
    from eventdesk.errors import EventdeskError

    with pytest.raises(EventdeskError) as info:
        Store("postgresql+psycopg://someone:s3cretpass@127.0.0.1:1/nothing")
    assert "s3cretpass" not in str(info.value) and "***" in str(info.value)
