"""The HTML documentation of the ontology (docs/ontology.html, ontology/htmldoc.py).

Staff read this page instead of the Turtle, so it must document every declared
term in both languages, its worked queries must really run, nothing from the
Turtle may turn into markup, and the committed page must match cancu.ttl.
Expected anchors are spelt out here (local name for cc, prefix-local for a
reused term) rather than computed with htmldoc's own functions.
"""

from __future__ import annotations

import doctest
import html
import re
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

import ontology
import queries
from ontology import htmldoc

CC_NS = "https://w3id.org/cancu/ont#"
DECLARING = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, SKOS.ConceptScheme, SKOS.Concept)
COMMITTED = Path(__file__).parent.parent / "docs" / "ontology.html"


@pytest.fixture(scope="module")
def onto():
    return ontology.load()


@pytest.fixture(scope="module")
def page() -> str:
    return htmldoc.generate()


def declared(graph) -> list[URIRef]:
    """Every named term cancu.ttl declares as a class, property, scheme or concept."""
    return sorted({s for t in DECLARING for s in graph.subjects(RDF.type, t) if isinstance(s, URIRef)})


def expected_anchor(graph, term: URIRef) -> str:
    if term.startswith(CC_NS):
        return term[len(CC_NS) :]
    return graph.namespace_manager.normalizeUri(term).replace(":", "-")


def displayed_query(page: str, name: str) -> str:
    """The query text as the page shows it, unescaped: what a reader would copy."""
    match = re.search(rf'<pre id="query-{name}"><code>(.*?)</code></pre>', page, flags=re.S)
    assert match, f"the page has no query block for {name}"
    return html.unescape(match.group(1))


def test_every_declared_term_has_an_anchor_and_links_to_it(onto, page):
    terms = declared(onto)
    assert len(terms) > 100
    missing = [str(t) for t in terms if f'id="{expected_anchor(onto, t)}"' not in page]
    assert missing == []
    for term in terms:
        assert f'href="#{expected_anchor(onto, term)}"' in page


def test_anchors_are_unique(page):
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_the_fragment_of_a_cc_iri_is_its_anchor(page):
    assert '<tr id="Plan">' in page and '<tr id="implements">' in page
    assert '<tr id="eli-date_document">' in page
    assert '<h3 id="Levels">' in page and '<tr id="commune">' in page


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_labels_and_comments_appear_in_both_languages(onto, page, lang):
    for term in declared(onto):
        for predicate in (RDFS.label, RDFS.comment):
            for text in onto.objects(term, predicate):
                if isinstance(text, Literal) and text.language == lang:
                    shown = html.escape(" ".join(str(text).split()))
                    assert f'<p lang="{lang}">{shown}' in page, f"{predicate} of {term} ({lang}) is missing"


def test_header_prefixes_and_domains(page):
    assert "https://w3id.org/cancu/ont/0.1.0" in page
    assert "Bản thể học cancu" in page and "The cancu ontology" in page
    for prefix in ("cc", "eli", "org", "prov", "skos", "dcterms", "xsd"):
        assert f"<code>{prefix}:</code>" in page
    # rdflib binds ~30 prefixes to every graph; only the used ones are listed.
    assert "<code>brick:</code>" not in page
    # A domain given as owl:unionOf is spelt out, each member linked.
    assert '<a href="#Agency"><code>cc:Agency</code></a> ∪ <a href="#AdministrativeUnit">' in page
    # A superclass from another vocabulary links to its own row.
    assert '<a href="#eli-LegalResource"><code>eli:LegalResource</code></a>' in page


def test_five_examples_each_with_titles_and_purpose_in_both_languages(page):
    assert len(htmldoc.EXAMPLES) == 5
    for name, title_vi, title_en in htmldoc.EXAMPLES:
        query = queries.get(name)
        assert f'id="example-{name}"' in page
        assert html.escape(title_vi) in page and html.escape(title_en) in page
        assert html.escape(query.description_vi) in page and html.escape(query.description_en) in page
        assert displayed_query(page, name) == query.text.rstrip(), "the page shows the .rq file as it is"


@pytest.mark.parametrize("name", [name for name, _, _ in htmldoc.EXAMPLES])
def test_each_example_runs_on_the_sample_plans_and_returns_rows(demo_store, page, name):
    query = queries.get(name)
    columns, rows = demo_store.table(displayed_query(page, name), queries.bindings(query, {}))
    assert columns and rows, f"{name} returns no rows on the sample plans with its example parameters"


def test_text_from_the_turtle_is_escaped(tmp_path):
    poisoned = tmp_path / "cancu.ttl"
    poisoned.write_text(
        ontology.path("cancu.ttl").read_text(encoding="utf-8")
        + '\ncc:Plan rdfs:label "<script>alert(1)</script>"@vi ;\n'
        + '    rdfs:comment "a & \\"b\\" <b>bold</b>"@en .\n',
        encoding="utf-8",
    )
    page = htmldoc.generate(poisoned)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "a &amp; &quot;b&quot; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "<script" not in page and "<b>" not in page


def test_the_page_is_self_contained(page):
    assert not re.search(r'<(script|link|img|iframe)\b', page)
    assert not re.search(r'\bsrc="', page) and "@import" not in page


def test_the_command_line_writes_where_asked(tmp_path, page):
    target = tmp_path / "out" / "onto.html"
    assert htmldoc.main(["-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == page
    assert htmldoc.main(["-o", str(target), "--check"]) == 0
    target.write_text("stale", encoding="utf-8")
    assert htmldoc.main(["-o", str(target), "--check"]) == 1


def test_the_committed_page_is_current(tmp_path):
    fresh = htmldoc.write(tmp_path / "ontology.html")
    committed = COMMITTED.read_text(encoding="utf-8") if COMMITTED.is_file() else ""
    assert committed == fresh.read_text(encoding="utf-8"), (
        "docs/ontology.html is stale: cancu.ttl or an example query changed. "
        "Regenerate it with `python3 -m ontology.htmldoc` and commit the result."
    )


def test_doctests():
    results = doctest.testmod(htmldoc)
    assert results.attempted > 0 and results.failed == 0
