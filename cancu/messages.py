"""What the command line says, in English and Vietnamese.

`CANCU_LANG=vi` switches to Vietnamese. Keys are short names;
a missing key is a bug that a test catches (every key has both languages).
"""

from __future__ import annotations

import os

MESSAGES: dict[str, dict[str, str]] = {
    "ingested": {
        "en": "Ingested {n} file(s): {new} new, {changed} changed, {unchanged} unchanged, {refused} refused.",
        "vi": "Đã nạp {n} tệp: {new} mới, {changed} thay đổi, {unchanged} không đổi, {refused} bị từ chối.",
    },
    "refused": {"en": "refused: {error}", "vi": "từ chối: {error}"},
    "store_at": {"en": "Graph store: {path} ({quads} quads)", "vi": "Kho đồ thị: {path} ({quads} bộ bốn)"},
    "view_written": {"en": "Interactive graph written to {path}", "vi": "Đã ghi bản đồ tương tác vào {path}"},
    "trace_of": {"en": "Trace of the task", "vi": "Chuỗi căn cứ của nhiệm vụ"},
    "mandates": {"en": "Central mandates carried out: {list}", "vi": "Văn bản Trung ương được thực hiện: {list}"},
    "no_mandate": {
        "en": "No central document is reached from this task (its chain stops at a local document).",
        "vi": "Không tìm thấy văn bản Trung ương nào từ nhiệm vụ này (chuỗi dừng ở văn bản địa phương).",
    },
    "try_next": {"en": "Try next:", "vi": "Thử tiếp:"},
    "demo_ingesting": {"en": "Ingesting the sample plans…", "vi": "Đang nạp các kế hoạch mẫu…"},
    "demo_trace": {"en": "A ward task traced to its central mandate:", "vi": "Một nhiệm vụ của phường, truy đến văn bản Trung ương:"},
    "col_step": {"en": "Step", "vi": "Bước"},
    "col_link": {"en": "Link", "vi": "Liên kết"},
    "col_method": {"en": "Method", "vi": "Phương pháp"},
    "col_evidence": {"en": "Evidence", "vi": "Bằng chứng"},
    "no_results": {"en": "No results.", "vi": "Không có kết quả."},
    "serving": {
        "en": "SPARQL endpoint (read-only) at {url}/query; query page {url}/, examples {url}/examples; "
              "queries stop after {timeout} s. Ctrl-C to stop.",
        "vi": "Điểm truy vấn SPARQL (chỉ đọc) tại {url}/query; trang truy vấn {url}/, truy vấn mẫu {url}/examples; "
              "truy vấn dừng sau {timeout} giây. Nhấn Ctrl-C để dừng.",
    },
    "serving_service": {
        "en": "SERVICE (federated) queries may call: {hosts}",
        "vi": "Truy vấn có SERVICE (liên kết) được gọi đến: {hosts}",
    },
    "choose": {"en": "Which one? (1–{n}, Enter for none)", "vi": "Chọn mục nào? (1–{n}, Enter để bỏ qua)"},
    "search_none": {"en": "Nothing found.", "vi": "Không tìm thấy."},
    "report_written": {"en": "Report written to {path}", "vi": "Đã ghi báo cáo vào {path}"},
    "rows_written": {"en": "{n} row(s) written to {path}", "vi": "Đã ghi {n} dòng vào {path}"},
    "conforms": {"en": "The store conforms to the shapes.", "vi": "Kho dữ liệu phù hợp với các ràng buộc (SHACL)."},
    "not_conforming": {
        "en": "The store does not conform: {n} problem(s), listed above.",
        "vi": "Kho dữ liệu chưa phù hợp: {n} lỗi, liệt kê ở trên.",
    },
    "note": {"en": "note:", "vi": "lưu ý:"},
    "disk_full": {
        "en": "the disk is full ({reason}); free some space, or write to another disk (--store, -o), "
              "and run the command again",
        "vi": "ổ đĩa đã đầy ({reason}); hãy giải phóng dung lượng, hoặc ghi sang ổ khác (--store, -o), "
              "rồi chạy lại lệnh",
    },
    "read_only_place": {
        "en": "the folder is read-only ({reason}); give one cancu may write to (--store, -o)",
        "vi": "thư mục chỉ đọc ({reason}); hãy chọn thư mục cancu được phép ghi (--store, -o)",
    },
    "no_such_place": {
        "en": "cannot be written there ({reason}); give the path of a file in a folder that exists",
        "vi": "không ghi được vào đó ({reason}); hãy chọn đường dẫn của một tệp trong thư mục có sẵn",
    },
    "not_permitted": {
        "en": "not permitted ({reason}); give a file or folder cancu may use (--store, -o), "
              "or change its permissions",
        "vi": "không có quyền ({reason}); hãy chọn tệp hoặc thư mục cancu được phép dùng (--store, -o), "
              "hoặc đổi quyền của nó",
    },
}


def language() -> str:
    lang = os.environ.get("CANCU_LANG", "en").lower()
    return "vi" if lang.startswith("vi") else "en"


def say(key: str, **values: object) -> str:
    """The message `key` in the user's language, filled in."""
    return MESSAGES[key][language()].format(**values)
