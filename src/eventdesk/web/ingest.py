"""POST /api/documents: the posted documents are written to a temporary JSON Lines file and
run through the same pipeline as `eventdesk run` (one run at a time: the store's writer
keeps a near-duplicate index that two concurrent runs would each miss)."""

from __future__ import annotations

import json
import tempfile
import threading
from pathlib import Path

_LOCK = threading.Lock()


def run_documents(settings, records: list[dict]) -> dict:
    from eventdesk.pipeline.spec import load_pipeline
    from eventdesk.run import RunOptions, run_pipeline

    with _LOCK, tempfile.TemporaryDirectory(prefix="eventdesk-post-") as tmp:
        path = Path(tmp) / "posted.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                        encoding="utf-8")
        summary = run_pipeline(RunOptions(inputs=[str(path)], db=settings.store.url,
                                          stages=load_pipeline(None, ())))
    return dict(run_id=summary.run_id, read=summary.read, stored=summary.stored,
                already_stored=summary.already_stored, duplicates=summary.duplicates,
                events_new=summary.events_new, events_merged=summary.events_merged,
                claims=summary.claims, failed=list(summary.failed),
                skipped={str(k): int(v) for k, v in summary.skipped.items()})
