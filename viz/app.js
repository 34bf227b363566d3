/* cancu graph view: details panel, search, filters, language switch, folding
 * of large graphs and highlighting.
 * All document text reaches the page through textContent only: nothing here
 * parses a string as markup (tests/test_viz.py checks for the usual sinks). */
"use strict";

var DOCUMENT_KINDS = ["document", "stub"];
var UNIT_RELATIONS = ["leadUnit", "cooperatingUnit", "assignedTo"];
var FACETS = ["level", "kind", "doc_type", "relation", "method"];
var UNKNOWN = "none";

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

function hasEveryWord(haystack, words) {
  return words.every(function (w) { return haystack.indexOf(w) >= 0; });
}

/* One folded haystack per node: label, details (keys and values) and IRI. */
function searchIndex(nodes) {
  return nodes.map(function (n) {
    var parts = [n.label, n.id];
    n.details.forEach(function (kv) { parts.push(kv[0], kv[1]); });
    /* n.words: the text as the store's index folds it (abbreviations spelt out both ways). */
    return { node: n, label: fold(n.label), text: fold(parts.join(" \u2016 ")) + " \u2016 " + (n.words || "") };
  });
}

/* Nodes whose text holds every word of the query; label hits first. */
function matchNodes(index, query) {
  var q = fold(query);
  if (!q) return [];
  var words = q.split(" ");
  var hits = [];
  index.forEach(function (entry) {
    if (!hasEveryWord(entry.text, words)) return;
    var rank = entry.label.indexOf(q) === 0 ? 0 : entry.label.indexOf(q) > 0 ? 1 : 2;
    hits.push({ rank: rank, entry: entry });
  });
  hits.sort(function (a, b) {
    return a.rank - b.rank || a.entry.label.localeCompare(b.entry.label);
  });
  return hits.map(function (h) { return h.entry.node; });
}

/* The graph with its lookups: nodes and links by id, links of a node, and the
 * plans a task or unit belongs to (data.plans lists members by position). */
function prepare(data) {
  var g = { data: data, nodeById: new Map(), edgeById: new Map(), edgesOf: new Map(), plansOf: new Map() };
  data.nodes.forEach(function (n) { g.nodeById.set(n.id, n); g.edgesOf.set(n.id, []); });
  data.edges.forEach(function (e) {
    g.edgeById.set(e.id, e);
    g.edgesOf.get(e.from).push(e);
    if (e.to !== e.from) g.edgesOf.get(e.to).push(e);
  });
  Object.keys(data.plans).forEach(function (planId) {
    var p = data.plans[planId];
    p.tasks.concat(p.units).forEach(function (i) {
      var id = data.nodes[i].id;
      if (!g.plansOf.has(id)) g.plansOf.set(id, []);
      g.plansOf.get(id).push(planId);
    });
  });
  g.lit = data.nodes.filter(function (n) { return n.highlight; }).map(function (n) { return n.id; });
  return g;
}

function isDocument(n) { return DOCUMENT_KINDS.indexOf(n.kind) >= 0; }

function otherEnd(e, id) { return e.from === id ? e.to : e.from; }

/* The filter state a page opens with: nothing filtered out, every plan folded. */
function openingState(lang) {
  var off = {};
  FACETS.forEach(function (f) { off[f] = new Set(); });
  return { lang: lang, off: off, unit: "", onlyLit: false, expanded: new Set(), revealed: new Set() };
}

/* A document's type; a task's is its plan's; other nodes have none (null). */
function docTypeOf(g, n) {
  if (isDocument(n)) return n.doc_type || UNKNOWN;
  if (n.kind !== "task") return null;
  var plans = g.plansOf.get(n.id) || [];
  return plans.length ? g.nodeById.get(plans[0]).doc_type || UNKNOWN : null;
}

/* Units whose name holds every word of `query`, the tasks given to them and
 * those tasks' documents; null when the query is empty. */
function unitScope(g, query) {
  var q = fold(query);
  if (!q) return null;
  var words = q.split(" ");
  var scope = new Set();
  g.data.nodes.forEach(function (unit) {
    if (unit.kind !== "agency" || !hasEveryWord(fold(unit.label), words)) return;
    scope.add(unit.id);
    g.edgesOf.get(unit.id).forEach(function (e) {
      var task = g.nodeById.get(otherEnd(e, unit.id));
      if (task.kind !== "task" || UNIT_RELATIONS.indexOf(e.relation) < 0) return;
      scope.add(task.id);
      (g.plansOf.get(task.id) || []).forEach(function (p) { scope.add(p); });
    });
  });
  return scope;
}

/* The highlighted nodes and their direct neighbours. */
function litScope(g) {
  var scope = new Set(g.lit);
  g.lit.forEach(function (id) {
    g.edgesOf.get(id).forEach(function (e) { scope.add(e.from); scope.add(e.to); });
  });
  return scope;
}

/* Whether a folded (aggregated) page shows `n`: documents, the highlighted
 * part, the focus, the members of unfolded plans and nodes asked for one by one. */
function shownWhenFolded(g, n, state) {
  if (isDocument(n) || n.highlight || n.id === g.data.focus || state.revealed.has(n.id)) return true;
  return (g.plansOf.get(n.id) || []).some(function (p) { return state.expanded.has(p); });
}

function passesFacets(g, n, off) {
  if (off.level.has(n.band) || off.kind.has(n.kind)) return false;
  var type = docTypeOf(g, n);
  return type === null || !off.doc_type.has(type);
}

/* The ids of the nodes the page shows in `state`.  A unit or highlight scope
 * is already narrow, so it replaces the folding rather than adding to it. */
function visibleNodeIds(g, state) {
  var units = unitScope(g, state.unit);
  var lit = state.onlyLit && g.lit.length ? litScope(g) : null;
  var folded = g.data.aggregate && !units && !lit;
  var shown = new Set();
  g.data.nodes.forEach(function (n) {
    if (units && !units.has(n.id)) return;
    if (lit && !lit.has(n.id)) return;
    if (folded && !shownWhenFolded(g, n, state)) return;
    if (passesFacets(g, n, state.off)) shown.add(n.id);
  });
  return shown;
}

function visibleEdgeIds(g, state, shownNodes) {
  var shown = new Set();
  g.data.edges.forEach(function (e) {
    if (!shownNodes.has(e.from) || !shownNodes.has(e.to)) return;
    if (state.off.relation.has(e.relation) || state.off.method.has(e.method || UNKNOWN)) return;
    shown.add(e.id);
  });
  return shown;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, function (all, key) {
    return key in values ? String(values[key]) : all;
  });
}

function el(tag, text, className) {
  var node = document.createElement(tag);
  if (text != null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function button(text, onClick, className) {
  var b = el("button", text, className);
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
}

function main() {
  var data = JSON.parse(document.getElementById("cancu-data").textContent);
  var g = prepare(data);
  var state = openingState(data.lang);
  var MAX_RESULTS = 50;

  function T() { return data.text[state.lang]; }
  function ui(key) { return T().ui[key]; }
  /* The word for `key` in a label table of the current language, else the key. */
  function word(table, key) {
    var name = key == null ? UNKNOWN : key;
    var words = T()[table];
    return Object.prototype.hasOwnProperty.call(words, name) ? words[name] : name;
  }
  function nodeMeta(n) {
    var parts = [word("kind", n.kind), word("level", n.level || n.band)];
    if (isDocument(n) && n.doc_type) parts.push(word("doc_type", n.doc_type));
    return parts.join(" · ");
  }
  /* "10 nhiệm vụ · 12 đơn vị": what a plan holds. */
  function planCounts(id) {
    var p = data.plans[id];
    var parts = [fill(ui("plan_tasks"), { tasks: p.tasks.length })];
    if (p.units.length) parts.push(fill(ui("plan_units"), { units: p.units.length }));
    return parts.join(" · ");
  }
  function isFolded(id) { return data.aggregate && data.plans[id] && !state.expanded.has(id); }

  /* ---- vis-network items, built in the current language ---- */

  var positions = new Map();  // where a node removed by a filter was, to put it back there
  function nodeLook(n) {
    var box = el("div");
    box.appendChild(el("div", nodeMeta(n), "meta"));
    box.appendChild(el("div", n.label));
    if (data.plans[n.id]) box.appendChild(el("div", planCounts(n.id), "meta"));
    var label = isFolded(n.id) ? n.vis.label + " · " + planCounts(n.id) : n.vis.label;
    return { id: n.id, label: label, title: box };
  }
  function nodeItem(id) {
    var n = g.nodeById.get(id);
    return Object.assign({}, n.vis, positions.get(id) || {}, nodeLook(n));
  }
  function edgeLook(e) {
    var box = el("div");
    box.appendChild(el("div", word("relation", e.relation) + " · " + word("method", e.method), "meta"));
    if (e.quote) box.appendChild(el("div", e.quote));
    return { id: e.id, label: word("relation", e.relation), title: box };
  }
  function edgeItem(id) {
    var e = g.edgeById.get(id);
    return Object.assign({}, e.vis, { from: e.from, to: e.to }, edgeLook(e));
  }

  var shownNodes = visibleNodeIds(g, state);
  var shownEdges = visibleEdgeIds(g, state, shownNodes);
  var visNodes = new vis.DataSet(Array.from(shownNodes, nodeItem));
  var visEdges = new vis.DataSet(Array.from(shownEdges, edgeItem));
  // A folded graph is large: its x comes from viz/layout.py and physics stays off.
  var physics = data.nodes.length > 0 && !data.aggregate;
  var network = new vis.Network(document.getElementById("graph"), { nodes: visNodes, edges: visEdges }, {
    layout: { improvedLayout: false },
    physics: {
      enabled: physics,
      solver: "barnesHut",
      barnesHut: {
        gravitationalConstant: -5000, centralGravity: 0.05, springLength: 180,
        springConstant: 0.02, damping: 0.3, avoidOverlap: 0.6
      },
      stabilization: { enabled: true, iterations: 300, fit: true }
    },
    interaction: { hover: true, tooltipDelay: 250, multiselect: false, hideEdgesOnDrag: data.aggregate },
    edges: { smooth: data.aggregate ? false : { enabled: true, type: "continuous", roundness: 0.4 } },
    nodes: { font: { face: "system-ui, Segoe UI, Roboto, Arial, sans-serif" } }
  });

  /* Bring the DataSets in line with the state: the one place that decides what is drawn. */
  function refresh() {
    var nodeIds = visibleNodeIds(g, state);
    var edgeIds = visibleEdgeIds(g, state, nodeIds);
    var goneEdges = Array.from(shownEdges).filter(function (id) { return !edgeIds.has(id); });
    var goneNodes = Array.from(shownNodes).filter(function (id) { return !nodeIds.has(id); });
    var kept = network.getPositions(goneNodes);
    goneNodes.forEach(function (id) { positions.set(id, kept[id]); });
    visEdges.remove(goneEdges);
    visNodes.remove(goneNodes);
    visNodes.add(Array.from(nodeIds).filter(function (id) { return !shownNodes.has(id); }).map(nodeItem));
    visEdges.add(Array.from(edgeIds).filter(function (id) { return !shownEdges.has(id); }).map(edgeItem));
    shownNodes = nodeIds;
    shownEdges = edgeIds;
    showOverview();
  }

  function relabel(ids) {
    visNodes.update(ids.filter(function (id) { return shownNodes.has(id); })
      .map(function (id) { return nodeLook(g.nodeById.get(id)); }));
  }

  /* ---- overview: how much is shown, per level ---- */

  var shownLine = document.getElementById("shown");
  var countsTable = document.getElementById("counts");
  function countRow(cells, tag) {
    var tr = el("tr");
    cells.forEach(function (c) { tr.appendChild(el(tag, c)); });
    return tr;
  }
  /* Per band: [documents, tasks, units], each as "shown/all". */
  function countsByLevel() {
    var rows = new Map();
    data.facets.level.forEach(function (lv) { rows.set(lv[0], [[0, 0], [0, 0], [0, 0]]); });
    data.nodes.forEach(function (n) {
      var col = isDocument(n) ? 0 : n.kind === "task" ? 1 : 2;
      var cell = rows.get(n.band)[col];
      cell[1] += 1;
      if (shownNodes.has(n.id)) cell[0] += 1;
    });
    return rows;
  }
  function showOverview() {
    shownLine.textContent = fill(ui("shown"), {
      nodes: shownNodes.size, all_nodes: data.nodes.length,
      edges: shownEdges.size, all_edges: data.edges.length
    });
    shownLine.dataset.nodes = String(shownNodes.size);
    shownLine.dataset.edges = String(shownEdges.size);
    var rows = [countRow([ui("counts_level"), ui("counts_documents"), ui("counts_tasks"), ui("counts_units")], "th")];
    countsByLevel().forEach(function (cells, level) {
      rows.push(countRow([word("level", level)].concat(cells.map(function (c) {
        return c[0] === c[1] ? String(c[1]) : c[0] + "/" + c[1];
      })), "td"));
    });
    countsTable.replaceChildren.apply(countsTable, rows);
  }
  document.getElementById("aggregated").hidden = !data.aggregate;

  /* ---- filters ---- */

  var facetsBox = document.getElementById("facets");
  var unitInput = document.getElementById("unit-filter");
  var onlyLit = document.getElementById("only-lit-input");
  document.getElementById("only-lit").hidden = !g.lit.length;

  function facetBox(facet, values) {
    var box = el("fieldset", null, "facet");
    box.dataset.facet = facet;
    box.appendChild(el("legend", ui("filter_" + facet)));
    values.forEach(function (pair) {
      var value = pair[0];
      var label = el("label");
      var check = el("input");
      check.type = "checkbox";
      check.value = value;
      check.checked = !state.off[facet].has(value);
      check.addEventListener("change", function () {
        if (check.checked) state.off[facet].delete(value); else state.off[facet].add(value);
        refresh();
      });
      label.append(check, " " + word(facet, value) + " (" + pair[1] + ")");
      box.appendChild(label);
    });
    return box;
  }
  function showFacets() {
    var boxes = FACETS.filter(function (f) { return data.facets[f].length; })
      .map(function (f) { return facetBox(f, data.facets[f]); });
    facetsBox.replaceChildren.apply(facetsBox, boxes);
  }
  var unitTimer = null;
  unitInput.addEventListener("input", function () {
    clearTimeout(unitTimer);  // one refresh per pause in typing, not per key
    unitTimer = setTimeout(function () { state.unit = unitInput.value; refresh(); }, 150);
  });
  onlyLit.addEventListener("change", function () { state.onlyLit = onlyLit.checked; refresh(); });
  document.getElementById("reset-filters").addEventListener("click", function () {
    var fresh = openingState(state.lang);
    state.off = fresh.off;
    state.unit = unitInput.value = "";
    state.onlyLit = onlyLit.checked = false;
    showFacets();
    refresh();
  });

  /* ---- details panel ---- */

  var panel = document.getElementById("details-body");
  var selected = null;  // {node: id} or {edge: id}, to redraw the panel in another language

  function nodeButton(id) {
    var n = g.nodeById.get(id);
    return button(n ? n.label : id, function () { focusNode(id); }, "node-link");
  }
  function methodBadge(e) {
    return el("span", word("method", e.method), "method method-" + (e.method || UNKNOWN));
  }
  function quoteBlock(e) {
    return e.quote ? el("blockquote", e.quote) : el("blockquote", ui("no_quote"), "empty");
  }
  function addRow(dl, key, value) {
    dl.appendChild(el("dt", key));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
    dl.appendChild(dd);
  }
  function showHint() {
    selected = null;
    panel.replaceChildren(el("p", ui("details_hint"), "hint"));
  }
  function linkItem(e, id) {
    var li = el("li", null, e.highlight ? "is-highlight" : null);
    var line = el("div");
    var rel = el("span", word("relation", e.relation), "rel");
    if (e.from === id) line.append(rel, " → ", nodeButton(e.to));
    else line.append(nodeButton(e.from), " → ", rel);
    line.appendChild(methodBadge(e));
    li.append(line, quoteBlock(e));
    return li;
  }
  function planMemberIds(id) {
    var p = data.plans[id];
    return p.tasks.concat(p.units).map(function (i) { return data.nodes[i].id; });
  }
  function togglePlan(id) {
    var unfold = !state.expanded.has(id);
    if (unfold) state.expanded.add(id); else state.expanded.delete(id);
    relabel([id]);
    refresh();
    var inView = [id].concat(unfold ? planMemberIds(id) : []).filter(function (n) { return shownNodes.has(n); });
    network.fit({ nodes: inView, animation: { duration: 400 } });
    showNode(id);
  }
  function planBlock(id) {
    var p = el("p", planCounts(id) + " ", "plan");
    p.appendChild(button(ui(state.expanded.has(id) ? "collapse" : "expand"),
      function () { togglePlan(id); }, "plan-toggle"));
    return p;
  }
  function showNode(id) {
    var n = g.nodeById.get(id);
    if (!n) return showHint();
    selected = { node: id };
    var parts = [el("h3", n.label, "title")];
    parts.push(el("p", nodeMeta(n) + (n.highlight ? " · " + ui("highlighted") : ""), "meta"));
    if (!shownNodes.has(id)) parts.push(el("p", ui("hidden_by_filters"), "hint"));
    if (data.aggregate && data.plans[id]) parts.push(planBlock(id));
    var dl = el("dl");
    n.details.forEach(function (kv) { addRow(dl, word("detail", kv[0]), kv[1]); });
    addRow(dl, ui("iri"), n.id);
    parts.push(dl, el("h3", ui("links")));
    var links = g.edgesOf.get(id);
    if (!links.length) parts.push(el("p", ui("no_links"), "hint"));
    var ul = el("ul", null, "links");
    links.forEach(function (e) { ul.appendChild(linkItem(e, id)); });
    parts.push(ul);
    panel.replaceChildren.apply(panel, parts);
  }
  function showEdge(id) {
    var e = g.edgeById.get(id);
    if (!e) return showHint();
    selected = { edge: id };
    var dl = el("dl");
    addRow(dl, ui("from"), nodeButton(e.from));
    addRow(dl, ui("to"), nodeButton(e.to));
    addRow(dl, ui("relation"), word("relation", e.relation));
    addRow(dl, ui("method"), methodBadge(e));
    panel.replaceChildren(el("h3", word("relation", e.relation), "title"), dl, el("h3", ui("quote")), quoteBlock(e));
  }
  function showSelected() {
    if (selected && selected.node) showNode(selected.node);
    else if (selected && selected.edge) showEdge(selected.edge);
    else showHint();
  }

  /* Show a node that folding hides (a search hit, a link in the panel): unfold
   * the first plan holding it, or show it alone when no plan holds it. */
  function reveal(id) {
    if (shownNodes.has(id) || !data.aggregate) return;
    var plans = g.plansOf.get(id) || [];
    if (plans.some(function (p) { return state.expanded.has(p); })) return;  // hidden by a filter
    if (plans.length) {
      state.expanded.add(plans[0]);
      relabel([plans[0]]);
    } else {
      state.revealed.add(id);
    }
    refresh();
  }
  function focusNode(id) {
    if (!g.nodeById.has(id)) return;
    reveal(id);
    if (shownNodes.has(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: 1.1, animation: { duration: 500, easingFunction: "easeInOutQuad" } });
    }
    showNode(id);
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else showHint();
  });

  /* ---- search ---- */

  var index = searchIndex(data.nodes);
  var input = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var current = [];
  function resultItem(n) {
    var b = button(null, function () { focusNode(n.id); });
    b.append(el("span", n.label), el("span", nodeMeta(n), "meta"));
    var li = el("li");
    li.appendChild(b);
    return li;
  }
  function runSearch() {
    current = matchNodes(index, input.value);
    results.replaceChildren();
    status.textContent = "";
    if (!fold(input.value)) return;
    if (!current.length) { status.textContent = ui("no_match"); return; }
    current.slice(0, MAX_RESULTS).forEach(function (n) { results.appendChild(resultItem(n)); });
    if (current.length > MAX_RESULTS) {
      status.textContent = fill(ui("more_matches"), { n: current.length - MAX_RESULTS });
    }
  }
  input.addEventListener("input", runSearch);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && current.length) { ev.preventDefault(); focusNode(current[0].id); }
    if (ev.key === "Escape") { input.value = ""; runSearch(); }
  });

  /* ---- language ---- */

  function applyLanguage() {
    document.documentElement.lang = state.lang;
    document.title = T().title;
    document.getElementById("title").textContent = T().title;
    document.querySelectorAll("[data-ui]").forEach(function (node) { node.textContent = ui(node.dataset.ui); });
    document.querySelectorAll("[data-ui-placeholder]").forEach(function (node) {
      node.placeholder = ui(node.dataset.uiPlaceholder);
    });
    document.querySelectorAll("[data-table]").forEach(function (node) {
      node.textContent = word(node.dataset.table, node.dataset.key);
    });
    visNodes.update(Array.from(shownNodes, function (id) { return nodeLook(g.nodeById.get(id)); }));
    visEdges.update(Array.from(shownEdges, function (id) { return edgeLook(g.edgeById.get(id)); }));
    showFacets();
    showOverview();
    runSearch();
    showSelected();
  }
  document.getElementById("lang-switch").addEventListener("click", function () {
    state.lang = state.lang === "vi" ? "en" : "vi";
    applyLanguage();
  });

  document.getElementById("fit").addEventListener("click", function () {
    network.fit({ animation: { duration: 400 } });
  });

  showFacets();
  showOverview();

  var settled = false;
  function settle() {
    if (settled) return;
    settled = true;
    network.setOptions({ physics: { enabled: false } });
    if (data.focus) focusNode(data.focus);
    document.body.setAttribute("data-ready", "1");
  }
  if (physics) {
    network.once("stabilizationIterationsDone", settle);
    setTimeout(settle, 15000);
  } else {
    setTimeout(settle, 0);
  }
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main);
  else main();
}
if (typeof module !== "undefined") {
  module.exports = {
    fold: fold, searchIndex: searchIndex, matchNodes: matchNodes, prepare: prepare,
    openingState: openingState, visibleNodeIds: visibleNodeIds, visibleEdgeIds: visibleEdgeIds
  };
}
