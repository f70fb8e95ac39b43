"""The CLEAN stage, and HTML pages through trafilatura."""

from eventdesk.clean import CleanConfig, CleanStage, clean_document
from eventdesk.record import Document

PARAS = [
    "Rebel fighters seized the hill town of Qarawa on Tuesday after two days of heavy fighting, officials said.",
    "The army said it had sent reinforcements to the area and that the road to the provincial capital was closed.",
    "Residents described long queues of cars leaving the town as the shelling continued into the night.",
    "A local council member said at least a dozen families had taken shelter in the town's old school.",
]
HTML = ("<html><head><title>Rebels take Qarawa | Daily Courier</title>"
        "<meta property='og:site_name' content='Daily Courier'>"
        "<meta name='author' content='Jane Example'>"
        "<meta property='article:published_time' content='2021-03-12T09:10:00Z'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Rebels take Qarawa</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAS) + "</article><footer>Privacy Policy</footer></body></html>")


def test_html_page():
    doc = Document(id="h", source="x.html", url="https://courier.example/world/qarawa",
                   content_type="html", raw=HTML)
    clean_document(doc, CleanConfig())
    assert doc.body.splitlines() == PARAS
    assert doc.title == "Rebels take Qarawa"
    assert doc.published == "2021-03-12"
    assert doc.outlet == "Daily Courier"
    assert doc.language == "en"


def test_truncated_html_page_does_not_crash():
    doc = Document(id="h", source="x.html", content_type="html", raw=HTML[: len(HTML) // 2])
    clean_document(doc)
    assert doc.body is not None


def test_stage_skips_empty_and_unsupported_pages():
    stage = CleanStage()
    stage.ensure_setup()
    empty = Document(id="a", source="a.txt", raw="Home\nNews\nSport\n")
    spanish = Document(id="b", source="b.txt", raw="\n".join([
        "Las fuerzas del gobierno recuperaron el control de la ciudad después de dos días de combates.",
        "Los vecinos dijeron que muchas familias se habían refugiado en la escuela del pueblo."]))
    english = Document(id="c", source="c.txt", raw="\n".join(PARAS))
    stage.process_batch([empty, spanish, english])
    assert empty.status == "skipped" and "E201" in empty.status_reason
    assert spanish.status == "skipped" and "E202" in spanish.status_reason
    assert spanish.body and spanish.language == "es"
    assert english.status == "ok" and stage.stats.counts["cleaned"] == 1


def test_huge_text_is_cleaned_in_seconds():
    import time

    page = ("\n".join(["Home", "World", PARAS[0], PARAS[1], "Advertisement"]) + "\n") * 400_000
    start = time.perf_counter()
    clean_document(Document(id="big", source="big.txt", raw=page))  # about 100 MB
    assert time.perf_counter() - start < 30


def test_a_page_with_no_date_anywhere_gets_the_latest_year_its_text_names():
    from eventdesk.clean import clean_document
    from eventdesk.record import Document

    text = ("As 2016 ended, the militants had lost most of their towns in the north.\n\n"
            "By the spring of 2017 the offensive on their last stronghold had begun, officials said.\n")
    doc = Document(id="d-1", source="x.txt", raw=text)
    clean_document(doc)
    assert (doc.published, doc.published_precision) == ("2017", "year")
    assert doc.meta["published_estimated"] is True


def test_an_html_article_loses_its_dateline_like_a_scrape_does():
    from eventdesk.clean import clean_document
    from eventdesk.record import Document

    html = ("<html><body><article><h1>Police arrest cell</h1>"
            "<p>KIRKUK, Iraq - Iraqi police arrested five suspected members of a militant cell "
            "in the city on Sunday, the provincial police chief told reporters.</p>"
            "<p>The suspects had been planning attacks on checkpoints south of the city and were "
            "found with explosives and rifles, the chief said in a statement.</p>"
            "</article></body></html>")
    doc = Document(id="d-2", source="x.html", raw=html, content_type="html")
    clean_document(doc)
    assert doc.body.startswith("Iraqi police arrested five suspected members")


def test_a_page_whose_body_names_no_year_takes_it_from_a_photo_caption_not_the_copyright():
    from eventdesk.clean import clean_document
    from eventdesk.record import Document

    # invented page: the body has no year, the caption does, the footer's copyright is later
    text = ("Army breaks the siege of the river city\n\n"
            "Soldiers reached the besieged garrison on Tuesday after a rapid advance along the river, the army said.\n\n"
            "Residents said the fighting had lasted for most of the night before the road was opened.\n\n"
            "Troops stand guard near the city, Sept 4, 2017.\n\n"
            "The governor said aid convoys would follow once engineers had cleared the mines on the road.\n\n"
            "© 2024 Example Times. All rights reserved.\n")
    doc = Document(id="d-2", source="x.txt", raw=text)
    clean_document(doc)
    assert (doc.published, doc.published_precision) == ("2017", "year")
    assert doc.meta["published_estimated"] is True


def test_a_year_in_the_address_beats_the_latest_year_the_text_names():
    from eventdesk.clean import clean_document
    from eventdesk.record import Document

    text = ("The insurgents lost their last towns in 2017, but the attacks of 2018 showed they had regrouped.\n\n"
            "Officials said the rural districts remained the main concern of the security forces this year.\n")
    doc = Document(id="d-3", source="x.txt", raw=text, url="https://example.org/iraq-2019-a-new-insurgency/")
    clean_document(doc)
    assert (doc.published, doc.published_precision) == ("2019", "year")
