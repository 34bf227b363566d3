"""Write ``docs/ontology.html``: the cancu vocabulary as one page staff can read offline.

Legal staff write their own SPARQL against cancu.ttl, so they need the terms
with their Vietnamese and English labels, what each property links, and a few
queries that are known to work. pyLODE would produce such a page, but its wheel
does not install here, so this module does the small part we need with rdflib
and plain strings. Run::

    python -m ontology.htmldoc                     # rewrite docs/ontology.html
    python -m ontology.htmldoc -o /tmp/onto.html   # write elsewhere
    python -m ontology.htmldoc --check             # exit 1 if the page is stale

Design choices, each for a reason:

- The page is self-contained (inline CSS, no script, no web font): ministries
  open it on machines without internet access.
- Every text taken from the Turtle or from a query file goes through
  ``html.escape``: a label is data, never markup.
- The output depends only on cancu.ttl and the five query files: terms are
  sorted, and there is no date, so a test can tell when the committed page
  is stale, as for ``ontology/terms.py``.
- A ``cc:`` term's anchor is its local name (``#Plan``), so that the fragment
  of ``https://w3id.org/cancu/ont#Plan`` lands on its row if the namespace is
  ever redirected to this page; a reused term's anchor is ``prefix-local``
  (``#eli-date_document``), which no cc local name can take.
- The worked examples are named queries read from ``queries/*.rq`` when the
  page is generated, with the example parameters of their headers: the page
  shows exactly the text ``cancu query`` runs, and the tests run it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from html import escape
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, VANN

import queries

from . import path
from .generate import CC_NS, KINDS, kind_of

# Generation only makes sense in a source tree, where docs/ lives beside the package.
HTML_PATH = Path(__file__).resolve().parent.parent / "docs" / "ontology.html"

CONCEPTS = "Concepts and other individuals"
SCHEMES = "Concept schemes"

# The vocabulary tables, in page order: (KINDS heading, section id, Vietnamese
# heading, English heading, whether rows show domain and range).
TABLES: tuple[tuple[str, str, str, str, bool], ...] = (
    ("Classes", "sec-classes", "Lớp", "Classes", False),
    ("Object properties", "sec-object-properties", "Thuộc tính quan hệ", "Object properties", True),
    ("Datatype properties", "sec-datatype-properties", "Thuộc tính dữ liệu", "Datatype properties", True),
    ("Annotation properties", "sec-annotation-properties", "Thuộc tính chú thích", "Annotation properties", True),
)

# The five worked examples: (query name, Vietnamese title, English title). The
# query text, its purpose and its parameters come from queries/NAME.rq. Each
# returns rows on the sample plans alone (tests/test_ontology_doc.py checks).
EXAMPLES: tuple[tuple[str, str, str], ...] = (
    ("legal_basis", "Văn bản này dựa trên những căn cứ nào?", "What is the legal basis of a document?"),
    ("cited_by", "Văn bản nào dẫn chiếu một văn bản?", "Which documents cite an act?"),
    ("tasks_of_unit", "Một đơn vị được giao những nhiệm vụ gì?", "What tasks does a unit have?"),
    ("responsibility_matrix", "Ai chủ trì, ai phối hợp trong một kế hoạch?", "Who leads and who cooperates in a plan?"),
    ("uningested_acts", "Văn bản nào được dẫn chiếu mà chưa được nạp?", "Which cited acts are not ingested yet?"),
)

CSS = """
body { font: 15px/1.5 system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: #1d2330;
       max-width: 78rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { margin-top: 2.5rem; border-bottom: 2px solid #c8102e; padding-bottom: .2rem; }
h3 { margin-top: 1.8rem; }
p { margin: .3rem 0; }
[lang="en"] { color: #4a5466; }
code, pre { font-family: ui-monospace, "Cascadia Mono", Consolas, monospace; font-size: .88rem; }
pre { background: #f5f6f8; border: 1px solid #dde1e7; padding: .8rem; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; }
th, td { border: 1px solid #dde1e7; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
tr:target, h3:target { background: #fff6d6; }
a { color: #0b5cad; text-decoration: none; }
a:hover { text-decoration: underline; }
.iri { display: block; font-size: .75rem; color: #6b7588; word-break: break-all; }
.reused { font-size: .75rem; color: #6b7588; }
nav ul { columns: 2; }
"""


class Names:
    """How the page names the ontology's IRIs: CURIEs, anchors and links.

    >>> names = Names({"cc": CC_NS, "xsd": "http://www.w3.org/2001/XMLSchema#"}, {URIRef(CC_NS + "Plan")})
    >>> names.curie(URIRef(CC_NS + "Plan")), names.anchor(URIRef(CC_NS + "Plan"))
    ('cc:Plan', 'Plan')
    >>> names.link(URIRef("http://www.w3.org/2001/XMLSchema#date"))
    '<code>xsd:date</code>'
    """

    def __init__(self, prefixes: dict[str, str], declared: set[URIRef]):
        self.prefixes = prefixes
        self.declared = declared

    def curie(self, iri: URIRef) -> str:
        """``prefix:local`` for the longest namespace that holds ``iri``, else ``<iri>``."""
        matches = [(len(ns), prefix) for prefix, ns in self.prefixes.items() if iri.startswith(ns)]
        if not matches:
            return f"<{iri}>"
        prefix = max(matches)[1]
        return f"{prefix}:{iri[len(self.prefixes[prefix]):]}"

    def anchor(self, iri: URIRef) -> str:
        """The id of the term's row: the local name for cc, ``prefix-local`` otherwise."""
        if iri.startswith(CC_NS):
            return iri[len(CC_NS) :]
        return self.curie(iri).replace(":", "-")

    def sort_key(self, iri: URIRef) -> tuple[bool, str]:
        """Order terms cc first, then reused ones, each by CURIE."""
        return (not iri.startswith(CC_NS), self.curie(iri))

    def link(self, iri: URIRef) -> str:
        """The term as code, linked to its row when this page documents it."""
        code = f"<code>{escape(self.curie(iri))}</code>"
        return f'<a href="#{escape(self.anchor(iri))}">{code}</a>' if iri in self.declared else code


def used_prefixes(graph: Graph) -> dict[str, str]:
    """The bound prefixes whose namespace some IRI of the ontology uses, sorted by prefix.

    rdflib binds some thirty well-known prefixes to every graph; only those the
    Turtle really uses belong on the page.
    """
    iris = {node for triple in graph for node in triple if isinstance(node, URIRef)}
    return {
        prefix: str(ns)
        for prefix, ns in sorted(graph.namespaces())
        if prefix and any(iri.startswith(ns) and iri != URIRef(ns) for iri in iris)
    }


def ontology_iri(graph: Graph) -> URIRef:
    """The IRI of the one ``owl:Ontology`` the file describes."""
    found = sorted(s for s in graph.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef))
    if not found:
        raise ValueError("cancu.ttl declares no owl:Ontology with an IRI")
    return found[0]


def declared_terms(graph: Graph) -> dict[str, list[URIRef]]:
    """Every named term the Turtle declares, grouped by KINDS heading (by IRI; the page re-sorts)."""
    groups: dict[str, list[URIRef]] = {heading: [] for heading, _ in KINDS}
    for subject in set(graph.subjects(RDF.type, None)):
        heading = kind_of(graph, subject) if isinstance(subject, URIRef) else None
        if heading is not None:
            groups[heading].append(subject)
    return {heading: sorted(terms) for heading, terms in groups.items()}


def texts(graph: Graph, term: URIRef, predicate: URIRef, lang: str) -> str:
    """The term's literals for ``predicate`` in language ``lang``, sorted, one line each."""
    found = sorted(
        " ".join(str(o).split())
        for o in graph.objects(term, predicate)
        if isinstance(o, Literal) and o.language == lang
    )
    return " / ".join(found)


def label(graph: Graph, term: URIRef, lang: str) -> str:
    """The ``rdfs:label`` in ``lang``, else the ``skos:prefLabel``."""
    return texts(graph, term, RDFS.label, lang) or texts(graph, term, SKOS.prefLabel, lang)


def bilingual(vi: str, en: str) -> str:
    """A Vietnamese line above its English one, each marked with its language."""
    lines = [f'<p lang="{lang}">{escape(text)}</p>' for lang, text in (("vi", vi), ("en", en)) if text]
    return "".join(lines)


def labels(graph: Graph, term: URIRef) -> str:
    """The term's labels, Vietnamese then English, or a dash for a bare declaration."""
    return bilingual(label(graph, term, "vi"), label(graph, term, "en")) or "—"


def comments(graph: Graph, term: URIRef) -> str:
    """The term's comments, Vietnamese then English, or a dash for a bare declaration."""
    return bilingual(texts(graph, term, RDFS.comment, "vi"), texts(graph, term, RDFS.comment, "en")) or "—"


def class_expression(graph: Graph, node, names: Names) -> str:
    """A domain, range or superclass: a linked term, or the members of an ``owl:unionOf``."""
    if isinstance(node, URIRef):
        return names.link(node)
    union = graph.value(node, OWL.unionOf) if isinstance(node, BNode) else None
    if union is not None:
        return " ∪ ".join(class_expression(graph, member, names) for member in Collection(graph, union))
    return "<em>anonymous class</em>"


def expressions(graph: Graph, term: URIRef, predicate: URIRef, names: Names) -> str:
    """All values of ``predicate`` for the term, rendered and sorted, comma-separated."""
    rendered = sorted(class_expression(graph, o, names) for o in graph.objects(term, predicate))
    return ", ".join(rendered) or "—"


def term_cell(term: URIRef, names: Names) -> str:
    """The first cell of a row: the CURIE linking to its own anchor, the full IRI, reuse note."""
    reused = "" if term.startswith(CC_NS) else ' <span class="reused">(reused / dùng lại)</span>'
    return (
        f'<a href="#{escape(names.anchor(term))}"><code>{escape(names.curie(term))}</code></a>{reused}'
        f'<span class="iri">{escape(term)}</span>'
    )


def term_row(graph: Graph, term: URIRef, names: Names, with_domain: bool) -> str:
    """One vocabulary row: term, labels, comments, [domain → range], super-term."""
    is_class = (term, RDF.type, OWL.Class) in graph
    cells = [
        term_cell(term, names),
        labels(graph, term),
        comments(graph, term),
    ]
    if with_domain:
        domain, range_ = (expressions(graph, term, p, names) for p in (RDFS.domain, RDFS.range))
        cells.append("—" if domain == range_ == "—" else f"{domain} → {range_}")
    cells.append(expressions(graph, term, RDFS.subClassOf if is_class else RDFS.subPropertyOf, names))
    return row(cells, names.anchor(term))


def row(cells: Iterable[str], anchor: str | None = None) -> str:
    """A table row of already-rendered cells, with an id when it is a term's anchor."""
    opening = f'<tr id="{escape(anchor)}">' if anchor else "<tr>"
    return opening + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def table(headers: Iterable[str], rows: Iterable[str]) -> str:
    """A table whose headers are plain text (escaped here) and whose rows are rendered."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    thead = f"<thead><tr>{head}</tr></thead>\n" if head else ""
    return f"<table>\n{thead}<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"


def section(section_id: str, vi: str, en: str, content: str) -> str:
    """A page section with its bilingual heading; ``content`` is already rendered."""
    return f'<section id="{section_id}">\n<h2>{escape(vi)} · {escape(en)}</h2>\n{content}\n</section>'


def kind_section(graph: Graph, terms: list[URIRef], names: Names, spec: tuple[str, str, str, str, bool]) -> str:
    """The section for one kind of term (classes, object properties…)."""
    _, section_id, vi, en, with_domain = spec
    headers = ["Thuật ngữ / Term", "Nhãn / Label", "Chú giải / Comment"]
    headers += ["Miền → Phạm vi / Domain → Range"] if with_domain else []
    headers.append("Thuật ngữ cha / Super-term")
    rows = [term_row(graph, term, names, with_domain) for term in sorted(terms, key=names.sort_key)]
    return section(section_id, vi, en, table(headers, rows))


def concept_row(graph: Graph, concept: URIRef, names: Names) -> str:
    """One concept of a scheme: term, code (skos:notation), labels, comments."""
    notations = sorted(str(n) for n in graph.objects(concept, SKOS.notation))
    cells = [
        term_cell(concept, names),
        "".join(f"<code>{escape(n)}</code>" for n in notations) or "—",
        labels(graph, concept),
        comments(graph, concept),
    ]
    return row(cells, names.anchor(concept))


def concepts_by_scheme(graph: Graph, schemes: list[URIRef], concepts: list[URIRef]) -> dict[URIRef | None, list[URIRef]]:
    """Each scheme's concepts, in sorted order; concepts in no listed scheme under None."""
    grouped: dict[URIRef | None, list[URIRef]] = {scheme: [] for scheme in schemes}
    for concept in concepts:
        in_schemes = [s for s in sorted(graph.objects(concept, SKOS.inScheme)) if s in grouped]
        for scheme in in_schemes or [None]:
            grouped.setdefault(scheme, []).append(concept)
    return grouped


def scheme_section(graph: Graph, scheme: URIRef | None, concepts: list[URIRef], names: Names) -> str:
    """One concept scheme: its heading (the scheme's anchor), description and concepts."""
    headers = ["Thuật ngữ / Term", "Mã / Notation", "Nhãn / Label", "Chú giải / Comment"]
    rows = [concept_row(graph, concept, names) for concept in sorted(concepts, key=names.sort_key)]
    if scheme is None:
        heading = "<h3>Cá thể khác · Other individuals</h3>"
        description = ""
    else:
        heading = f'<h3 id="{escape(names.anchor(scheme))}">{term_cell(scheme, names)}</h3>'
        description = labels(graph, scheme) + comments(graph, scheme)
    return f"{heading}\n{description}\n" + table(headers, rows)


def schemes_section(graph: Graph, terms: dict[str, list[URIRef]], names: Names) -> str:
    """All SKOS concept schemes (code lists) with their concepts."""
    grouped = concepts_by_scheme(graph, sorted(terms[SCHEMES], key=names.sort_key), terms[CONCEPTS])
    parts = [
        scheme_section(graph, scheme, concepts, names)
        for scheme, concepts in grouped.items()
        if concepts or scheme is not None
    ]
    return section("sec-schemes", "Danh mục mã (SKOS)", "Code lists (SKOS concept schemes)", "\n".join(parts))


# The facts of the ontology header, in display order: (heading, predicate, how to show a value).
HEADER_FACTS = (
    ("Phiên bản / Version", OWL.versionInfo, "{}"),
    ("IRI phiên bản / Version IRI", OWL.versionIRI, "<code>{}</code>"),
    ("Tiền tố / Prefix", VANN.preferredNamespacePrefix, "<code>{}</code>"),
    ("Không gian tên / Namespace", VANN.preferredNamespaceUri, "<code>{}</code>"),
    ("Xem thêm / See also", RDFS.seeAlso, '<a href="{0}">{0}</a>'),
)


def header_section(graph: Graph, iri: URIRef) -> str:
    """Title, description and identity of the ontology, from its owl:Ontology header."""
    rows = [row(["IRI", f"<code>{escape(iri)}</code>"])]
    for heading, predicate, shape in HEADER_FACTS:
        values = ", ".join(shape.format(escape(str(v))) for v in sorted(graph.objects(iri, predicate)))
        if values:
            rows.append(row([escape(heading), values]))
    return (
        "<header>\n"
        f'<h1 lang="vi">{escape(texts(graph, iri, DCTERMS.title, "vi"))}</h1>\n'
        f'<p lang="en"><strong>{escape(texts(graph, iri, DCTERMS.title, "en"))}</strong></p>\n'
        + bilingual(texts(graph, iri, DCTERMS.description, "vi"), texts(graph, iri, DCTERMS.description, "en"))
        + "\n"
        + table([], rows)
        + "\n</header>"
    )


def prefixes_section(names: Names) -> str:
    """The namespace prefixes the ontology uses, as PREFIX lines would declare them."""
    rows = [row([f"<code>{escape(p)}:</code>", f"<code>{escape(ns)}</code>"]) for p, ns in names.prefixes.items()]
    headers = ["Tiền tố / Prefix", "Không gian tên / Namespace"]
    return section("sec-prefixes", "Tiền tố", "Namespace prefixes", table(headers, rows))


def run_command(query: queries.NamedQuery) -> str:
    """The ``cancu query`` command line that runs the example as shown."""
    params = "".join(f' --param {p.name}="{p.example}"' for p in query.parameters)
    return f"cancu query {query.name}{params}"


def parameters_table(query: queries.NamedQuery) -> str:
    """The query's parameters with their meaning and the example value the page uses."""
    if not query.parameters:
        return "<p>Không có tham số. · No parameters.</p>"
    rows = [
        row([f"<code>?{escape(p.name)}</code>", escape(p.description), f"<code>{escape(p.example)}</code>"])
        for p in query.parameters
    ]
    return table(["Tham số / Parameter", "Ý nghĩa / Meaning", "Ví dụ / Example"], rows)


def example_section(number: int, name: str, title_vi: str, title_en: str) -> str:
    """One worked example: titles, purpose (vi, en), parameters, the command and the query."""
    query = queries.get(name)
    return (
        f'<article id="example-{escape(name)}">\n'
        f'<h3><span lang="vi">{number}. {escape(title_vi)}</span> · <span lang="en">{escape(title_en)}</span></h3>\n'
        + bilingual(query.description_vi, query.description_en)
        + "\n"
        + parameters_table(query)
        + f"\n<pre><code>{escape(run_command(query))}</code></pre>\n"
        + f'<p>File <code>queries/{escape(name)}.rq</code>:</p>\n'
        + f'<pre id="query-{escape(name)}"><code>{escape(query.text.rstrip())}</code></pre>\n</article>'
    )


def examples_section() -> str:
    """The five worked SPARQL examples, read from queries/*.rq."""
    intro = bilingual(
        "Năm câu truy vấn có sẵn trong thư viện truy vấn (queries/*.rq). Các tham số được gắn như biến, "
        "không chèn vào văn bản truy vấn; chạy với các giá trị ví dụ trên các kế hoạch mẫu, "
        "mỗi truy vấn đều trả về kết quả.",
        "Five queries from the named-query library (queries/*.rq). Parameters are bound as variables, never pasted "
        "into the text; run with the example values on the sample plans, each returns rows.",
    )
    parts = [example_section(n, *example) for n, example in enumerate(EXAMPLES, start=1)]
    return section("sec-examples", "Ví dụ SPARQL", "Worked SPARQL examples", "\n".join([intro, *parts]))


def contents() -> str:
    """The table of contents, linking the sections and the examples."""
    links = [(section_id, f"{vi} · {en}") for _, section_id, vi, en, _ in TABLES]
    links = [("sec-prefixes", "Tiền tố · Namespace prefixes"), *links, ("sec-schemes", "Danh mục mã · Code lists")]
    links += [("sec-examples", "Ví dụ SPARQL · Worked SPARQL examples")]
    items = "".join(f'<li><a href="#{section_id}">{escape(text)}</a></li>' for section_id, text in links)
    return f"<nav>\n<ul>{items}</ul>\n</nav>"


def render(graph: Graph) -> str:
    """The whole HTML page for the ontology in ``graph``."""
    iri = ontology_iri(graph)
    terms = declared_terms(graph)
    names = Names(used_prefixes(graph), {t for group in terms.values() for t in group})
    title = texts(graph, iri, DCTERMS.title, "en") or str(iri)
    body = [
        header_section(graph, iri),
        contents(),
        prefixes_section(names),
        *(kind_section(graph, terms[spec[0]], names, spec) for spec in TABLES),
        schemes_section(graph, terms, names),
        examples_section(),
    ]
    return (
        "<!DOCTYPE html>\n"
        "<!-- GENERATED by `python -m ontology.htmldoc` from ontology/cancu.ttl and queries/*.rq."
        " Do not edit. -->\n"
        '<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def generate(source: Path | None = None) -> str:
    """Parse cancu.ttl (or ``source``) and return the page."""
    return render(Graph().parse(source or path("cancu.ttl"), format="turtle"))


def write(target: Path = HTML_PATH, source: Path | None = None) -> Path:
    """Write the page for the ontology to ``target``; return its path."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(generate(source), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    """Command line: write the page, or with --check exit 1 when the file on disk is stale."""
    parser = argparse.ArgumentParser(prog="python -m ontology.htmldoc", description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=HTML_PATH, help="where to write (default: docs/ontology.html)")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if the file is stale")
    args = parser.parse_args(argv)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.is_file() else ""
        stale = current != generate()
        print(f"{args.output} is {'stale: run python -m ontology.htmldoc' if stale else 'up to date'}")
        return 1 if stale else 0
    print(f"wrote {write(args.output)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
