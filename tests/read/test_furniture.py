"""Page furniture: site boilerplate is set aside from the story, the story is not."""

from __future__ import annotations

import pytest

from manysides.corpus.features import lead, story_body, terms
from manysides.read.build import Metadata, build_article
from manysides.read.furniture import classify_paragraph

BOILERPLATE = [
    "Advertisement Continue reading the main story",
    "Advertisement",
    "Scroll down for video",
    "Copyright 2017 The Associated Press. All rights reserved. This material may not be"
    " published, broadcast, rewritten or redistributed.",
    "Copyright © 2016 NPR. All rights reserved. Visit our website terms of use.",
    "Newsletter Sign Up Continue reading the main story Please verify you're not a robot.",
    "Sign up for BREAKING NEWS Emails privacy policy Thanks for subscribing!",
    "We pay for your stories! Do you have a story for The Sun Online news team? Email us at"
    " tips@the-sun.co.uk or call 0207 782 4368.",
    "Chat with us in Facebook Messenger. Find out what's happening in the world as it unfolds.",
    "External links are provided for reference purposes. ABC News is not responsible for the"
    " content of external Internet sites.",
    "Copyright © 2018 ABC News Internet Ventures. Yahoo! - ABC News Network",
    "NPR transcripts are created on a rush deadline by Verb8tm, Inc., an NPR contractor.",
    "Read more",
    "SaveSave",
    "Sign up for The Interpreter Subscribe for original insights, commentary and discussions"
    " on the major news stories of the week, from columnists Max Fisher and Amanda Taub. SEE"
    " SAMPLE Please verify you're not a robot by clicking the box. Invalid email address."
    " Please re-enter. You must select a newsletter to subscribe to. * Required field You"
    " agree to receive occasional updates and special offers for The New York Times products"
    " and services. Thank you for subscribing. View all New York Times newsletters. An error"
    " has occurred. Please try again later. You are already subscribed to this email. View all"
    " New York Times newsletters. Sign Up",
]
STORY = [
    "The advertisement was pulled after viewers complained, the company said.",
    "Reporters were told to scroll down for video of the launch, a spokesman said.",
    "The newspaper said all rights reserved by the league would be sold in 2019.",
    '"Sign up for the draft," he told the crowd on Monday.',
    "Sign up for the marathon closed on Friday after 40,000 runners registered, and those who"
    " missed out were told they are already on a waiting list, organizers said.",
    "Read more about the fund's losses in the annual report, the regulator said.",
    "Copyright 2019 rules took effect in June, ending a decade of disputes between the"
    " publishers and the platforms over who pays for news, lawyers for both sides said.",
]


@pytest.mark.parametrize("paragraph", BOILERPLATE)
def test_site_boilerplate_is_furniture(paragraph: str) -> None:
    hit = classify_paragraph(paragraph)
    assert hit is not None and hit.kind == "boilerplate"


@pytest.mark.parametrize("paragraph", STORY)
def test_story_sentences_with_the_same_words_are_not(paragraph: str) -> None:
    assert classify_paragraph(paragraph) is None


def test_clustering_reads_the_story_without_the_boilerplate() -> None:
    text = (
        "Advertisement Continue reading the main story\n\n"
        "SpaceX launched its Falcon Heavy rocket on Tuesday.\n\n"
        "Copyright 2018 The Associated Press. All rights reserved."
    )
    article = build_article(text, Metadata(title="Rocket lifts off"), "launch.txt")
    kinds = [(f.kind, f.span.text) for f in article.furniture]
    assert kinds == [
        ("boilerplate", "Advertisement Continue reading the main story"),
        ("boilerplate", "Copyright 2018 The Associated Press. All rights reserved."),
    ]
    assert story_body(article) == "SpaceX launched its Falcon Heavy rocket on Tuesday."
    assert lead(article) == "Rocket lifts off\nSpaceX launched its Falcon Heavy rocket on Tuesday."
    assert not {"advertisement", "continue", "copyright", "reserved"} & terms(article).keys()


def test_a_page_of_boilerplate_only_has_an_empty_story_body() -> None:
    text = (
        "Advertisement\n\nScroll down for video\n\n"
        "Sign up for our World News newsletter and get breaking news alerts by email."
    )
    article = build_article(text, Metadata(title="NPR Search"), "search.txt")
    assert story_body(article) == ""
    assert lead(article) == "NPR Search\n"


FLATTENED = (
    "A Chinese boy trapped down an abandoned well has been found dead. Image copyright Reuters"
    " Image caption The boy was found without signs of life after the search that took over 100"
    " hours A huge rescue operation had run for four days. Rescuers said the boy fell on Sunday."
    " Media caption Anti-Trump protests continue in New York Mr Trump said the rescuers had done"
    " all they could."
)


def test_a_caption_flattened_into_the_text_is_set_aside() -> None:
    article = build_article(FLATTENED, Metadata(title="Boy found dead in well"), "bbc.txt")
    captions = [f.span.text for f in article.furniture if f.kind == "caption"]
    assert captions == [
        "Image copyright Reuters Image caption The boy was found without signs of life after the"
        " search that took over 100 hours",
        "Media caption Anti-Trump protests continue in New York",
    ]
    assert all(f.credit is None for f in article.furniture)  # a photo credit is not a source


def test_annotation_reads_around_a_flattened_caption() -> None:
    from manysides.nlp.annotate import story_paragraphs

    article = build_article(FLATTENED, Metadata(title="Boy found dead in well"), "bbc.txt")
    pieces = [article.text[s:e] for s, e in story_paragraphs(article)]
    assert pieces[1].endswith("has been found dead.")
    assert pieces[2].startswith("A huge rescue operation") and pieces[3].startswith("Mr Trump")
    assert not any("caption" in piece for piece in pieces)
