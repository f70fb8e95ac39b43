from eventdesk.clean import CleanStage
from eventdesk.record import Document


def test_a_page_over_the_size_cap_is_cut_with_a_warning_and_a_count():
    stage = CleanStage()
    stage.ensure_setup()
    # invented text, 1.09 million characters
    raw = ("Militants attacked a checkpoint near the invented town on Friday, officials said. "
           * 6 + "\n\n") * 2200
    doc = Document(id="d-big", source="big.txt", raw=raw)
    stage.process_batch([doc])
    assert any("W201" in w and "big.txt" in w and str(len(raw)) in w for w in doc.meta["warnings"])
    assert stage.stats.counts["cut_at_max_page_chars"] == 1
    small = Document(id="d-small", source="small.txt", raw=raw[:5000])
    stage.process_batch([small])
    assert "warnings" not in small.meta
