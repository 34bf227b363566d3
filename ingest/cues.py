"""Cue words of the "Tổ chức thực hiện" part, as data.

Every cue is written folded (lower-case ASCII, no diacritics) and is matched
through `fold.tolerant`, so "Chủ trì", "Chu tri" and OCR's "Chu tri" all hit.
Each table is exercised by examples in tests/test_cues.py.
"""

from __future__ import annotations

# --- the header ----------------------------------------------------------

# The preamble opens with these: "Thực hiện …" (implements), "Căn cứ …" (based on).
PREAMBLE_CUES = ("thuc hien", "can cu")

# The mottos printed opposite the issuer: the state's two lines, the Party's one line, and the
# English pages of a legal-text site. The header is read around them, so a site's summary
# printed above the document ("Ngày 25/11/2025, Chính phủ ban hành …") is not read as its header.
# (regular expression on folded text, counts only when printed in capitals: the state's name is
# also written in a preamble, "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam").
MOTTO_CUES = (
    (r"cong hoa xa hoi chu nghia viet ?nam", True),
    (r"doc lap\s*-\s*tu do\s*-\s*hanh phuc", False),
    (r"dang cong san viet ?nam", True),
    (r"socialist republic of viet ?nam", True),
    (r"independence\s*-\s*freedom\s*-\s*happiness", False),
)

# The label of the document's own number: "Số: 41/KH-UBND", OCR's "S6:", the Party's "Số 45-KH/HU",
# an English page's "No.: 110/2025/TT-BTC".
NUMBER_LABELS = ("so", "no")

# The subject line of an official letter (Công văn), which prints no type word: "V/v hướng dẫn
# góp vốn điều lệ" under "Số: 5348/CT-CS". In a title it is written out ("V/V HỖ TRỢ …" → "Về việc …").
SUBJECT_LINE_CUES = ("v/v",)
SUBJECT_LINE_PRINTED = "Về việc"

# A letter's addressee line closes its header: "Kính gửi: Bộ Nông nghiệp và Môi trường."
ADDRESSEE_CUES = ("kinh gui",)

# Words after which a title line goes on below ("… KẾT LUẬN CỦA" / "PHÓ THỦ TƯỚNG …"): the next
# capitals line is the title's, not the authority line of a decision.
TITLE_GOES_ON_AFTER = ("cua", "va", "cho", "ve", "tai", "thuoc", "voi", "den", "tren", "trong", "theo", "nam", "so", "ngay")

# The year a plan is for (gold dev notes: "year_in_scope"): the first year of "giai đoạn 2026 -
# 2030" in the title, else the year of "năm 2026" in it; a horizon ("đến năm 2030", "tầm nhìn đến
# năm 2045", "định hướng đến năm 2045") is not the year the plan is for. Else the year issued.
SCOPE_PERIOD_CUES = ("giai doan",)
SCOPE_HORIZON_CUES = ("den", "den het", "toi", "tam nhin", "dinh huong")
# Rules apply from their issue: the years in the title of a decree or a circular are those of
# what it amends or governs ("… Thông tư số 55/2023/TT-BTC … giai đoạn 2021 - 2025").
SCOPE_FROM_ISSUE_TYPES = ("Nghị định", "Thông tư", "Thông tư liên tịch", "Luật", "Bộ luật", "Pháp lệnh",
                          "Hiến pháp", "Văn bản hợp nhất")

# Words after which a type name in a title names a document and is capitalised ("Ban hành Kế
# hoạch …", "thực hiện Đề án “…”", "thuộc Chương trình mục tiêu quốc gia …"); so is a type name
# before "số", a number or a quotation mark. Elsewhere it is a common noun ("pháp luật").
TITLE_DOCUMENT_VERBS = (
    "ban hanh", "thuc hien", "trien khai", "thuoc", "phe duyet", "sua doi", "bo sung", "bai bo",
    "thay the", "huong dan", "cong bo", "ap dung", "theo", "cua",
)

# A resolution without a dated header line gives its date in its closing formula: "Nghị quyết này
# được Ủy ban Thường vụ Quốc hội … thông qua ngày 16 tháng 6 năm 2025."
ADOPTION_DATE_CUES = ("thong qua ngay",)

# English month names, for a site's English pages ("Hanoi, November 19, 2025").
ENGLISH_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)

# A website's metadata block (thuvienphapluat and the like) before the text: label → field.
# Examples: "**Số hiệu:**", "**Nơi ban hành:**", "**Người ký:**" in one site's table (every crawl
# of corpus/real); "Số hiệu 25/KH-UBND", "Cơ quan ban hành Thành phố Hà Nội" as another site
# prints them, one per line (sample 003). None: a field cancu does not use.
METADATA_FIELDS = {
    "so hieu": "number",
    "ngay ban hanh": "date",
    "loai van ban": "doc_type",
    "co quan ban hanh": "issuer",
    "noi ban hanh": "issuer",
    "nguoi ky": "signer",
    "ngay hieu luc": None,
    "ngay co hieu luc": None,
    "ngay cong bao": None,
    "so cong bao": None,
    "tinh trang": None,
    "linh vuc": None,
}

# A legal-text site prints, before the document, its copyright notice, a legend of its colour
# marks and "Đang tải văn bản..." (the last line of its banner); then its metadata table. After
# the document it prints its own title of it, then one of these notes and pages of related
# documents: "Văn bản này chưa cập nhật nội dung Tiếng Anh" (207 of the 213 crawls of the site in
# corpus/real), "## Văn bản liên quan" (its English translations), "Cảm ơn đã dùng ThuVienPhapLuat.vn".
BANNER_END_CUES = ("dang tai van ban",)
TRAILER_CUES = (
    "van ban nay chua cap nhat noi dung tieng anh",
    "van ban lien quan",
    "cam on da dung thuvienphapluat.vn",
)

# Titles in the signature block, folded → as printed in the extraction; longest first.
# "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" (UBND), "KT. BỘ TRƯỞNG, CHỦ NHIỆM / PHÓ CHỦ NHIỆM" (Văn phòng
# Chính phủ), "KT. BỘ TRƯỞNG / THỨ TRƯỞNG", "TL. CỤC TRƯỞNG / KT. TRƯỞNG BAN … / PHÓ TRƯỞNG BAN"
# (Cục Thuế), "KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG", "T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ THƯỜNG TRỰC".
SIGNER_TITLES = (
    ("pho bi thu thuong truc", "Phó Bí thư Thường trực"),
    ("pho chu tich thuong truc", "Phó Chủ tịch Thường trực"),
    ("pho thu tuong thuong truc", "Phó Thủ tướng Thường trực"),
    ("pho chanh van phong", "Phó Chánh Văn phòng"),
    ("chanh van phong", "Chánh Văn phòng"),
    ("pho tong cuc truong", "Phó Tổng cục trưởng"),
    ("tong cuc truong", "Tổng cục trưởng"),
    ("pho tong kiem toan nha nuoc", "Phó Tổng Kiểm toán nhà nước"),
    ("tong kiem toan nha nuoc", "Tổng Kiểm toán nhà nước"),
    ("pho tong giam doc", "Phó Tổng Giám đốc"),
    ("tong giam doc", "Tổng Giám đốc"),
    ("pho chu tich", "Phó Chủ tịch"),
    ("chu tich", "Chủ tịch"),
    ("pho chu nhiem", "Phó Chủ nhiệm"),
    ("chu nhiem", "Chủ nhiệm"),
    ("pho giam doc", "Phó Giám đốc"),
    ("giam doc", "Giám đốc"),
    ("pho cuc truong", "Phó Cục trưởng"),
    ("cuc truong", "Cục trưởng"),
    ("pho vu truong", "Phó Vụ trưởng"),
    ("vu truong", "Vụ trưởng"),
    ("pho truong phong", "Phó Trưởng phòng"),
    ("truong phong", "Trưởng phòng"),
    ("pho bi thu", "Phó Bí thư"),
    ("bi thu", "Bí thư"),
    ("pho truong ban", "Phó Trưởng ban"),
    ("truong ban", "Trưởng ban"),
    ("pho thu tuong", "Phó Thủ tướng"),
    ("thu tuong", "Thủ tướng"),
    ("thu truong thuong truc", "Thứ trưởng Thường trực"),
    ("thu truong", "Thứ trưởng"),
    ("bo truong", "Bộ trưởng"),
    ("pho thong doc", "Phó Thống đốc"),
    ("thong doc", "Thống đốc"),
    ("pho chanh thanh tra", "Phó Chánh Thanh tra"),
    ("chanh thanh tra", "Chánh Thanh tra"),
    ("tong thanh tra", "Tổng Thanh tra"),
)

# Who signs for whom, in front of a title or a body: "KT." (ký thay), "TM." / "T/M" (thay mặt),
# "TL." (thừa lệnh), "TUQ." (thừa ủy quyền), "Q." (quyền).
SIGNATURE_PREFIXES = ("kt", "tm", "t/m", "tl", "t/l", "tuq", "q")

# Marks between the title and the name, or a rank in front of the name: "(Đã ký)", "Đại tướng".
SIGNED_MARKS = ("da ky", "ky ten", "ky, dong dau", "ky ten, dong dau", "daky")
SIGNER_RANKS = (
    "dai tuong", "thuong tuong", "trung tuong", "thieu tuong", "dai ta", "thuong ta", "trung ta", "thieu ta",
)

# A body named in the header under its parent, by its organ only: "ỦY BAN MTTQ VIỆT NAM TỈNH
# QUẢNG NAM / BAN THƯỜNG TRỰC" is "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Nam".
ORGANS_OF_PARENT = (
    ("ban thuong truc", "Ban Thường trực"),
    ("ban thuong vu", "Ban Thường vụ"),
    ("thuong truc", "Thường trực"),
    ("dang doan", "Đảng đoàn"),
    ("ban can su dang", "Ban cán sự đảng"),
)

# --- the closing part --------------------------------------------------------

# The distribution list: "Nơi nhận:"; its archive line "Lưu: VT, NV." is not a recipient.
RECIPIENTS_CUES = ("noi nhan",)
ARCHIVE_CUES = ("luu",)

# --- the duties ------------------------------------------------------------

# Section headings (Roman level) whose items are duties.
# "IV. TỔ CHỨC THỰC HIỆN"; "V. BÁO CÁO TÌNH HÌNH THỰC HIỆN" (a reporting section after it).
TASK_SECTION_CUES = ("to chuc thuc hien", "trach nhiem thuc hien", "phan cong nhiem vu", "phan cong thuc hien")
REPORT_SECTION_CUES = ("bao cao", "che do bao cao", "thong tin bao cao")

# A directive has no "Tổ chức thực hiện": its duties follow a sentence that ends
# "… Chủ tịch UBND tỉnh yêu cầu:" / "… chỉ thị:" / "… giao nhiệm vụ như sau:".
DUTIES_FOLLOW_CUES = ("yeu cau:", "chi thi:", "yeu cau cac", "giao nhiem vu", "de nghi:", "yeu cau nhu sau:")

# Sentences that close the document: no duty follows them.
CLOSING_CUES = (
    "tren day la",
    "ke hoach nay duoc (pho bien|quan triet|trien khai) (den|toi)",
    "noi nhan",
    "yeu cau thu truong",
    "yeu cau cac co quan",
    "trong qua trinh (trien khai |to chuc )?thuc hien,? neu co",
)

# Formulas that close the duties without being one ("… nghiêm túc triển khai thực hiện Chỉ thị này").
CLOSING_FORMULA_CUES = ("nghiem tuc (trien khai )?thuc hien (chi thi|ke hoach|quyet dinh) nay", "chiu trach nhiem thi hanh")

# Headings that ask rather than assign: Party bodies and the Front are not
# subordinate to the People's Committee ("Đề nghị Ban Tuyên giáo Quận ủy").
REQUEST_CUES = ("kinh de nghi", "de nghi")

# Words in front of a unit heading that are not part of the unit's name.
UNIT_PREFIX_CUES = ("giao", "kinh de nghi", "de nghi", "trach nhiem cua", "nhiem vu cua")

# Openings that set the scene before the subject: "Căn cứ Kế hoạch này, UBND các phường …".
LEADING_ADVERBIAL_CUES = (
    "can cu (vao )?(noi dung )?ke hoach nay,?",
    "tren co so (noi dung )?ke hoach nay,?",
    "theo chuc nang,? nhiem vu( duoc giao)?,?",
    "hang quy,?",
    "hang thang,?",
    "hang nam,?",
    "dinh ky,?",
    "de nghi",
    "kinh de nghi",
)

# The opening verb of a duty decides its role (gold/README: "the opening verb of
# the item decides"). Checked in this order; `propose` cues are whole openings.
ROLE_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("lead", ("chu tri", "la co quan thuong truc", "la co quan dau moi", "la don vi dau moi", "lam dau moi")),
    ("cooperate", ("phoi hop", "chu dong phoi hop", "tich cuc phoi hop", "tiep tuc phoi hop")),
    ("report", ("bao cao", "long ghep bao cao", "gui bao cao", "tong hop,? bao cao", "dinh ky bao cao", "thuc hien bao cao", "thuc hien che do bao cao")),
    ("propose", ("de xuat", "nghien cuu,? de xuat", "tong hop,? de xuat", "tong hop va de xuat", "tham muu,? de xuat khen")),
)
# A series of verbs that ends in "đề xuất" also proposes: "Phát hiện, biểu dương và đề xuất UBND quận khen thưởng".
PROPOSE_SERIES = r"^(?:[a-z]+(?: [a-z]+)?, ){0,3}[a-z]+(?: [a-z]+)? va de xuat\b"

# Words between the subject and the opening verb: "… có trách nhiệm chủ trì", "… theo chức năng, nhiệm vụ, phối hợp".
BEFORE_VERB_CUES = (
    "co trach nhiem", "chiu trach nhiem", "theo chuc nang,? nhiem vu( duoc giao)?", "duoc giao",
    # "Định kỳ 6 tháng, hằng năm báo cáo …": the frequency comes first, then the verb.
    "dinh ky( \\d+ thang| hang (nam|quy|thang))*", "hang (nam|quy|thang)", "\\d+ thang", "moi (nam|quy|thang)",
)

# Words that end the list of partners after "phối hợp với": "… với Phòng Nội vụ trong tổng hợp …".
PARTNERS_END_CUES = ("trong", "de", "nham", "dong thoi", "theo")

# Verbs that end the subject of a sentence: what comes before them names the unit.
SUBJECT_END_CUES = (
    "chu tri", "phoi hop", "chu dong", "co trach nhiem", "chiu trach nhiem", "xay dung", "to chuc",
    "trien khai", "thuc hien", "gui", "bao cao", "tham muu", "theo doi", "co it nhat", "dam bao",
    "theo chuc nang", "khan truong", "tiep tuc", "tang cuong", "day manh", "quan triet", "cap nhat",
    "huong dan", "kiem tra", "tong hop", "nghien cuu", "de xuat", "rasoat", "ra soat", "bo tri",
    "lua chon", "cung cap", "phat huy", "ban hanh", "can cu", "la co quan", "lam",
)

# Heads of unit names: a phrase that starts with one of these names a body.
UNIT_HEADS: tuple[tuple[str, str], ...] = (
    # (folded head, unit kind)
    ("thu truong cac co quan chuyen mon", "specialised_office"),
    ("thu truong cac phong", "specialised_office"),
    ("chu tich uy ban nhan dan", "people_committee"),
    ("chu tich ubnd", "people_committee"),
    ("uy ban nhan dan", "people_committee"),
    ("ubnd", "people_committee"),
    ("uy ban mat tran", "front_and_mass_org"),
    ("uy ban mttq", "front_and_mass_org"),
    ("ubmttq", "front_and_mass_org"),
    ("mat tran to quoc", "front_and_mass_org"),
    ("mttq", "front_and_mass_org"),
    ("cac doan the", "front_and_mass_org"),
    ("cac to chuc chinh tri", "front_and_mass_org"),
    ("doan thanh nien", "front_and_mass_org"),
    ("hoi lien hiep phu nu", "front_and_mass_org"),
    ("hoi nong dan", "front_and_mass_org"),
    ("hoi cuu chien binh", "front_and_mass_org"),
    ("lien doan lao dong", "front_and_mass_org"),
    ("ban tuyen giao", "party_body"),
    ("ban dan van", "party_body"),
    ("ban to chuc", "party_body"),
    ("khoi tuyen giao", "party_body"),
    ("thanh uy", "party_body"),
    ("tinh uy", "party_body"),
    ("quan uy", "party_body"),
    ("huyen uy", "party_body"),
    ("thi uy", "party_body"),
    ("dang uy", "party_body"),
    ("van phong", "specialised_office"),
    ("cac phong", "specialised_office"),
    ("phong", "specialised_office"),
    ("bo phan", "specialised_office"),
    ("cac bo phan", "specialised_office"),
    ("cong chuc", "specialised_office"),
    ("cac so", "specialised_office"),
    ("so", "specialised_office"),
    ("thanh tra", "specialised_office"),
    ("trung tam", "public_service_unit"),
    ("dai truyen thanh", "public_service_unit"),
    ("dai phat thanh", "public_service_unit"),
    ("dai", "public_service_unit"),
    ("cac don vi su nghiep", "public_service_unit"),
    ("don vi su nghiep", "public_service_unit"),
    ("ban quan ly", "public_service_unit"),
    ("ban chi dao", "other"),
    ("cac co quan", "other"),
    ("cac don vi", "other"),
    ("cac nganh", "other"),
    ("cac ban", "other"),
    ("cac xa", "people_committee"),
    ("cac phuong", "people_committee"),
    ("doanh nghiep", "other"),
    ("cong an", "other"),
    ("bo chi huy quan su", "other"),
    ("ban chi huy quan su", "other"),
    ("co quan bao chi", "other"),
    ("bao chi", "other"),
    ("vien kiem sat", "other"),
    ("toa an", "other"),
    ("kho bac", "other"),
    ("chi cuc", "specialised_office"),
    ("cuc", "specialised_office"),
    ("bo noi vu", "other"),
    ("bo tu phap", "other"),
    ("bo tai chinh", "other"),
    ("bo thong tin va truyen thong", "other"),
    ("dang doan", "party_body"),
    ("ban can su dang", "party_body"),
    ("uy ban kiem tra", "party_body"),
    ("van phong huyen uy", "party_body"),
    ("van phong tinh uy", "party_body"),
    ("cac chi bo", "party_body"),
    ("cac chi, dang bo", "party_body"),
    ("cac dang bo", "party_body"),
    ("chi bo", "party_body"),
    ("dang bo", "party_body"),
    ("ban thuong truc", "front_and_mass_org"),
    ("ban thuong vu", "party_body"),
    ("to cong nghe so", "other"),
    ("to cong tac", "other"),
)

# Frequency words → recurrence. The most frequent one found wins.
RECURRENCE_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("monthly", ("hang thang", "moi thang", "thang mot lan")),
    ("quarterly", ("hang quy", "moi quy", "quy mot lan", "quy i\\b", "quy iii", "9 thang", "chin thang")),
    ("semiannual", ("6 thang", "sau thang", "nua nam", "6 thang mot lan")),
    ("annual", ("hang nam", "moi nam", "ca nam", "bao cao nam", "nam mot lan")),
    ("periodic", ("dinh ky", "thuong xuyen")),
)
# "6 tháng" inside a quarterly series (quý I, 6 tháng, 9 tháng, cả năm) is quarterly reporting.
RECURRENCE_ORDER = ("monthly", "quarterly", "semiannual", "annual", "periodic")

# Words that make a table's time column a recurrence ("Hằng quý") rather than a deadline ("Quý III/2025").
FREQUENCY_WORDS = ("hang", "moi", "dinh ky", "thuong xuyen")

# Cues that a full date nearby is the duty's deadline, not a document's date.
DEADLINE_CUES = (
    "cham nhat", "truoc ngay", "truoc", "hoan thanh", "thoi han", "han chot", "xong truoc",
    "den ngay", "trong ngay", "ket thuc",
)

# A paragraph that only gives the timing of the duty before it.
TIMING_PARAGRAPH_CUES = (
    "thoi gian",
    "thoi han",
    "bao cao (quy|6 thang|nam|dinh ky|hang|sau thang|9 thang)",
    "che do bao cao",
)

# Numeric targets: "tối thiểu 12 tin/bài trong năm", "ít nhất 02 tin/bài".
QUANTITY_PATTERN = (
    r"\b(?:toi thieu|it nhat|khong it hon|dat tu|dat)\s+\d+(?:[.,]\d+)?\s*(?:%|[a-z/]+(?:,?\s+(?!(?:ve|cho|tren|cua|de|tai|va|ve|trong|phat|duoc|dang)\b)[a-z/]+){0,2})"
    r"(?:\s+(?:trong nam|hang thang|hang quy|hang nam|moi thang|moi quy|moi nam))?"
)

# Columns of a table of tasks, recognised by their header ("STT | Nội dung | Cơ quan chủ trì | …").
TABLE_COLUMN_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("number", ("stt", "tt", "so tt", "so thu tu")),
    ("lead", ("co quan chu tri", "don vi chu tri", "chu tri", "co quan thuc hien", "don vi thuc hien",
              "don vi phu trach", "co quan, don vi chu tri", "trach nhiem chu tri", "co quan, don vi thuc hien")),
    ("cooperate", ("co quan phoi hop", "don vi phoi hop", "phoi hop")),
    ("time", ("thoi gian hoan thanh", "thoi gian thuc hien", "thoi gian", "thoi han", "tien do", "moc thoi gian")),
    ("product", ("san pham", "ket qua dau ra", "ket qua")),
    ("content", ("noi dung nhiem vu", "noi dung cong viec", "noi dung", "nhiem vu", "ten nhiem vu", "cong viec",
                 "hoat dong", "nhiem vu, giai phap")),
)
