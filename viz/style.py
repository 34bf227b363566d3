"""How the graph view looks and what it says, as tables.

Everything the page shows that does not come from the documents lives here:
the Vietnamese and English words for relations, node kinds, levels and
methods, the UI strings, and the shape, colour and line style of each kind,
level, relation and method. `viz/__init__.py` only looks things up.

>>> RELATION_LABELS["vi"]["implements"], RELATION_LABELS["en"]["implements"]
('thực hiện', 'implements')
>>> METHOD_DASHES["inferred"]
[2, 4]
"""

from __future__ import annotations

LANGS = ("vi", "en")

# Top to bottom on the page; anything without a level goes in a band below.
LEVEL_ORDER = ("central", "province", "district", "commune")

KINDS = ("document", "stub", "task", "agency", "territory")

METHODS = ("stated", "curated", "inferred")

RELATION_LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "implements": "thực hiện",
        "basedOn": "căn cứ",
        "cites": "dẫn chiếu",
        "hasTask": "có nhiệm vụ",
        "leadUnit": "chủ trì",
        "cooperatingUnit": "phối hợp",
        "assignedTo": "giao cho",
        "derivedFrom": "triển khai từ",
        "issuedBy": "ban hành bởi",
        "inDocument": "thuộc văn bản",
        "jurisdiction": "quản lý địa bàn",
        "partOf": "thuộc",
        "subOrganizationOf": "trực thuộc",
    },
    "en": {
        "implements": "implements",
        "basedOn": "based on",
        "cites": "cites",
        "hasTask": "has task",
        "leadUnit": "lead unit",
        "cooperatingUnit": "cooperating unit",
        "assignedTo": "assigned to",
        "derivedFrom": "derived from",
        "issuedBy": "issued by",
        "inDocument": "in document",
        "jurisdiction": "jurisdiction",
        "partOf": "part of",
        "subOrganizationOf": "sub-organisation of",
    },
}

KIND_LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "document": "Văn bản",
        "stub": "Văn bản chỉ biết qua dẫn chiếu",
        "task": "Nhiệm vụ",
        "agency": "Cơ quan, đơn vị",
        "territory": "Đơn vị hành chính",
    },
    "en": {
        "document": "Document",
        "stub": "Document known only from citations",
        "task": "Task",
        "agency": "Agency",
        "territory": "Administrative unit",
    },
}

LEVEL_LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "central": "Trung ương",
        "province": "Cấp tỉnh",
        "district": "Cấp huyện",
        "commune": "Cấp xã",
        "none": "Chưa rõ cấp",
    },
    "en": {
        "central": "Central",
        "province": "Province",
        "district": "District",
        "commune": "Commune",
        "none": "Level unknown",
    },
}

METHOD_LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "stated": "nêu trong văn bản",
        "curated": "do chuyên viên xác lập",
        "inferred": "suy luận theo quy tắc",
        "none": "không rõ căn cứ",
    },
    "en": {
        "stated": "stated in the text",
        "curated": "curated by a person",
        "inferred": "inferred by a rule",
        "none": "no evidence recorded",
    },
}

UI_TEXT: dict[str, dict[str, str]] = {
    "vi": {
        "search_placeholder": "Tìm văn bản, đơn vị, nhiệm vụ…",
        "search_label": "Tìm kiếm",
        "no_match": "Không tìm thấy kết quả.",
        "more_matches": "Còn {n} kết quả khác — hãy gõ cụ thể hơn.",
        "legend": "Chú giải",
        "legend_kinds": "Loại nút",
        "legend_levels": "Cấp",
        "legend_methods": "Cách xác lập liên kết",
        "legend_highlight": "Đang làm nổi bật",
        "details": "Chi tiết",
        "details_hint": "Bấm vào một nút hoặc một liên kết để xem chi tiết.",
        "links": "Liên kết",
        "no_links": "Không có liên kết.",
        "relation": "Quan hệ",
        "method": "Cách xác lập",
        "quote": "Trích dẫn",
        "no_quote": "(không có trích dẫn)",
        "from": "Từ",
        "to": "Đến",
        "kind": "Loại",
        "level": "Cấp",
        "iri": "IRI",
        "fit": "Xem toàn bộ",
        "loading": "Đang sắp xếp sơ đồ…",
        "highlighted": "được làm nổi bật",
        "switch_lang": "English",
        "filters": "Bộ lọc",
        "filter_level": "Cấp",
        "filter_kind": "Loại nút",
        "filter_doc_type": "Loại văn bản",
        "filter_relation": "Quan hệ",
        "filter_method": "Cách xác lập liên kết",
        "filter_unit": "Đơn vị được giao",
        "filter_unit_placeholder": "Tên đơn vị, ví dụ: Văn phòng",
        "only_highlighted": "Chỉ phần được làm nổi bật và các nút kề",
        "reset_filters": "Bỏ mọi bộ lọc",
        "shown": "Đang hiện {nodes}/{all_nodes} nút, {edges}/{all_edges} liên kết.",
        "aggregated": "Đồ thị lớn: chỉ hiện các văn bản. Chọn một kế hoạch để hiện nhiệm vụ và đơn vị của nó.",
        "counts_level": "Cấp",
        "counts_documents": "Văn bản",
        "counts_tasks": "Nhiệm vụ",
        "counts_units": "Đơn vị",
        "doc_type": "Loại văn bản",
        "plan_tasks": "{tasks} nhiệm vụ",
        "plan_units": "{units} đơn vị",
        "expand": "Hiện nhiệm vụ và đơn vị",
        "collapse": "Thu gọn",
        "hidden_by_filters": "Nút này đang bị bộ lọc ẩn.",
    },
    "en": {
        "search_placeholder": "Find documents, agencies, tasks…",
        "search_label": "Search",
        "no_match": "No match.",
        "more_matches": "{n} more matches — type more to narrow them.",
        "legend": "Legend",
        "legend_kinds": "Node kinds",
        "legend_levels": "Levels",
        "legend_methods": "How a link was established",
        "legend_highlight": "Highlighted",
        "details": "Details",
        "details_hint": "Click a node or a link to see its details.",
        "links": "Links",
        "no_links": "No links.",
        "relation": "Relation",
        "method": "Method",
        "quote": "Quote",
        "no_quote": "(no quote)",
        "from": "From",
        "to": "To",
        "kind": "Kind",
        "level": "Level",
        "iri": "IRI",
        "fit": "Fit to screen",
        "loading": "Laying out the graph…",
        "highlighted": "highlighted",
        "switch_lang": "Tiếng Việt",
        "filters": "Filters",
        "filter_level": "Level",
        "filter_kind": "Node kind",
        "filter_doc_type": "Document type",
        "filter_relation": "Relation",
        "filter_method": "How a link was established",
        "filter_unit": "Assigned unit",
        "filter_unit_placeholder": "A unit's name, e.g. Văn phòng",
        "only_highlighted": "Only the highlighted part and its neighbours",
        "reset_filters": "Reset filters",
        "shown": "Showing {nodes}/{all_nodes} nodes, {edges}/{all_edges} links.",
        "aggregated": "A large graph: only documents are shown. Select a plan to show its tasks and units.",
        "counts_level": "Level",
        "counts_documents": "Documents",
        "counts_tasks": "Tasks",
        "counts_units": "Units",
        "doc_type": "Document type",
        "plan_tasks": "{tasks} tasks",
        "plan_units": "{units} units",
        "expand": "Show its tasks and units",
        "collapse": "Collapse",
        "hidden_by_filters": "This node is hidden by the filters.",
    },
}

# Document types by their Vietnamese name (graph/view.py gives `ViewNode.doc_type`
# from ingest/doctypes.py); Vietnamese shows the name itself.
DOC_TYPE_LABELS: dict[str, dict[str, str]] = {
    "vi": {"none": "(không rõ)"},
    "en": {
        "Kế hoạch": "Plan",
        "Quyết định": "Decision",
        "Nghị quyết": "Resolution",
        "Nghị quyết liên tịch": "Joint resolution",
        "Chỉ thị": "Directive",
        "Nghị định": "Decree",
        "Thông tư": "Circular",
        "Thông tư liên tịch": "Joint circular",
        "Chương trình": "Programme",
        "Kết luận": "Conclusion",
        "Công văn": "Official letter",
        "Văn bản hợp nhất": "Consolidated text",
        "Văn bản": "Document",
        "Bộ luật": "Code",
        "Luật": "Law",
        "Hiến pháp": "Constitution",
        "Pháp lệnh": "Ordinance",
        "Đề án": "Scheme",
        "Chiến lược": "Strategy",
        "Quy tắc": "Rules",
        "Quy chế": "Statute",
        "Quy định": "Regulation",
        "Điều lệ": "Charter",
        "Hướng dẫn": "Guidance",
        "Thông báo": "Notice",
        "Thông báo kết luận": "Notice of conclusions",
        "Báo cáo": "Report",
        "Tờ trình": "Submission",
        "Công điện": "Official dispatch",
        "none": "(unknown)",
    },
}

# Detail keys as graph/view.py writes them (Vietnamese); a key not listed here
# is shown as given in both languages.
DETAIL_KEYS: dict[str, dict[str, str]] = {
    "vi": {},
    "en": {
        "Số": "Number",
        "Cơ quan ban hành": "Issued by",
        "Ngày": "Date",
        "Trích yếu": "Summary",
        "Nội dung": "Text",
        "Mục": "Section",
        "Đơn vị": "Unit",
        "Hạn": "Deadline",
        "Tệp nguồn": "Source file",
        "Mã": "Code",
    },
}

# Fill colour of a level; documents are filled with it, tasks with its tint,
# and agencies and territories wear it as their border.
LEVEL_COLOURS: dict[str, str] = {
    "central": "#c62828",
    "province": "#ef6c00",
    "district": "#2e7d32",
    "commune": "#1565c0",
    "none": "#616161",
}
LEVEL_TINTS: dict[str, str] = {
    "central": "#ffcdd2",
    "province": "#ffe0b2",
    "district": "#c8e6c9",
    "commune": "#bbdefb",
    "none": "#e0e0e0",
}

# One vis-network shape per kind.  "fill" is the background: "level" means the
# level's colour, "tint" its pale tint, anything else a fixed colour.
KIND_STYLES: dict[str, dict[str, object]] = {
    "document": {"shape": "box", "fill": "level", "font": "#ffffff", "dashes": False},
    "stub": {"shape": "box", "fill": "#ffffff", "font": "#212121", "dashes": [5, 4]},
    "task": {"shape": "ellipse", "fill": "tint", "font": "#212121", "dashes": False},
    "agency": {"shape": "hexagon", "fill": "#6a1b9a", "font": "#212121", "dashes": False},
    "territory": {"shape": "triangle", "fill": "#00838f", "font": "#212121", "dashes": False},
}
DEFAULT_KIND_STYLE: dict[str, object] = {
    "shape": "dot", "fill": "#9e9e9e", "font": "#212121", "dashes": False,
}

# Line style by evidence method: vis-network `dashes` (False = solid).
METHOD_DASHES: dict[str, object] = {
    "stated": False,
    "curated": [10, 6],
    "inferred": [2, 4],
}
NO_METHOD_DASHES: object = False

RELATION_COLOURS: dict[str, str] = {
    "implements": "#37474f",
    "basedOn": "#37474f",
    "cites": "#78909c",
    "hasTask": "#8d6e63",
    "leadUnit": "#6a1b9a",
    "cooperatingUnit": "#9c27b0",
    "assignedTo": "#9c27b0",
    "derivedFrom": "#5d4037",
    "issuedBy": "#6a1b9a",
}
DEFAULT_RELATION_COLOUR = "#90a4ae"

HIGHLIGHT_COLOUR = "#ffb300"
DIM_OPACITY = 0.18

# Vertical placement: each level is a band ROW_HEIGHT tall; within it
# documents sit at the top, their tasks just under them, agencies and
# territories at the bottom.
ROW_HEIGHT = 420
BAND_OFFSETS: dict[str, int] = {
    "document": 0,
    "stub": 0,
    "task": 140,
    "agency": 280,
    "territory": 280,
}
DEFAULT_BAND_OFFSET = 280

# A band with more documents than fit in one row (a city's hundreds of ward
# plans) folds them into rows DOC_ROW_HEIGHT apart and grows by as much, so
# that the page's overview is not one line a hundred thousand pixels long.
MAX_DOCS_PER_ROW = 30
DOC_ROW_HEIGHT = 90

# Longer labels are cut on the canvas; the panel shows the whole text.
MAX_LABEL_CHARS = 60

# Above this many nodes the page opens with documents only (each plan folded
# over its tasks and units) and without physics: vis-network stays responsive
# with a few hundred nodes on screen, not with a city's thousands.
AGGREGATE_ABOVE = 600


def lookup(table: dict[str, dict[str, str]], lang: str, key: str | None) -> str:
    """The label of `key` in `lang`, or the key itself when the table has none.

    >>> lookup(RELATION_LABELS, "vi", "basedOn"), lookup(RELATION_LABELS, "vi", "replaces")
    ('căn cứ', 'replaces')
    """
    name = key if key is not None else "none"
    return table[lang].get(name, name)


def page_texts(titles: dict[str, str]) -> dict[str, dict[str, object]]:
    """Every word the page can show, in every language, for switching in the page.

    >>> texts = page_texts({"vi": "Bản đồ", "en": "Map"})
    >>> texts["en"]["title"], texts["en"]["relation"]["basedOn"], texts["en"]["detail"]["Hạn"]
    ('Map', 'based on', 'Deadline')
    """
    return {
        lang: {
            "title": titles[lang],
            "ui": UI_TEXT[lang],
            "kind": KIND_LABELS[lang],
            "level": LEVEL_LABELS[lang],
            "relation": RELATION_LABELS[lang],
            "method": METHOD_LABELS[lang],
            "doc_type": DOC_TYPE_LABELS[lang],
            "detail": DETAIL_KEYS[lang],
        }
        for lang in LANGS
    }
