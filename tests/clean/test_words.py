"""Words a PDF conversion broke at line ends, joined again; real compounds kept."""

from eventdesk.clean import clean_document
from eventdesk.clean.words import join_broken_words
from eventdesk.record import Document

# invented: text converted from a two-column PDF report
BROKEN = ("A strike on the Unit-ed Nations-run school in cen-tral Gaza on Septem-ber 11 drew interna-tional "
          "outcry after the agency said six of its staff were among the peo-ple killed.")


def test_line_end_hyphenations_are_joined_and_compounds_kept():
    joined = join_broken_words(BROKEN)
    assert "United Nations-run" in joined and "central Gaza" in joined and "September 11" in joined
    assert "international" in joined and "people" in joined


def test_a_page_with_a_few_real_compounds_keeps_its_hyphens():
    text = "Pro-government fighters took the north-eastern town, a so-called safe zone, in a counter-terrorism raid."
    assert join_broken_words(text) == text


def test_the_cleaner_joins_them_so_the_date_is_read():
    doc = Document(id="t", source="t.txt", raw="\n".join([BROKEN, BROKEN.replace("school", "clinic")]))
    clean_document(doc)
    assert "September 11" in doc.body and "Septem-ber" not in doc.body


def test_a_number_glued_to_the_word_before_it_is_split_and_names_with_digits_stay():
    from eventdesk.clean.words import split_glued_numbers

    # invented scrape: the space an inline tag stood for was lost
    assert split_glued_numbers("the toll has risen to115 people") == "the toll has risen to 115 people"
    assert split_glued_numbers("F16 jets, COVID19 and the G7 met in 2019") == \
        "F16 jets, COVID19 and the G7 met in 2019"
