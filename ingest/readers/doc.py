"""Word 97–2003 documents (.doc), read through LibreOffice as the .docx they convert to.

Offices still send .doc. LibreOffice (`soffice --headless`) converts one to .docx
with what the page shows: Word's list numbers, tables cell by cell, footnotes, and
the fonts of its runs, so the .docx reader reads it as it reads any Word file (rows
as " | " lines, runs in .VnTime fonts converted). antiword and catdoc, far smaller,
were tried and left: they drop Word's automatic numbering ("I.", "1.", "a)"), the
outline of most plans, and antiword refuses short documents.

LibreOffice is a system program (Debian: libreoffice-writer-nogui, which
`scripts/setup` installs); without it a .doc is refused with one line that says
what to install. The conversion runs in a temporary folder, removed afterwards,
with its own LibreOffice profile (so a LibreOffice the user has open is neither
used nor disturbed), no shell, and a time limit (`limits.MAX_CONVERT_SECONDS`).

What a file named .doc holds decides how it is read: a Word 97–2003 file (an OLE
container with a WordDocument stream) is converted with LibreOffice's Word 97 filter
only, so a damaged one is refused rather than imported as text; Word also saves RTF,
.docx and web pages under a .doc name, and those are read as what they are.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from ingest.errors import IngestError
from ingest.readers import limits
from ingest.readers.base import ReadResult, sniff
from ingest.readers.docx import read_docx
from ingest.readers.html import read_html

INSTALL_HINT = (
    "old Word format (.doc): reading it needs LibreOffice "
    "(run scripts/setup, or apt-get install libreoffice-writer-nogui), or save it as .docx"
)
# Where LibreOffice's program is when it is not on PATH (the macOS application bundle).
_PROGRAMS = ("soffice", "libreoffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream an OLE container holds names what it is (names are stored in UTF-16).
_OLE_STREAMS = {
    "WordDocument": None,
    "EncryptedPackage": "a Word or Excel file protected by a password; save an unprotected copy",
    "Workbook": "an Excel workbook (.xls)",
    "PowerPoint Document": "a PowerPoint presentation (.ppt)",
}
# LibreOffice's import filter for each kind of content: naming it keeps LibreOffice from
# falling back to importing a damaged file as plain text (it would read garbage).
_FILTERS = {"word": "MS Word 97", "rtf": "Rich Text Format"}


@lru_cache(maxsize=1)
def converter() -> str | None:
    """The path of LibreOffice's program, or None when it is not installed."""
    for name in _PROGRAMS:
        found = shutil.which(name) or (name if os.path.isabs(name) and os.access(name, os.X_OK) else None)
        if found:
            return found
    return None


def read_doc(path: Path) -> ReadResult:
    """A .doc file's text: converted to .docx by LibreOffice and read as one, or read as
    the RTF, .docx or web page Word saved under the .doc name."""
    data = limits.file_bytes(path)
    content = _content(path, data)
    if content == "docx":
        return read_docx(path)
    if content == "html":
        return read_html(path)
    program = converter()
    if program is None:
        raise IngestError(path, INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="cancu-doc-") as tmp:
        converted = _convert(path, data, Path(tmp), program, _FILTERS[content])
        try:
            result = read_docx(converted)
        except IngestError as exc:  # it names the converted file: name the user's instead
            raise IngestError(path, f"the .docx LibreOffice made of it cannot be read: {exc.reason}") from None
    return dataclasses.replace(result, path=str(path), kind="doc")


def _content(path: Path, data: bytes) -> str:
    """'word', 'rtf', 'docx' or 'html': what the bytes of a .doc file are; IngestError for anything else."""
    head = data[:1024]
    if head.startswith(_OLE):
        return _ole_kind(path, data)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if b"<html" in head.lower() or b"<!doctype html" in head.lower():
        return "html"
    what = sniff(head)
    raise IngestError(path, f"not a Word 97–2003 (.doc) file: {'this is ' + what if what else 'it does not start as one'}")


def _ole_kind(path: Path, data: bytes) -> str:
    """'word' for an OLE container holding a Word document; IngestError naming what else it holds."""
    for stream, other in _OLE_STREAMS.items():
        if stream.encode("utf-16-le") in data:
            if other is None:
                return "word"
            raise IngestError(path, f"not a Word 97–2003 (.doc) file: this is {other}")
    raise IngestError(path, "not a readable Word 97–2003 (.doc) file: damaged, it holds no Word document")


def _convert(path: Path, data: bytes, tmp: Path, program: str, import_filter: str) -> Path:
    """The .docx LibreOffice makes of `data` in `tmp`; IngestError naming `path` when it makes none."""
    source = tmp / "document.doc"  # the bytes measured, under a name no option can be read from
    source.write_bytes(data)
    command = [program, "--headless", "--norestore", "--nologo", "--nolockcheck", "--nodefault",
               f"-env:UserInstallation={(tmp / 'profile').as_uri()}", f"--infilter={import_filter}",
               "--convert-to", "docx", "--outdir", str(tmp / "out"), str(source)]
    # A session of its own, so that a conversion stopped at its time limit ends with every
    # process LibreOffice started (soffice is a script that starts soffice.bin).
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                          start_new_session=True) as process:
        try:
            output, errors = process.communicate(timeout=limits.MAX_CONVERT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise IngestError(path, f"LibreOffice took more than {limits.MAX_CONVERT_SECONDS} s to convert it "
                              "and was stopped: save it as .docx") from None
    converted = tmp / "out" / "document.docx"
    if not converted.is_file():
        said = (output + errors).decode("utf-8", errors="replace")
        raise IngestError(path, f"not a readable Word 97–2003 (.doc) file: {_why_not(said, process.returncode)}")
    return converted


def _why_not(said: str, returncode: int) -> str:
    """Why LibreOffice converted nothing, from what it printed.

    >>> _why_not("Warning: failed to launch javaldx\\nError: source file could not be loaded\\n", 0)
    'LibreOffice cannot open it (damaged, or protected by a password)'
    """
    if "could not be loaded" in said:
        return "LibreOffice cannot open it (damaged, or protected by a password)"
    lines = [line for line in said.splitlines() if line.strip() and "javaldx" not in line]
    return f"LibreOffice converted nothing ({lines[-1].strip() if lines else 'exit ' + str(returncode)})"
