"""Bounded work: a hostile or unlucky file is refused before it costs minutes or gigabytes.

Zip bombs are built here with zipfile (small on disk); the tests check the refusal and
count what the reader decompresses, never the time it takes (the figures are measured
by hand: see the report of issue 15). Also: a named pipe or a device given as a file,
damaged UTF-8, and the size limits' messages.
"""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cancu.cli import app
from ingest.errors import IngestError
from ingest.extract import extract
from ingest.readers import limits, read
from ingest.readers.docx import unpacked
from tests.conftest import SAMPLES

ROOT = Path(__file__).parent.parent
PLAN = SAMPLES / "002_cff90e727f3af707.txt"
runner = CliRunner()
MiB = limits.MiB

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_HEAD = b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
_TAIL = b"</w:body></w:document>"
_PARAGRAPH = "<w:p><w:r><w:t>Kế hoạch số 41/KH-UBND ngày 12/3/2024 của UBND quận</w:t></w:r></w:p>".encode()


def _docx(path: Path, paragraphs: int = 3, *, body_bytes: int = 0, extra: dict[str, bytes] | None = None) -> Path:
    """A minimal Word document; with `body_bytes`, its document.xml is written in pieces up to that size."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as body:
            body.write(_HEAD)
            piece = _PARAGRAPH * (MiB // len(_PARAGRAPH))
            written = 0
            while written < body_bytes:
                body.write(piece)
                written += len(piece)
            body.write(_PARAGRAPH * paragraphs + _TAIL)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


@pytest.fixture()
def decompressed(monkeypatch) -> list[int]:
    """Bytes handed out by every zip member stream opened while a test runs."""
    counted: list[int] = []
    original = zipfile.ZipExtFile.read

    def counting_read(self, n=-1):
        data = original(self, n)
        counted.append(len(data))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting_read)
    return counted


# --- zip bombs ----------------------------------------------------------------------


def test_a_docx_declaring_a_huge_part_is_refused_before_anything_is_decompressed(tmp_path, decompressed):
    bomb = _docx(tmp_path / "bomb.docx", body_bytes=64 * MiB)
    assert bomb.stat().st_size < 3 * MiB
    with pytest.raises(IngestError, match=r"word/document.xml unpacks to more than 32 MiB \(a zip bomb"):
        read(bomb)
    assert sum(decompressed) == 0


def _lying(data: bytes, name: str, declared: int) -> bytes:
    """The zip with `name`'s uncompressed size set to `declared` in both its headers."""
    out = bytearray(data)
    encoded = name.encode()
    local = out.index(b"PK\x03\x04")
    while out[local + 30:local + 30 + len(encoded)] != encoded:
        local = out.index(b"PK\x03\x04", local + 4)
    struct.pack_into("<I", out, local + 22, declared)
    central = out.index(b"PK\x01\x02")
    while out[central + 46:central + 46 + len(encoded)] != encoded:
        central = out.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", out, central + 24, declared)
    return bytes(out)


def test_a_docx_that_unpacks_to_more_than_it_declares_is_refused_having_read_no_more_than_declared(
        tmp_path, decompressed):
    honest = io.BytesIO()
    with zipfile.ZipFile(honest, "w", zipfile.ZIP_DEFLATED) as z:  # no zip64: sizes in 32-bit fields
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", _HEAD + b"<w:p/>" * (8 * MiB // 6) + _TAIL)
    liar = tmp_path / "liar.docx"
    liar.write_bytes(_lying(honest.getvalue(), "word/document.xml", 4000))
    with pytest.raises(IngestError, match="not a readable Word .* damaged"):
        read(liar)
    assert sum(decompressed) < 4000 + 2 * len(_CONTENT_TYPES) + 2 * len(_RELS)


def test_the_size_capped_stream_reads_no_more_than_its_cap_of_an_endless_part():
    class Endless:
        served = 0

        def read(self, n):
            self.served += n
            return b"<w:p/>"[:1] * n

    stream = Endless()
    size, elements = unpacked(stream, 5 * MiB)
    assert size == 5 * MiB + 1 and elements == size
    assert stream.served == 5 * MiB + 1
    limited = Endless()
    assert len(limits.read_capped(limited, 3 * MiB)) == 3 * MiB + 1 and limited.served == 3 * MiB + 1


def test_a_part_that_packs_more_than_the_ratio_allows_is_refused(tmp_path):
    bomb = _docx(tmp_path / "dense.docx", extra={"word/media/blank.bmp": b"\x00" * (4 * MiB)})
    with pytest.raises(IngestError, match=r"word/media/blank.bmp unpacks to 4 MiB from 0.1 MiB, more than 200 times"):
        read(bomb)


def test_the_parts_together_may_unpack_to_no_more_than_the_total(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_UNPACKED_BYTES", 2 * MiB)
    pictures = {f"word/media/image{n}.png": os.urandom(MiB // 2) for n in range(5)}
    with pytest.raises(IngestError, match=r"its parts unpack to more than 2 MiB"):
        read(_docx(tmp_path / "pictures.docx", extra=pictures))


def test_xml_elements_and_parts_are_counted(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_XML_ELEMENTS", 1000)
    with pytest.raises(IngestError, match=r"word/document.xml holds more than 1,000 XML elements"):
        read(_docx(tmp_path / "long.docx", paragraphs=400))  # three elements a paragraph
    assert "Kế hoạch số 41/KH-UBND" in read(_docx(tmp_path / "short.docx", paragraphs=200)).text
    monkeypatch.setattr(limits, "MAX_PARTS", 5)
    many = {f"customXml/item{n}.xml": b"<a/>" for n in range(5)}
    with pytest.raises(IngestError, match=r"holds more than 5 parts"):
        read(_docx(tmp_path / "many.docx", extra=many))


def test_a_bomb_in_a_folder_is_refused_and_the_rest_ingested(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    _docx(folder / "bomb.docx", body_bytes=40 * MiB)
    (folder / "plan.txt").write_bytes(PLAN.read_bytes())
    result = runner.invoke(app, ["ingest", str(folder), "--store", str(tmp_path / "store"), "--format", "json"])
    assert result.exit_code == 2
    status = {Path(f["file"]).name: f for f in json.loads(result.stdout)["files"]}
    assert status["plan.txt"]["status"] == "new"
    assert status["bomb.docx"]["status"] == "refused" and "zip bomb" in status["bomb.docx"]["error"]


# --- pages and pixels ----------------------------------------------------------------


def _pdf(path: Path, pages: int, *, image: Path | None = None, size_mm: tuple[float, float] | None = None) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format=size_mm or "A4")
    pdf.set_font("helvetica", size=12)
    for n in range(pages):
        pdf.add_page()
        if image is not None:
            pdf.image(str(image), x=10, y=10, w=50)
        else:
            pdf.multi_cell(0, 10, f"Ke hoach so {n + 1}/KH-UBND ngay 12/3/2024 cua UBND quan")
    pdf.output(str(path))
    return path


def test_a_pdf_of_more_pages_than_a_document_has_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 4)
    assert len(read(_pdf(tmp_path / "four.pdf", 4)).pieces) == 4
    with pytest.raises(IngestError, match=r"too long for one document \(5 pages; cancu reads PDFs of up to 4 pages\)"):
        read(_pdf(tmp_path / "five.pdf", 5))


def _pdf_with_stream(content: bytes) -> bytes:
    """A one-page PDF whose page content is `content`, Flate-compressed."""
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_pdf_whose_page_inflates_to_more_than_a_page_holds_is_refused(tmp_path):
    text = b"BT /F1 12 Tf 72 720 Td (Ke hoach so 41/KH-UBND ngay 12/3/2024) Tj ET"
    page = tmp_path / "page.pdf"
    page.write_bytes(_pdf_with_stream(b" " * 1000 + text))
    assert "Ke hoach so 41/KH-UBND" in read(page).text
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(_pdf_with_stream(b" " * (20 * MiB) + text))
    assert bomb.stat().st_size < MiB
    with pytest.raises(IngestError, match=r"a stream of the PDF inflates to more than 16 MiB \(a decompression bomb\)"):
        read(bomb)


def _picture(path: Path, size=(40, 40)) -> Path:
    from PIL import Image

    Image.new("L", size, 128).save(path)
    return path


def test_scanned_pages_are_counted_and_measured_before_ocr(tmp_path, monkeypatch):
    picture = _picture(tmp_path / "stamp.png")
    monkeypatch.setattr(limits, "MAX_OCR_PAGES", 2)
    with pytest.raises(IngestError, match=r"too many scanned pages to read by OCR \(3; cancu reads up to 2\)"):
        read(_pdf(tmp_path / "scan.pdf", 3, image=picture))
    poster = _pdf(tmp_path / "poster.pdf", 1, image=picture, size_mm=(2000, 2000))  # 2 m wide: 23,622 pixels at 300 dpi
    with pytest.raises(IngestError, match=r"page 1 is too large to read by OCR \(23,622 × 23,622 pixels"):
        read(poster)


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares its size and holds no pixels: what a decompression bomb shows first."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) + chunk(b"IEND", b"")


def test_an_image_is_measured_from_its_header_before_it_is_decoded(tmp_path, monkeypatch):
    huge = tmp_path / "bomb.png"
    huge.write_bytes(_png_header(100_000, 100_000))  # 10 gigapixels: Pillow's own bomb check
    with pytest.raises(IngestError, match="the image is too large to read by OCR"):
        read(huge)
    large = tmp_path / "large.png"
    large.write_bytes(_png_header(8000, 6000))  # 48 million pixels: cancu's limit
    with pytest.raises(IngestError, match=r"the image is too large to read by OCR \(8,000 × 6,000 pixels"):
        read(large)
    from PIL import Image

    frames = [Image.new("L", (30, 30), 255) for _ in range(3)]
    tiff = tmp_path / "pages.tif"
    frames[0].save(tiff, save_all=True, append_images=frames[1:])
    monkeypatch.setattr(limits, "MAX_OCR_PAGES", 2)
    with pytest.raises(IngestError, match=r"too many pages to read by OCR \(more than 2\)"):
        read(tiff)


# --- text size -----------------------------------------------------------------------


def test_a_text_longer_than_a_document_is_refused_with_the_limit_it_passed(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 20_000)
    plan = tmp_path / "plan.txt"
    plan.write_bytes(PLAN.read_bytes())
    text = PLAN.read_text(encoding="utf-8")
    assert len(text) > 20_000
    with pytest.raises(IngestError, match=rf"\({len(text):,} characters of text; cancu extracts up to 20,000"):
        extract(plan)


@pytest.mark.parametrize(("size", "shown"), [(30 * MiB + 1, "30.1 MiB"), (31 * MiB, "31 MiB"), (40_000_000, "38.2 MiB")])
def test_a_file_over_the_size_limit_is_named_in_the_unit_of_the_limit(tmp_path, size, shown):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(size)  # sparse: nothing written
    with pytest.raises(IngestError) as refused:
        read(huge)
    assert f"({shown}; cancu reads files up to 30 MiB)" in str(refused.value)


# --- special files -------------------------------------------------------------------


def _cancu(*args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    """The command line in a process of its own, so that a hang fails the test instead of holding it."""
    return subprocess.run([sys.executable, "-m", "cancu.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout, stdin=subprocess.DEVNULL)


def test_a_named_pipe_or_a_device_given_as_a_file_is_refused_with_one_line(tmp_path):
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    for path, kind in ((fifo, "a named pipe (FIFO)"), (Path("/dev/zero"), "a character device")):
        done = _cancu("extract", str(path))
        assert done.returncode == 2, done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and f"not a regular file: this is {kind}" in lines[0] and str(path) in lines[0]
    with pytest.raises(IngestError, match="is a folder, not a file"):
        read(tmp_path)


def test_a_named_pipe_in_a_folder_is_listed_as_refused_not_waited_on(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "plan.txt").write_bytes(PLAN.read_bytes())
    os.mkfifo(folder / "pipe.txt")
    done = _cancu("ingest", str(folder), "--store", str(tmp_path / "store"), "--format", "json")
    assert done.returncode == 2, done.stderr
    status = {Path(f["file"]).name: f for f in json.loads(done.stdout)["files"]}
    assert status["plan.txt"]["status"] == "new"
    assert status["pipe.txt"]["status"] == "refused" and "not a regular file" in status["pipe.txt"]["error"]


# --- damaged UTF-8 -------------------------------------------------------------------


def _damaged(path: Path, bad: int = 9) -> Path:
    """The plan with `bad` of its body's spaces replaced by bytes that are no UTF-8."""
    data = bytearray(PLAN.read_bytes())
    start = data.index("Nơi nhận".encode()) // 2  # the body, away from the number, date and issuer
    spaces = [i for i in range(start, len(data)) if data[i] == 0x20][::40][:bad]
    for i in spaces:
        data[i] = 0xFF
    path.write_bytes(bytes(data))
    return path


def test_a_plan_with_a_few_damaged_bytes_is_read_as_utf8_and_says_so(tmp_path):
    clean = extract(PLAN)
    damaged = extract(_damaged(tmp_path / "plan.txt"))
    assert (damaged.document.number, damaged.document.date, damaged.document.issuer) == (
        clean.document.number, clean.document.date, clean.document.issuer)
    assert damaged.source_text.count("\ufffd") == 9 and len(damaged.source_text) == len(clean.source_text)
    assert damaged.warnings[0].startswith("9 invalid UTF-8 byte sequences replaced by U+FFFD")
    assert read(tmp_path / "plan.txt").encoding == "utf-8"


def test_the_readers_warnings_reach_extract_and_ingest_json(tmp_path):
    plan = _damaged(tmp_path / "plan.txt")
    extracted = runner.invoke(app, ["extract", str(plan)])
    assert extracted.exit_code == 0
    assert any("invalid UTF-8" in w for w in json.loads(extracted.stdout)["warnings"])
    ingested = runner.invoke(app, ["ingest", str(plan), "--store", str(tmp_path / "store"), "--format", "json"])
    assert ingested.exit_code == 0, ingested.output
    [entry] = json.loads(ingested.stdout)["files"]
    assert entry["status"] == "new" and any("invalid UTF-8" in w for w in entry["warnings"])


def test_a_web_page_with_a_few_damaged_bytes_stays_utf8(tmp_path):
    page = tmp_path / "plan.html"
    lines = PLAN.read_text(encoding="utf-8").splitlines()[:40]
    body = b"".join(b"<p>" + line.encode() + b"</p>" for line in lines).replace(b" ", b"\xff", 3)
    page.write_bytes(b'<html><head><meta charset="utf-8"></head><body>' + body + b"</body></html>")
    result = read(page)
    assert result.encoding == "utf-8" and "KẾ HOẠCH" in result.text and result.text.count("\ufffd") == 3
    assert result.warnings[0].startswith("3 invalid UTF-8 byte sequences")


def test_a_text_of_thousands_of_duties_is_refused_as_a_collection(tmp_path):
    from ingest.errors import IngestError
    from ingest.extract import extract
    from ingest.readers import limits

    duties = "".join(f"- Rà soát hồ sơ thứ {i} trên địa bàn.\n" for i in range(limits.MAX_DUTIES + 5))
    path = tmp_path / "many.txt"
    path.write_text("KẾ HOẠCH\nTuyên truyền\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Phòng Nội vụ\n\n" + duties, encoding="utf-8")
    with pytest.raises(IngestError, match=r"many\.txt: reads as 2,005 duties \(cancu stores up to 2,000"):
        extract(path)
