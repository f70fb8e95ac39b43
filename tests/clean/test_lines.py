"""The line classifier on invented page snippets."""

from eventdesk.clean.config import CleanConfig
from eventdesk.clean.knowledge import load_clean_knowledge
from eventdesk.clean.lines import classify

P1 = "Rebel fighters seized the hill town of Qarawa on Tuesday after two days of heavy fighting, officials said."
P2 = "The army said it had sent reinforcements to the area and that the road to the provincial capital was closed."
P3 = "Residents described long queues of cars leaving the town as the shelling continued into the night."
P4 = "A local council member said at least a dozen families had taken shelter in the town's old school."


def body(page: str) -> list[str]:
    layout = classify(page, load_clean_knowledge(), CleanConfig())
    return layout.text_of(layout.body)


def test_menus_ads_and_share_buttons_are_removed():
    page = "\n".join([
        "Daily Courier", "  • Home", "  • World", "  • Sport", "Subscribe", "Sign In",
        "Rebels take Qarawa", "By Jane Example", "", P1, "", "Advertisement", "", P2,
        "Share this article", "Save", P3])
    assert body(page) == [P1, P2, P3]


def test_reader_comments_end_the_article():
    page = "\n".join([
        P1, P2, P3, "", "Jim Smith", "April 27, 2017",
        "I think this is exactly what the government wanted all along, nothing new here.",
        "Mary Jones", "April 28, 2017",
        "Nonsense, the army has been losing ground there for months, read the news properly."])
    assert body(page) == [P1, P2, P3]


def test_embedded_tweet_is_removed():
    page = "\n".join([P1, "Scenes from the town this morning as fighters arrive pic.twitter.com/abc123",
                      "— Some Reporter (@somereporter) May 3, 2021", P2])
    assert body(page) == [P1, P2]


def test_article_resumes_after_related_links():
    related = ["Discover more", "World", "Storm closes the harbour for a week", "30 Oct 12:49 AM",
               "World", "Election date set for spring", "30 Oct 01:26 AM"]
    page = "\n".join([P1, P2, *related, P3, P4])
    assert body(page) == [P1, P2, P3, P4]


def test_lone_teaser_in_footer_is_not_article():
    footer = ["Latest from World"] + [f"Headline number {i} of the day" for i in range(20)]
    teaser = "Floods killed at least 10 people in the north overnight, authorities said."
    page = "\n".join([P1, P2, P3, *footer, teaser, "Privacy Policy", "Terms of use"])
    assert body(page) == [P1, P2, P3]


def test_repeated_caption_and_pull_quote_are_removed():
    caption = "Fighters gather near the old mosque in Qarawa before the assault. Photo / Staff"
    pull = "Rebel fighters seized the hill town of Qarawa on Tuesday"
    page = "\n".join([caption, caption, P1, P2, pull, P3])
    assert body(page) == [P1, P2, P3]


def test_crosshead_and_paywall_notice_are_removed():
    page = "\n".join([P1, P2, "Fear in the valley", P3,
                      "You have 40% of this article left to read. The rest is for subscribers only."])
    assert body(page) == [P1, P2, P3]


def test_foreign_language_furniture_is_removed():
    page = "\n".join([P1, P2, P3, "Vous pouvez lire le journal sur un seul appareil à la fois.",
                      "Ce message s’affichera sur l’autre appareil connecté avec ce compte."])
    assert body(page) == [P1, P2, P3]


def test_corpus_stamp_is_dropped_and_kept_as_date():
    layout = classify(" date 2021-05-03 " + P1 + "\n" + P2, load_clean_knowledge(), CleanConfig())
    assert layout.stamp == "2021-05-03"
    assert layout.text_of(layout.body) == [P1, P2]


def test_page_cut_mid_sentence_keeps_last_line():
    assert body("\n".join([P1, P2, "The commander of the"])) == [P1, P2, "The commander of the"]


def test_odd_input_does_not_crash():
    kb, config = load_clean_knowledge(), CleanConfig()
    for page in ["", "\n\n\n", "Home\nNews\nSport", "x" * 200_000, ("word " * 50_000) + "."]:
        classify(page, kb, config)


def test_paragraphs_indented_under_a_flush_standfirst_are_the_article():
    # invented: a page whose standfirst sits at the margin and whose paragraphs are all
    # indented by four spaces (a common scrape of indented article markup)
    standfirst = "Of the fighters who left for the war, a third came home, a new study finds."
    page = "\n".join(["Study: a third of fighters came home", "", standfirst, "",
                      "    " + P1, "", "    " + P2, "", "    " + P3, "", "    " + P4])
    assert body(page) == [standfirst, P1, P2, P3, P4]


def test_a_quote_indented_deeper_than_the_prose_is_still_left_out():
    quote = "This line is a long embedded quotation that sits deeper than the article itself does."
    page = "\n".join([P1, P2, "        " + quote, P3, P4])
    assert quote not in body(page)
