"""Which other SPARQL services a query would make the endpoint call (`SERVICE`), and whether it may.

    refusal("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }", allowed_hosts=())  # -> a Refusal (403)
    refusal('SELECT * { ?s ?p "SERVICE <http://x/>" }', allowed_hosts=())          # -> None: it is a string

A `SERVICE <IRI> { … }` makes the Oxigraph engine send the inner pattern to
that IRI: the server then opens a connection of the client's choosing. On a
server bound to 127.0.0.1 that is still reachable from any web page a staff
member opens (a form POSTed to http://127.0.0.1:7878/query needs no script
and no CORS), so by default every SERVICE is refused, and an operator can
allow named hosts.

The check reads the query as the engine will, not its text: a SERVICE inside a
string literal, an IRI or a comment is no SERVICE, a lowercase `service`, a
prefixed IRI (`e:sparql`), one glued to its IRI (`SERVICE<…>`, `SERVICE:x`)
or nested in a subquery, OPTIONAL, EXISTS or UNION is. Parsing with rdflib's
SPARQL parser costs about 100 ms a query on this machine, so a query whose
text holds neither the letters `service` (in any case) nor a `\\u` escape is
passed without it: the engine's grammar matches the keyword SERVICE letter by
letter in the query's own characters, so such a text cannot hold one. Any
other query is parsed (at most `MAX_PARSED_CHARS` characters); one that the
parser cannot read is refused with the parser's message rather than sent on,
since what it would call could not be known.
"""

from __future__ import annotations

import ipaddress
import re
import threading
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass

# Past this a query that mentions SERVICE is not parsed (pyparsing needs seconds for it).
MAX_PARSED_CHARS = 64 * 1024
# The letters of the keyword in any case, or a codepoint escape that could spell them.
_MAY_HOLD_SERVICE = re.compile(r"service|\\u|\\U", re.IGNORECASE)
_PARSER_LOCK = threading.Lock()  # pyparsing keeps parse state in class attributes


@dataclass(frozen=True)
class Refusal:
    """Why a query is not run: the HTTP status (403 refused, 400 unreadable) and a bilingual text."""

    status: int
    text: str


@dataclass(frozen=True)
class Endpoint:
    """One SERVICE of a query: its IRI resolved (prefixes and BASE applied), or the variable's name."""

    iri: str | None
    variable: str | None = None


def refusal(query: str, allowed_hosts: Iterable[str] = ()) -> Refusal | None:
    """Why `query` may not run here, or None: every SERVICE must name an IRI on an allowed host.

    >>> refusal("SELECT * { ?s ?p ?o }") is None
    True
    >>> refusal("select * { service <http://127.0.0.1:1/> { ?s ?p ?o } }").status
    403
    >>> refusal("SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }", ["127.0.0.1"]) is None
    True
    """
    if not _MAY_HOLD_SERVICE.search(query):
        return None
    try:
        endpoints = service_endpoints(query)
    except ValueError as exc:
        return Refusal(400, f"{exc}\n{_VI_UNREADABLE}")
    hosts = {normal_host(h) for h in allowed_hosts}
    for endpoint in endpoints:
        why = _endpoint_refusal(endpoint, hosts)
        if why is not None:
            return Refusal(403, why)
    return None


def service_endpoints(query: str) -> list[Endpoint]:
    """Every SERVICE in the parsed query, in any group or subquery; ValueError if it cannot be parsed."""
    if len(query) > MAX_PARSED_CHARS:
        raise ValueError(f"the query mentions SERVICE and is longer than {MAX_PARSED_CHARS // 1024} K characters, "
                         "too long to be checked for it; shorten it")
    from rdflib.plugins.sparql.algebra import translatePrologue
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.term import Variable

    try:
        with _PARSER_LOCK:
            parsed = parseQuery(query)
        prologue = translatePrologue(parsed[0], None)
        endpoints = []
        for pattern in _service_patterns(parsed[1]):
            term = pattern["term"]
            if isinstance(term, Variable):
                endpoints.append(Endpoint(None, str(term)))
            else:
                endpoints.append(Endpoint(str(prologue.absolutize(term))))
        return endpoints
    except RecursionError:
        raise ValueError("the query is nested too deeply to be checked for SERVICE") from None
    except Exception as exc:  # pyparsing's ParseException, or an undeclared prefix
        detail = " ".join(str(exc).split())
        raise ValueError(f"the query cannot be parsed, so what it would call cannot be checked: {detail}") from None


def normal_host(host: str) -> str:
    """A host as compared: lower case, an IPv6 address without its brackets.

    >>> normal_host("[::1]"), normal_host("SPARQL.Example.org")
    ('::1', 'sparql.example.org')
    """
    return host.strip().lower().removeprefix("[").removesuffix("]")


def host_problem(host: str) -> str | None:
    """What is wrong with a host given to --allow-service, or None.

    >>> host_problem("127.0.0.1") is None, host_problem("http://x/sparql")
    (True, "give a host name or address, such as 127.0.0.1 or sparql.example.org, not 'http://x/sparql'")
    """
    bare = normal_host(host)
    if not bare or not re.fullmatch(r"[a-z0-9._:-]+", bare) or bare.startswith((".", "-")):
        return f"give a host name or address, such as 127.0.0.1 or sparql.example.org, not {host!r}"
    if ":" in bare:
        try:
            ipaddress.IPv6Address(bare)
        except ValueError:
            return f"give the host without a port (every port of an allowed host is allowed), not {host!r}"
    return None


def _service_patterns(tree) -> list:
    """The ServiceGraphPattern nodes of rdflib's parse tree, walked without recursion."""
    found, stack = [], [tree]
    while stack:
        node = stack.pop()
        if getattr(node, "name", None) == "ServiceGraphPattern":
            found.append(node)
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list) or type(node).__name__ == "ParseResults":
            stack.extend(node)
    return found


def _endpoint_refusal(endpoint: Endpoint, allowed: set[str]) -> str | None:
    if not allowed:
        return _NO_SERVICE
    if endpoint.variable is not None:
        return (f"SERVICE ?{endpoint.variable}: a SERVICE endpoint must be written as an IRI; a variable is "
                "refused, since the host it names is known only while the query runs\n"
                f"SERVICE ?{endpoint.variable}: điểm SERVICE phải được viết bằng một IRI; không nhận biến, "
                "vì chỉ khi truy vấn chạy mới biết nó trỏ tới máy chủ nào")
    parts = urllib.parse.urlsplit(endpoint.iri)
    host = normal_host(parts.hostname or "")
    if parts.scheme.lower() not in ("http", "https") or not host:
        return (f"SERVICE <{endpoint.iri}>: a SERVICE endpoint must be an absolute http(s) IRI\n"
                f"SERVICE <{endpoint.iri}>: điểm SERVICE phải là một IRI http(s) đầy đủ")
    if host not in allowed:
        hosts = ", ".join(sorted(allowed))
        return (f"SERVICE <{endpoint.iri}>: this endpoint calls only {hosts}, not {host}\n"
                f"SERVICE <{endpoint.iri}>: điểm truy vấn này chỉ gọi {hosts}, không gọi {host}")
    return None


_NO_SERVICE = (
    "this endpoint does not call other SPARQL services: a query with SERVICE is refused "
    "(the operator can allow named hosts with `cancu serve --allow-service HOST`)\n"
    "điểm truy vấn này không gọi dịch vụ SPARQL khác: không nhận truy vấn có SERVICE "
    "(người quản trị có thể cho phép một số máy chủ bằng `cancu serve --allow-service HOST`)")
_VI_UNREADABLE = "không phân tích được truy vấn nên không kiểm tra được nó sẽ gọi đến đâu (SERVICE)"
