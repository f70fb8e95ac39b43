from eventdesk.pipeline.executor import LocalExecutor
from eventdesk.pipeline.spec import StageSpec, load_pipeline
from eventdesk.record import Document

SPECS = [StageSpec("copy", "pipeline_stages:CopyBodyStage"),
         StageSpec("first_sentence", "pipeline_stages:FirstSentenceEventStage")]


def _docs(n, bad=()):
    return [Document(id=f"d-{i}", source=f"{i}.txt",
                     raw=("EXPLODE " if i in bad else "") + f"Report {i}. More text.")
            for i in range(n)]


def test_one_bad_document_fails_alone_and_the_batch_goes_on():
    ex = LocalExecutor(SPECS, workers=1, batch_size=4)
    out = list(ex.run(_docs(6, bad={2})))
    assert [d.id for d in out] == [f"d-{i}" for i in range(6)]
    assert out[2].status == "failed" and "cannot handle" in out[2].status_reason
    assert all(d.status == "ok" and d.events for i, d in enumerate(out) if i != 2)
    assert ex.stats["copy"].counts["copied"] == 5
    assert sum(ex.stats["copy"].dropped.values()) == 1


def test_two_workers_give_the_same_documents_in_order():
    one = list(LocalExecutor(SPECS, workers=1, batch_size=3).run(_docs(10)))
    two_ex = LocalExecutor(SPECS, workers=2, batch_size=3)
    two = list(two_ex.run(_docs(10)))
    assert [(d.id, d.body, len(d.events)) for d in one] == [(d.id, d.body, len(d.events)) for d in two]
    assert two_ex.stats["copy"].counts["copied"] == 10


def test_pipeline_file_and_skip(tmp_path):
    f = tmp_path / "p.yaml"
    f.write_text("stages:\n  - {name: copy, target: 'pipeline_stages:CopyBodyStage'}\n")
    assert [s.name for s in load_pipeline(f)] == ["copy"]
    assert "relevance" not in [s.name for s in load_pipeline(None, skip=("relevance",))]
