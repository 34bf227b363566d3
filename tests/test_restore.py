"""Diacritics restored to names read from text that lost them."""

import pytest

from ingest.build_lexicon import count, render, OUTPUT
from ingest.restore import restore, restore_name


@pytest.mark.parametrize(
    "written, restored",
    [
        ("Van phong UBND phudng", "Văn phòng UBND phường"),
        ("Bo phan Van hoa- Thong tin, Pai truyen thanh phuong", "Bộ phận Văn hóa- Thông tin, Đài truyền thanh phường"),
        ("Uy ban MTTQ Viet Nam va cac doan the phuong", "Ủy ban MTTQ Việt Nam và các đoàn thể phường"),
        ("Bo phan Tw phap", "Bộ phận Tư pháp"),
        ("Tuyén truyén Cai cach hanh chinh", "Tuyên truyền Cải cách hành chính"),
        ("Phòng Văn hóa và Thông tin", "Phòng Văn hóa và Thông tin"),
        ("UBND các phường", "UBND các phường"),
    ],
)
def test_restore(written, restored):
    assert restore(written) == restored


@pytest.mark.parametrize(
    "written, restored",
    [("Nguyen Thi Thanh", "Nguyễn Thị Thanh"), ("Duong Thanh Phuoc", "Dương Thanh Phước"), ("Hà Minh Hải", "Hà Minh Hải")],
)
def test_restore_name(written, restored):
    assert restore_name(written) == restored


def test_the_lexicon_is_what_the_builder_writes():
    assert render(count()) == OUTPUT.read_text(encoding="utf-8"), "run python -m ingest.build_lexicon"
