/* cancu graph view: details panel, search and highlighting.
 * All document text reaches the page through textContent only: nothing here
 * parses a string as markup (tests/test_viz.py checks for the usual sinks). */
"use strict";

/* Lower-case, diacritics dropped, "đ" read as "d": like ingest/fold.py. */
function fold(text) {
  return String(text == null ? "" : text)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/* One folded haystack per node: label, details (keys and values) and IRI. */
function searchIndex(nodes) {
  return nodes.map(function (n) {
    var parts = [n.label, n.id];
    n.details.forEach(function (kv) { parts.push(kv[0], kv[1]); });
    return { node: n, label: fold(n.label), text: fold(parts.join(" \u2016 ")) };
  });
}

/* Nodes whose text holds every word of the query; label hits first. */
function matchNodes(index, query) {
  var q = fold(query);
  if (!q) return [];
  var words = q.split(" ");
  var hits = [];
  index.forEach(function (entry) {
    if (!words.every(function (w) { return entry.text.indexOf(w) >= 0; })) return;
    var rank = entry.label.indexOf(q) === 0 ? 0 : entry.label.indexOf(q) > 0 ? 1 : 2;
    hits.push({ rank: rank, entry: entry });
  });
  hits.sort(function (a, b) {
    return a.rank - b.rank || a.entry.label.localeCompare(b.entry.label);
  });
  return hits.map(function (h) { return h.entry.node; });
}

function el(tag, text, className) {
  var node = document.createElement(tag);
  if (text != null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function main() {
  var data = JSON.parse(document.getElementById("cancu-data").textContent);
  var ui = data.ui;
  var MAX_RESULTS = 50;
  var nodeById = new Map();
  var edgeById = new Map();
  var edgesOf = new Map();
  data.nodes.forEach(function (n) { nodeById.set(n.id, n); edgesOf.set(n.id, []); });
  data.edges.forEach(function (e) {
    edgeById.set(e.id, e);
    edgesOf.get(e.from).push(e);
    if (e.to !== e.from) edgesOf.get(e.to).push(e);
  });

  function nodeTooltip(n) {
    var box = el("div");
    box.appendChild(el("div", n.kind_label + " · " + n.level_label, "meta"));
    box.appendChild(el("div", n.label));
    return box;
  }
  function edgeTooltip(e) {
    var box = el("div");
    box.appendChild(el("div", e.relation_label + " · " + e.method_label, "meta"));
    if (e.quote) box.appendChild(el("div", e.quote));
    return box;
  }

  var visNodes = new vis.DataSet(data.nodes.map(function (n) {
    return Object.assign({}, n.vis, { id: n.id, title: nodeTooltip(n) });
  }));
  var visEdges = new vis.DataSet(data.edges.map(function (e) {
    return Object.assign({}, e.vis, { id: e.id, from: e.from, to: e.to, title: edgeTooltip(e) });
  }));
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: visNodes, edges: visEdges }, {
    layout: { improvedLayout: false },
    physics: {
      enabled: data.nodes.length > 0,
      solver: "barnesHut",
      barnesHut: {
        gravitationalConstant: -5000, centralGravity: 0.05, springLength: 180,
        springConstant: 0.02, damping: 0.3, avoidOverlap: 0.6
      },
      stabilization: { enabled: true, iterations: 300, fit: true }
    },
    interaction: { hover: true, tooltipDelay: 250, multiselect: false },
    edges: { smooth: { enabled: true, type: "continuous", roundness: 0.4 } },
    nodes: { font: { face: "system-ui, Segoe UI, Roboto, Arial, sans-serif" } }
  });

  var panel = document.getElementById("details-body");

  function nodeButton(id) {
    var n = nodeById.get(id);
    var b = el("button", n ? n.label : id, "node-link");
    b.type = "button";
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }
  function methodBadge(e) {
    return el("span", e.method_label, "method method-" + (e.method || "none"));
  }
  function quoteBlock(e) {
    return e.quote ? el("blockquote", e.quote) : el("blockquote", ui.no_quote, "empty");
  }
  function addRow(dl, key, value) {
    dl.appendChild(el("dt", key));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
    dl.appendChild(dd);
  }

  function showHint() {
    panel.replaceChildren(el("p", ui.details_hint, "hint"));
  }

  function showNode(id) {
    var n = nodeById.get(id);
    if (!n) return showHint();
    var parts = [el("h3", n.label, "title")];
    var meta = n.kind_label + " · " + n.level_label + (n.highlight ? " · " + ui.highlighted : "");
    parts.push(el("p", meta, "meta"));
    var dl = el("dl");
    n.details.forEach(function (kv) { addRow(dl, kv[0], kv[1]); });
    addRow(dl, ui.iri, n.id);
    parts.push(dl);
    parts.push(el("h3", ui.links));
    var links = edgesOf.get(id) || [];
    if (!links.length) parts.push(el("p", ui.no_links, "hint"));
    var ul = el("ul", null, "links");
    links.forEach(function (e) {
      var li = el("li", null, e.highlight ? "is-highlight" : null);
      var line = el("div");
      if (e.from === id) {
        line.append(el("span", e.relation_label, "rel"), " → ", nodeButton(e.to));
      } else {
        line.append(nodeButton(e.from), " → ", el("span", e.relation_label, "rel"));
      }
      line.appendChild(methodBadge(e));
      li.append(line, quoteBlock(e));
      ul.appendChild(li);
    });
    parts.push(ul);
    panel.replaceChildren.apply(panel, parts);
  }

  function showEdge(id) {
    var e = edgeById.get(id);
    if (!e) return showHint();
    var dl = el("dl");
    addRow(dl, ui.from, nodeButton(e.from));
    addRow(dl, ui.to, nodeButton(e.to));
    addRow(dl, ui.relation, e.relation_label);
    addRow(dl, ui.method, methodBadge(e));
    panel.replaceChildren(el("h3", e.relation_label, "title"), dl, el("h3", ui.quote), quoteBlock(e));
  }

  function focusNode(id) {
    if (!nodeById.has(id)) return;
    network.selectNodes([id]);
    network.focus(id, { scale: 1.1, animation: { duration: 500, easingFunction: "easeInOutQuad" } });
    showNode(id);
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else showHint();
  });

  var index = searchIndex(data.nodes);
  var input = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var current = [];
  function runSearch() {
    current = matchNodes(index, input.value);
    results.replaceChildren();
    status.textContent = "";
    if (!fold(input.value)) return;
    if (!current.length) { status.textContent = ui.no_match; return; }
    current.slice(0, MAX_RESULTS).forEach(function (n) {
      var b = el("button");
      b.type = "button";
      b.append(el("span", n.label), el("span", n.kind_label + " · " + n.level_label, "meta"));
      b.addEventListener("click", function () { focusNode(n.id); });
      var li = el("li");
      li.appendChild(b);
      results.appendChild(li);
    });
    if (current.length > MAX_RESULTS) {
      status.textContent = ui.more_matches.replace("{n}", String(current.length - MAX_RESULTS));
    }
  }
  input.addEventListener("input", runSearch);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && current.length) { ev.preventDefault(); focusNode(current[0].id); }
    if (ev.key === "Escape") { input.value = ""; runSearch(); }
  });

  document.getElementById("fit").addEventListener("click", function () {
    network.fit({ animation: { duration: 400 } });
  });

  var settled = false;
  function settle() {
    if (settled) return;
    settled = true;
    network.setOptions({ physics: { enabled: false } });
    if (data.focus) focusNode(data.focus);
    document.body.setAttribute("data-ready", "1");
  }
  network.once("stabilizationIterationsDone", settle);
  if (!data.nodes.length) settle();
  setTimeout(settle, 15000);
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main);
  else main();
}
if (typeof module !== "undefined") module.exports = { fold: fold, searchIndex: searchIndex, matchNodes: matchNodes };
