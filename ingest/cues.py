"""Cue words of the "Tổ chức thực hiện" part, as data.

Every cue is written folded (lower-case ASCII, no diacritics) and is matched
through `fold.tolerant`, so "Chủ trì", "Chu tri" and OCR's "Chu tri" all hit.
Each table is exercised by examples in tests/test_cues.py.
"""

from __future__ import annotations

# --- the header ----------------------------------------------------------

# The preamble opens with these: "Thực hiện …" (implements), "Căn cứ …" (based on), and the
# other ways a document names what it carries out: "Triển khai thực hiện Nghị quyết số 57-NQ/TW …",
# "Tiếp tục thực hiện Chỉ thị …", "Để tiếp tục thực hiện nghiêm Chỉ thị số 05/CT-TTg …" (a
# directive's reasons, then its link upward), "Triển khai Kế hoạch số …"; an official letter's
# "Cục Thuế nhận được công văn số 324/… ngày … của …", "Ủy ban nhân dân tỉnh nhận được Công văn số …".
# ("Sau khi nhận được văn bản …", "05 ngày kể từ ngày nhận được văn bản …" set a time: no link upward.)
RECEIVED_CUE = "((?!(khi|ngay|trong) )\\w+ ){1,10}?nhan duoc (cong van|van ban|cong dien|quyet dinh|thong bao|ke hoach|to trinh|bao cao|chi thi)"
PREAMBLE_CUES = (
    "thuc hien",
    "can cu",
    "(de )?(tiep tuc )?(trien khai )?thuc hien",
    "(de )?(tiep tuc )?trien khai",
    RECEIVED_CUE,
)

# --- references --------------------------------------------------------------

# The cue that opens a clause of the preamble, and the relation of the documents it names (gold
# README, "Basis"; examples as under PREAMBLE_CUES). None: the clause names documents that are no
# basis but are cited: "Theo đề nghị của Sở Tài chính tại Công văn số …", "Xét Tờ trình số …".
BASIS_CUES: tuple[tuple[str, str | None], ...] = (
    ("(de )?(tiep tuc )?(trien khai )?thuc hien", "implements"),
    ("(de )?(tiep tuc )?trien khai", "implements"),
    (RECEIVED_CUE, "implements"),
    ("can cu( vao)?", "based_on"),
    ("theo de nghi", None),
    ("theo de xuat", None),
    ("xet de nghi", None),
    ("xet", None),
)

# An official named in front of the body whose act he signs: "Quyết định số 1644/QĐ-BXD … của Bộ
# trưởng Bộ Xây dựng", "Thông tư … của Bộ trưởng Bộ Thông tin và Truyền thông", "của Thống đốc
# Ngân hàng Nhà nước Việt Nam", "của Giám đốc Sở Y tế": the issuer is the body.
OFFICIAL_TITLES = ("bo truong", "thu truong", "thong doc", "giam doc", "chu nhiem")

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
TASK_SECTION_CUES = ("to chuc thuc hien", "trach nhiem thuc hien", "phan cong nhiem vu", "phan cong thuc hien",
                     # a regulation's articles: "Điều 8. Trách nhiệm của các sở, ban, ngành", "Trách nhiệm thi hành"
                     "trach nhiem cua", "trach nhiem thi hanh", "^trach nhiem")
REPORT_SECTION_CUES = ("bao cao", "che do bao cao", "thong tin bao cao")

# A directive has no "Tổ chức thực hiện": its duties follow a sentence that ends
# "… Chủ tịch UBND tỉnh yêu cầu:" / "… chỉ thị:" / "… giao nhiệm vụ như sau:".
DUTIES_FOLLOW_CUES = ("yeu cau:", "chi thi:", "yeu cau cac", "giao nhiem vu", "de nghi:", "yeu cau nhu sau:",
                      # A letter or a notice of the Government's office: "… Phó Thủ tướng Chính phủ có ý kiến
                      # như sau:", "… chỉ đạo như sau:", "… kết luận và chỉ đạo như sau:", "… đề nghị các đơn vị …:".
                      "co y kien (chi dao )?nhu sau:", "chi dao nhu sau:", "ket luan va chi dao nhu sau:",
                      "de nghi (cac|quy|ong|ba)")

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
CLOSING_FORMULA_CUES = ("nghiem tuc (to chuc )?(trien khai,? )?(thuc hien )?(chi thi|ke hoach|quyet dinh|cong van|thong bao) nay",
                        "chiu trach nhiem thi hanh",
                        # "Yêu cầu các sở, ban, ngành, đơn vị, địa phương nghiêm túc triển khai thực hiện./."
                        "nghiem tuc (to chuc )?(trien khai,? )?thuc hien\\s*\\./\\.",
                        # "Văn phòng Chính phủ thông báo để các địa phương … biết, thực hiện./."
                        # "Cục Hải quan trả lời để Công ty … biết, thực hiện."
                        "(thong bao|tra loi|huong dan) de [^.]{0,160}(biet|thuc hien)")

# Headings that ask rather than assign: Party bodies and the Front are not
# subordinate to the People's Committee ("Đề nghị Ban Tuyên giáo Quận ủy").
REQUEST_CUES = ("kinh de nghi", "de nghi")

# Words in front of a unit heading that are not part of the unit's name.
UNIT_PREFIX_CUES = ("giao", "kinh de nghi", "de nghi", "trach nhiem cua", "nhiem vu cua")
# A heading that names whoever has the duties, whatever the name: "Trách nhiệm của đối tượng
# thực hiện kiểm kê:", "Nhiệm vụ của các thành viên Ban Chỉ đạo", "Trách nhiệm của các cơ quan …".
DUTIES_OF_CUES = ("trach nhiem cua", "nhiem vu cua")

# A lead-in over a list of duties that says nothing of its own: "… thực hiện các nội dung sau:",
# "… có trách nhiệm:", "… cụ thể như sau:", "Trong đó:", "… thực hiện một số nhiệm vụ trọng tâm sau:".
LEAD_IN_CUES = (
    "(to chuc )?(trien khai )?thuc hien (cac|nhung|mot so) (noi dung|nhiem vu|cong viec|giai phap|hoat dong|chuong trinh)"
    "( cu the| chu yeu| trong tam| sau day| co lien quan)?( nhu)?( sau)?",
    "(co|chiu) trach nhiem( thuc hien)?( cac (noi dung|nhiem vu))?( sau)?",
    "(cu the )?nhu sau", "trong do", "gom", "bao gom", "cac (noi dung|nhiem vu) (cu the )?sau",
)
# A lead-in that only hands the items to a body below it: "… chỉ đạo Chi cục Thủy sản".
DELEGATION_CUES = ("chi dao [^,;:]{3,80}",)

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
    "giao",  # "Giao Thanh tra thành phố tổ chức thanh tra …": the unit follows
    # "Sau khi được Quốc hội thông qua, các Bộ, cơ quan … tập trung …", "Để thực hiện tốt …, UBND các xã …"
    "(sau khi|khi|trong qua trinh|de (?!nghi)|nham) [^,;:.]{3,90},",
)

# The opening verb of a duty decides its role (gold/README: "the opening verb of
# the item decides"). Checked in this order; `propose` cues are whole openings.
ROLE_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("lead", ("chu tri", "la co quan thuong truc", "la co quan dau moi", "la don vi dau moi", "lam dau moi")),
    ("cooperate", ("phoi hop", "chu dong phoi hop", "tich cuc phoi hop", "tiep tuc phoi hop")),
    ("report", ("bao cao", "long ghep bao cao", "gui bao cao", "tong hop,? bao cao", "dinh ky bao cao", "thuc hien bao cao", "thuc hien che do bao cao")),
    # "Tham mưu UBND tỉnh …" proposes (the real plans' gold: "Tham mưu → propose").
    ("propose", ("de xuat", "nghien cuu,? de xuat", "tong hop,? de xuat", "tong hop va de xuat", "tham muu",
                 "tong hop,? tham muu")),
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
    # More opening verbs of duties, from the real plans and directives of corpus/dev and corpus/real:
    # "Các Sở, ngành … kiện toàn …", "UBND các xã … ưu tiên …", "Công an tỉnh … chỉ đạo …".
    "kien toan", "nang cao", "uu tien", "chi dao", "don doc", "giam sat", "tuyen truyen", "pho bien",
    "van dong", "long ghep", "niem yet", "bao dam", "su dung", "tap trung", "nghiem tuc",
    "chap hanh", "tham gia", "ho tro", "quan tam", "phat dong", "duy tri", "tich cuc", "khan truong",
    "dieu phoi", "phan bo", "tiep thu", "hoan thien", "khao sat", "danh gia", "tuan thu", "thuc thi", "truc tiep",
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
    ("lien hiep cac hoi", "front_and_mass_org"),
    # The Front's and the councils' own divisions: "Ban Dân chủ - Pháp luật Ủy ban MTTQ …",
    # "Ban Kinh tế - Ngân sách HĐND tỉnh", "Ban Pháp chế", "Ban Văn hóa - Xã hội".
    ("ban dan chu", "front_and_mass_org"),
    ("ban phong trao", "front_and_mass_org"),
    ("ban kinh te", "other"),
    ("ban phap che", "other"),
    ("ban van hoa", "other"),
    ("ban dan toc", "other"),
    ("ban thi dua", "specialised_office"),
    ("lien minh hop tac xa", "front_and_mass_org"),
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
    # Addressees outside the administration, as real plans and directives name them: "Các tổ
    # chức, cá nhân và hộ gia đình khai thác …", "Các chủ rừng là tổ chức", "Công ty Điện lực …",
    # "Các doanh nghiệp viễn thông", "Các ngân hàng thương mại", "Báo và Phát thanh, Truyền hình
    # tỉnh", "Bộ Tư lệnh Thành phố", "Trưởng Ban Chỉ đạo", "Giám đốc các sở".
    ("cac to chuc", "other"),
    ("cac chu rung", "other"),
    ("chu rung", "other"),
    ("cac doanh nghiep", "other"),
    ("cong ty", "other"),
    ("tong cong ty", "other"),
    ("ngan hang", "other"),
    ("cac ngan hang", "other"),
    ("cac co so", "other"),
    ("cac hop tac xa", "other"),
    ("bao va phat thanh", "public_service_unit"),
    ("dai phat thanh va truyen hinh", "public_service_unit"),
    ("bo tu lenh", "other"),
    ("bo chi huy", "other"),
    ("truong ban chi dao", "other"),
    ("thanh vien ban chi dao", "other"),
    ("giam doc cac so", "specialised_office"),
    ("giam doc so", "specialised_office"),
    ("thu truong cac so", "specialised_office"),
    ("thu truong cac co quan", "other"),
    ("nguoi dung dau", "other"),
    ("cac benh vien", "public_service_unit"),
    ("cac truong", "public_service_unit"),
    # Central addressees of the Government's letters and notices: "Giao Bộ Nông nghiệp và Môi
    # trường chủ trì …", "Các Bộ, cơ quan …", "Đề nghị Ủy ban Kinh tế và Tài chính của Quốc hội …".
    ("cac bo", "other"),
    ("bo nong nghiep", "other"),
    ("bo cong an", "other"),
    ("bo quoc phong", "other"),
    ("bo xay dung", "other"),
    ("bo cong thuong", "other"),
    ("bo y te", "other"),
    ("bo giao duc", "other"),
    ("bo khoa hoc", "other"),
    ("bo van hoa", "other"),
    ("bo ngoai giao", "other"),
    ("bo dan toc", "other"),
    ("bo tai nguyen", "other"),
    ("bo ke hoach", "other"),
    ("bo lao dong", "other"),
    ("bo giao thong", "other"),
    ("ngan hang nha nuoc", "other"),
    ("thanh tra chinh phu", "other"),
    ("van phong chinh phu", "other"),
    ("uy ban kinh te", "other"),
    ("hoi dong dan toc", "other"),
    ("cac uy ban cua quoc hoi", "other"),
    ("uy ban thuong vu quoc hoi", "other"),
    ("hoi dong nhan dan", "other"),
    ("hdnd", "other"),
    ("thuong truc hdnd", "other"),
)

# Openings that name a topic, not an addressee: "Đối với trẻ em", "Về công tác tuyên truyền".
NOT_ADDRESSEE_CUES = ("doi voi", "ve", "tai", "trong", "nham")

# Label lines that give a block of duties its units and time, read as a row of a task table:
# "Đơn vị chủ trì thực hiện: Các Sở, ngành …", "Đơn vị phối hợp: Sở Nội vụ, Sở Tư pháp",
# "Thời gian thực hiện: Thường xuyên", "Cơ quan chủ trì: …", "Đơn vị thực hiện: …",
# "Thời gian hoàn thành: Quý IV/2025".
LABEL_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("lead", ("(don vi|co quan) chu tri( \\(?tham muu\\)?)?( thuc hien)?\\s*:", "(don vi|co quan) (dau moi|thuong truc)( thuc hien)?\\s*:",
              "chu tri( thuc hien)?\\s*:")),
    ("cooperate", ("(don vi|co quan) phoi hop( thuc hien)?\\s*:", "phoi hop( thuc hien)?\\s*:")),
    ("unit", ("(don vi|co quan) thuc hien\\s*:", "trach nhiem thuc hien\\s*:")),
    ("time", ("thoi gian (thuc hien|hoan thanh|trien khai)\\s*:", "thoi han( hoan thanh| thuc hien)?\\s*:", "tien do( thuc hien)?\\s*:")),
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
