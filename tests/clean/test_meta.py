"""Title, authors, dateline stripping, published date and outlet of invented scrapes."""

from eventdesk.clean import clean_document
from eventdesk.record import Document

P1 = "Rebel fighters seized the hill town of Qarawa on Tuesday after two days of heavy fighting, officials said."
P2 = "The army said it had sent reinforcements to the area and that the road to the provincial capital was closed."
P3 = "Residents described long queues of cars leaving the town as the shelling continued into the night."


def clean(text: str, url: str | None = None, **meta) -> Document:
    doc = Document(id="t", source="t.txt", raw=text, url=url, meta=meta)
    clean_document(doc)
    return doc


def test_title_before_byline_and_dateline():
    doc = clean("\n".join(["Daily Courier", "Home / World", "Rebels take Qarawa after two-day battle",
                           "By Jane Example and John Sample", "12 Mar, 2021 09:10 AM", "",
                           "QARAWA, Northland (Reuters) - " + P1, P2, P3, "Daily Courier"]))
    assert doc.title == "Rebels take Qarawa after two-day battle"
    assert doc.authors == ["Jane Example", "John Sample"]
    assert (doc.published, doc.published_precision) == ("2021-03-12", "day")
    assert doc.body.splitlines()[0] == P1
    assert doc.outlet == "Daily Courier"


def test_repeated_headline_and_viewed_on_header():
    page = ["Friday, 3 May, 2024", "Issue 512, (4 - 10 April 2019)", "Fall of Qarawa", "",
            "Fall of Qarawa", P1, P2, P3]
    doc = clean("\n".join(page))
    assert doc.title == "Fall of Qarawa"
    assert doc.published == "2019-04-04"


def test_no_headline_gives_no_title():
    doc = clean("\n".join([P1, P2, P3]))
    assert doc.title is None
    assert doc.published is None


def test_standfirst_writer_and_bio():
    standfirst = ("Government forces have lost another town in the north, and the road south may be "
                  "next, writes Jane Example")
    doc = clean("\n".join([standfirst, P1, P2, P3]))
    assert doc.authors == ["Jane Example"]
    assert doc.body.splitlines()[0] == standfirst
    doc = clean("\n".join([P1, P2, P3, "John Sample is the Defence Editor of The Daily Example"]))
    assert doc.authors == ["John Sample"]


def test_agency_byline_is_not_a_person():
    doc = clean("\n".join(["Rebels take Qarawa", "By Example News Agency", P1, P2, P3]))
    assert doc.authors == []


def test_url_gives_date_and_outlet():
    doc = clean("\n".join([P1, P2, P3]), url="https://www.reuters.com/world/2020/02/03/qarawa-falls/")
    assert (doc.published, doc.outlet) == ("2020-02-03", "Reuters")
    doc = clean("\n".join([P1, P2, P3]), url="https://unknown-news.example/story")
    assert doc.outlet == "unknown-news.example"


def test_comment_dates_are_a_last_resort_and_stamp_the_final_fallback():
    comments = ["Jim Smith", "April 27, 2017",
                "I think this is exactly what the government wanted all along, nothing new."]
    assert clean("\n".join([P1, P2, P3, *comments, *comments])).published == "2017-04-27"
    assert clean(" date 2021-05-03 " + "\n".join([P1, P2, P3])).published == "2021-05-03"


def test_record_hints_win():
    doc = clean("\n".join([P1, P2, P3]), title="Given title", published="2018-07")
    assert (doc.title, doc.published, doc.published_precision) == ("Given title", "2018-07", "month")


def test_mixed_page_is_english():
    french = ["Vous pouvez lire le journal sur un seul appareil à la fois.",
              "Ce message s’affichera sur l’autre appareil connecté avec ce compte.",
              "Pour plus d’informations, merci de contacter notre service commercial."]
    doc = clean("\n".join([*french, P1, P2, P3, *french]))
    assert doc.language == "en"
    assert "appareil" not in doc.body


def test_a_wire_dateline_with_a_full_date_dates_the_page_and_leaves_the_body():
    # invented wire copy: no date anywhere but in the dateline
    doc = clean("\n".join(["Rebels take Qarawa", "",
                           "QARAWA, Northland, March 4, 2025 (Reuters) - " + P1, P2, P3]))
    assert (doc.published, doc.published_precision) == ("2025-03-04", "day")
    assert doc.body.splitlines()[0] == P1


def test_a_header_date_outranks_the_dateline():
    doc = clean("\n".join(["Rebels take Qarawa", "12 Mar, 2021 09:10 AM", "",
                           "QARAWA, March 11, 2021 (AFP) - " + P1, P2, P3]))
    assert doc.published == "2021-03-12"
