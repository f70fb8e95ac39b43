"""Near-duplicate documents: syndicated, shortened and updated copies (invented texts)."""

from eventdesk.merge.dedup import (
    DedupConfig,
    NearDuplicateIndex,
    body_signature,
    minhash_from_bytes,
    similarity,
)

WIRE = """Gunmen on motorcycles attacked a livestock market in the northern town of Kelbara on Tuesday, killing at least 14 people and wounding dozens more, local officials said.
The attackers arrived shortly after dawn, when traders from surrounding villages had gathered with their cattle, and opened fire on the crowd before setting stalls alight.
"They came from the east and shot at anyone who tried to run," said a trader who asked not to be named for fear of reprisals.
No group has claimed responsibility for the attack, but militants linked to the Northern Brigades have carried out similar raids across the province this year.
The regional governor ordered an investigation and sent additional police units to the area, his office said in a statement on Tuesday evening.
Aid workers said the town's small clinic was overwhelmed and that several of the wounded had been taken by road to the provincial capital, about 90 kilometres away.
Residents said many families had begun leaving Kelbara for safer towns to the south, fearing that the gunmen would return in the coming days."""

FURNITURE = "Share this article\nSubscribe to our newsletter for the latest headlines\n"

INDEPENDENT = """At least 14 people were killed when armed men stormed a cattle market in Kelbara, a town in the north of the country, residents and officials told reporters on Tuesday.
Witnesses described dozens of attackers riding motorcycles who fired indiscriminately at traders before torching the market stalls.
The Northern Brigades, which have been active in the province, are suspected, although no claim of responsibility has been made.
Police reinforcements were sent to the town, according to the governor's office, and an inquiry has been opened.
The local clinic struggled to treat the wounded, some of whom were driven to the provincial capital for surgery."""


def _index(**kw):
    index = NearDuplicateIndex(DedupConfig(**kw))
    index.add("d-wire", WIRE)
    return index


def test_syndicated_copy_with_page_furniture_is_a_duplicate():
    copy = "By Staff Reporter\n" + WIRE + "\n" + FURNITURE
    assert _index().find(copy) == "d-wire"


def test_shortened_copy_is_a_duplicate():
    lines = WIRE.split("\n")
    short = "\n".join(lines[:3])  # a site that kept only the first three paragraphs
    assert _index().find(short) == "d-wire"


def test_updated_copy_with_new_toll_and_paragraph_is_a_duplicate():
    updated = WIRE.replace("killing at least 14 people and wounding dozens more",
                           "killing at least 23 people and wounding 40, a toll that rose overnight")
    updated += "\nThe army said on Wednesday it had arrested two suspects at a checkpoint near the town."
    assert _index().find(updated) == "d-wire"


def test_independent_report_of_the_same_event_is_not_a_duplicate():
    assert _index().find(INDEPENDENT) is None


def test_different_story_is_not_a_duplicate_and_empty_body_matches_nothing():
    index = _index()
    assert index.find(INDEPENDENT.replace("Kelbara", "Sorin") + " Floods hit the valley.") is None
    assert index.find("") is None


def test_signature_round_trip_rebuilds_the_index_without_bodies():
    sig = body_signature(WIRE)
    mh, size = minhash_from_bytes(sig)
    assert size > 100 and isinstance(sig, bytes)
    index = NearDuplicateIndex()
    index.add("d-wire", sig)
    assert index.find(WIRE + "\n" + FURNITURE) == "d-wire"
    assert similarity((mh, size), minhash_from_bytes(body_signature(WIRE)))[0] == 1.0


def test_earliest_added_document_wins_and_copies_point_at_the_original():
    index = NearDuplicateIndex()
    assert index.check_and_add("d-1", WIRE) is None
    assert index.check_and_add("d-2", WIRE + "\n" + FURNITURE) == "d-1"
    assert index.check_and_add("d-3", FURNITURE + WIRE) == "d-1"
    assert index.check_and_add("d-4", INDEPENDENT) is None
    # re-adding a known id changes nothing
    assert index.check_and_add("d-2", WIRE) == "d-1"
    assert len(index) == 4
