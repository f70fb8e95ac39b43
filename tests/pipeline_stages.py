"""Small real stages for testing the executor, run loop and store without loading models."""

from __future__ import annotations

import re

from eventdesk.pipeline.base import Stage
from eventdesk.record import Claim, Document, Event, Evidence


class CopyBodyStage(Stage):
    """Body = raw text; a document whose text contains 'EXPLODE' raises (a bad document)."""

    name = "copy"

    def process(self, doc: Document) -> None:
        if "EXPLODE" in doc.raw:
            raise ValueError("cannot handle this document")
        doc.body = doc.raw.strip()
        doc.language = "en"
        self.count("copied")


class FirstSentenceEventStage(Stage):
    """One event and one claim from the first sentence, so the store has something to keep."""

    name = "first_sentence"

    def process(self, doc: Document) -> None:
        end = doc.body.find(".") + 1 or len(doc.body)
        ev = Evidence(doc.id, 0, end, doc.body[:end])
        # each document reports its own event: a different town for each
        digits = re.findall(r"\d+", doc.raw)
        offset = 2 * int(digits[0]) if digits else 0
        doc.events = [Event("Battles", "Armed clash", actor1="Islamic State", country="Syria",
                            latitude=35.0, longitude=40.0 + offset, geo_precision=1, date="2017-10",
                            date_precision="month", sources=[ev])]
        doc.claims = [Claim("Islamic State", "fighters", 3000, 5000, "people",
                            qualifier="between", sources=[ev])]


class SlowStage(Stage):
    """Takes its time over each document, so that a test can interrupt a run midway."""

    name = "slow"

    def process(self, doc: Document) -> None:
        import time

        time.sleep(0.3)
