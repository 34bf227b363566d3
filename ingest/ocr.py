"""Optical character recognition of scanned pages with tesseract's Vietnamese model.

A scanned PDF has pictures of pages instead of text. Each page is rendered at
300 dpi with pypdfium2 and read by the `tesseract` command (language "vie");
images (.png, .jpg, .tif) are read as they are. tesseract is a system program
(Debian: tesseract-ocr and tesseract-ocr-vie, which `scripts/setup --test`
installs); without it, or without its Vietnamese model, a scan cannot be read
and the caller gets an `IngestError` that says how to install them.

>>> missing_reason() is None or "tesseract" in missing_reason()
True
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

from ingest.errors import IngestError

LANGUAGE = "vie"
DPI = 300
INSTALL_HINT = (
    "OCR needs tesseract with the Vietnamese model "
    "(run scripts/setup --test, or apt-get install tesseract-ocr tesseract-ocr-vie)"
)
# Page segmentation mode 3 is tesseract's default (automatic layout); named here
# so a change of default in a new tesseract does not change what cancu reads.
_PAGE_SEGMENTATION = "3"
_TIMEOUT_SECONDS = 300
# tesseract's own OpenMP threads make it slower on a small machine: a dense A4
# page took 10.7 s with them and 2.5 s with one thread on 2 cores. cancu runs
# one single-threaded tesseract per core instead (`read_images`).
_ENVIRONMENT = {"OMP_THREAD_LIMIT": "1"}


@lru_cache(maxsize=1)
def missing_reason() -> str | None:
    """Why OCR cannot run here (no tesseract, or no 'vie' model), or None when it can."""
    program = shutil.which("tesseract")
    if program is None:
        return "the tesseract program is not installed"
    try:
        listed = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"tesseract does not run ({exc})"
    languages = {line.strip() for line in (listed.stdout + listed.stderr).splitlines()}
    if LANGUAGE not in languages:
        return f"tesseract has no '{LANGUAGE}' (Vietnamese) model"
    return None


def require(path: str | Path, why: str = "scanned document") -> None:
    """Raise IngestError naming `path` unless tesseract with Vietnamese can run; `why` says
    what made OCR needed."""
    reason = missing_reason()
    if reason is not None:
        raise IngestError(path, f"{why}: {INSTALL_HINT}; {reason}")


def read_image(image, path: str | Path) -> str:
    """The text tesseract reads in one page image (a PIL image); `path` names the source in errors."""
    require(path)
    with tempfile.TemporaryDirectory(prefix="cancu-ocr-") as tmp:
        page = Path(tmp) / "page.png"
        image.save(page, format="PNG", dpi=(DPI, DPI))
        command = ["tesseract", str(page), "stdout", "-l", LANGUAGE, "--psm", _PAGE_SEGMENTATION,
                   "--dpi", str(DPI)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=_TIMEOUT_SECONDS,
                                  env={**_ENVIRONMENT, **os.environ})
        except subprocess.TimeoutExpired:
            raise IngestError(path, f"OCR of a page took more than {_TIMEOUT_SECONDS} s and was stopped") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise IngestError(path, f"tesseract failed: {message[-1] if message else 'exit ' + str(done.returncode)}")
    return done.stdout.decode("utf-8", errors="replace").replace("\f", "").strip()


def read_images(images: Iterable, path: str | Path, *, workers: int | None = None) -> list[str]:
    """The text of each page image, in order; pages are read `workers` at a time (one per core)."""
    require(path)
    workers = workers or max(1, min(4, os.cpu_count() or 1))
    texts: list[str] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: deque = deque()
        for image in images:  # rendered one at a time here: pdfium is not thread-safe
            pending.append(pool.submit(read_image, image, path))
            if len(pending) >= 2 * workers:
                texts.append(pending.popleft().result())
        texts.extend(future.result() for future in pending)
    return texts


def pdf_page_images(path: str | Path, pages: list[int]) -> Iterator[tuple[int, object]]:
    """(page index, PIL image at 300 dpi) for the given 0-based pages of a PDF."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        raise IngestError(path, f"not a readable PDF: its pages cannot be rendered for OCR ({exc})") from None
    try:
        for index in pages:
            page = pdf[index]
            try:
                yield index, page.render(scale=DPI / 72).to_pil()
            except pypdfium2.PdfiumError as exc:
                raise IngestError(path, f"page {index + 1} cannot be rendered for OCR ({exc})") from None
            finally:
                page.close()
    finally:
        pdf.close()


def image_frames(path: str | Path) -> Iterator[object]:
    """The pages of an image file (a multi-page TIFF has several), as PIL images."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            for frame in ImageSequence.Iterator(image):
                yield frame.convert("RGB") if frame.mode not in ("1", "L", "RGB") else frame.copy()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise IngestError(path, f"not a readable image ({exc.__class__.__name__}: {exc})") from None
