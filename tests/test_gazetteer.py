"""Tests of ingest.gazetteer (data from vietnamadminunits, see ingest/build_gazetteer.py)."""

from __future__ import annotations


import pytest

from ingest import gazetteer as gz
from ingest.fold import fold
from ingest.gazetteer import (
    REFORM_2025,
    Place,
    by_code,
    children,
    find_in_text,
    lookup,
    parent,
    predecessors,
    province_of,
    restore,
    successors,
)


HA_NOI, HCM, HUE = "01", "79", "46"
TAY_HO, HA_DONG, QUAN_3, PHU_LOC = "003", "268", "770", "482"
MO_LAO = "09541"


# ------------------------------------------------------------ the data


def test_counts_per_level():
    places = gz._db().all_places()
    old = [p for p in places if p.since is None]
    new = [p for p in places if p.since == REFORM_2025]
    assert sum(p.level == "province" for p in old) == 63
    assert sum(p.level == "district" for p in old) == 696
    assert sum(p.level == "commune" for p in old) == 10035
    assert sum(p.level == "province" for p in new) == 34
    assert sum(p.level == "commune" for p in new) == 3321
    assert not any(p.level == "district" for p in new)


def test_header_names_the_source_package():
    assert "source: vietnamadminunits 1.0.4" in gz.source()


def test_every_old_commune_and_province_has_a_successor():
    missing = [p for p in gz._db().all_places()
               if p.since is None and p.level != "district" and not successors(p)]
    assert missing == []


def test_parents_exist_and_levels_nest():
    below = {"district": "province", "commune": "district"}
    for p in gz._db().all_places():
        up = parent(p)
        if p.level == "province":
            assert up is None
        elif p.since is None:
            assert up is not None and up.level == below[p.level], p
        else:
            assert up is not None and up.level == "province", p


def test_key_table_folds_exactly_like_fold():
    # The loader folds names with a translation table built from fold_char;
    # it must agree with fold() on every name.
    table = gz._KeyTable()
    for n in (n for s in (None, REFORM_2025) for ns in gz._db().era(s).names.values() for n in ns):
        if n.alias != "abbr":
            assert n.key == gz._key(fold(n.display)), n
            assert " ".join(n.display.translate(table).split()) == n.key


def test_data_file_is_what_the_generator_writes():
    from ingest.build_gazetteer import build

    text, _ = build()
    assert text == gz.DATA.read_text(encoding="utf-8"), "run python -m ingest.build_gazetteer"


# ------------------------------------------------------------ what the package says


def test_ha_noi():
    hn = by_code(HA_NOI)
    assert (hn.name, hn.kind, hn.level, hn.parent) == ("Hà Nội", "thành phố", "province", None)
    assert hn.full_name == "thành phố Hà Nội"


def test_tay_ho_has_its_eight_wards():
    tay_ho = lookup("Tây Hồ", kind="quận")[0]
    assert tay_ho.code == TAY_HO and province_of(tay_ho).code == HA_NOI
    wards = children(tay_ho)
    assert sorted(p.name for p in wards) == sorted(
        ["Bưởi", "Nhật Tân", "Phú Thượng", "Quảng An", "Thụy Khuê", "Tứ Liên", "Xuân La", "Yên Phụ"])
    assert {p.kind for p in wards} == {"phường"}
    assert children(tay_ho, kind="xa") == []


def test_ha_dong_and_mo_lao():
    mo_lao = by_code(MO_LAO)
    assert (mo_lao.name, mo_lao.kind, mo_lao.parent) == ("Mộ Lao", "phường", HA_DONG)
    assert parent(mo_lao).full_name == "quận Hà Đông"
    assert province_of(mo_lao).full_name == "thành phố Hà Nội"
    assert mo_lao in children(by_code(HA_DONG), kind="phuong")


def test_quan_3_has_ten_wards():
    q3 = by_code(QUAN_3)
    assert q3.full_name == "Quận 3" and province_of(q3).code == HCM
    wards = children(q3)
    assert len(wards) == 10
    assert "Võ Thị Sáu" in {p.name for p in wards}
    assert {p.full_name for p in wards} >= {"Phường 1", "Phường 14"}


def test_nam_dong_and_thua_thien_hue_are_former_names():
    # The package's data is as of early 2025: tỉnh Thừa Thiên Huế is then
    # Thành phố Huế, huyện Nam Đông is merged into huyện Phú Lộc.
    assert lookup("Nam Đông", kind="huyện") == [by_code(PHU_LOC)]
    assert lookup("Thừa Thiên Huế", kind="tinh") == [by_code(HUE)]
    assert by_code(HUE).full_name == "thành phố Huế"


# ------------------------------------------------------------ Place


@pytest.mark.parametrize("code, full", [
    (MO_LAO, "phường Mộ Lao"),
    (QUAN_3, "Quận 3"),
    (HA_NOI, "thành phố Hà Nội"),
    (HA_DONG, "quận Hà Đông"),
    (PHU_LOC, "huyện Phú Lộc"),
    ("02", "tỉnh Hà Giang"),
    ("27160", "Phường 1"),
])
def test_full_name(code, full):
    assert by_code(code).full_name == full


def test_by_code_unknown_raises():
    with pytest.raises(KeyError):
        by_code("99999")


def test_codes_of_the_two_periods_are_kept_apart():
    assert by_code("09556").name == "Hà Cầu"
    assert by_code("09556", since=REFORM_2025).name == "Hà Đông"


# ------------------------------------------------------------ lookup


@pytest.mark.parametrize("name, kind, code", [
    ("Hà Đông", None, HA_DONG),
    ("Ha Dong", None, HA_DONG),
    ("Ha Pong", None, HA_DONG),  # OCR: Đ read as P
    ("Ha Bong", None, HA_DONG),  # OCR: Đ read as B
    ("quận Hà Đông", None, HA_DONG),
    ("Ha Pong", "quan", HA_DONG),
    ("Mo Lao", None, MO_LAO),
    ("Mỗ Lao", None, MO_LAO),
    ("mo lao", "phuong", MO_LAO),
    ("phường Mộ Lao", None, MO_LAO),
    ("Tay Ho", None, TAY_HO),
    ("Tây Hồ", "quận", TAY_HO),
    ("Quận 3", None, QUAN_3),
    ("Q.3", None, QUAN_3),
    ("quan 3", None, QUAN_3),
    ("3", "quan", QUAN_3),
    ("TP HN", None, HA_NOI),
    ("Hà Nội", None, HA_NOI),
    ("Ha Noi", "thanh pho", HA_NOI),
    ("Thành phố Hà Nội", None, HA_NOI),
    ("Thừa Thiên Huế", None, HUE),
    ("thua thien hue", "tinh", HUE),
    ("HCM", None, HCM),
    ("Hồ Chí Minh", None, HCM),
    ("TPHCM", None, HCM),
    ("TP. Hồ Chí Minh", None, HCM),
    ("tp.hcm", None, HCM),
    ("huyen Nam Dong", None, PHU_LOC),
    ("Nam Dong", "huyen", PHU_LOC),
    ("Phú Lộc", "huyện", PHU_LOC),
    ("Ba Ria - Vung Tau", None, "77"),
    ("Ea Hleo", "huyen", "645"),  # written without the apostrophe of Ea H'leo
    ("Quan 9", None, "769"),  # merged into thành phố Thủ Đức
    ("Mo Laoo", None, MO_LAO),  # edit distance
])
def test_lookup_best_candidate(name, kind, code):
    found = lookup(name, kind=kind)
    assert found, name
    assert found[0].code == code, [p.full_name for p in found]


@pytest.mark.parametrize("name, kind", [
    ("Zzyzx", None),
    ("Mo Lao", "quan"),
    ("Hà Nội", "tinh"),
    ("quan 3", "phuong"),
])
def test_lookup_finds_nothing(name, kind):
    assert lookup(name, kind=kind) == []


def test_lookup_rejects_unknown_kind():
    with pytest.raises(ValueError):
        lookup("Hà Đông", kind="village")


def test_lookup_ranks_exact_before_ocr_and_provinces_first():
    # "nam dong": Nam Đồng, Nam Động, Nam Dong and the former huyện Nam Đông
    # match exactly once folded; Nậm Dạng only as an OCR reading (a -> o).
    found = lookup("Nam Dong")
    names = [fold(p.name) for p in found]
    assert "nam dang" in names
    assert names.index("nam dang") == len(names) - 1
    # official names before the former name, then by level
    assert found[-2] == by_code(PHU_LOC)
    official = found[:-2]
    assert len(official) >= 4 and all(fold(p.name) == "nam dong" for p in official)
    levels = [p.level for p in official]
    assert levels == sorted(levels, key=gz._LEVEL_RANK.get)
    assert [p.level for p in lookup("Tay Ho")] == ["district", "commune"]
    # written diacritics win among equal folds
    assert lookup("Nam Động")[0].name == "Nam Động"


def test_lookup_many_phuong_1_disambiguated_by_within():
    everywhere = lookup("Phường 1")
    assert len(everywhere) > 20
    assert {p.kind for p in everywhere} == {"phường"}
    in_q3 = lookup("Phường 1", within=by_code(QUAN_3))
    assert [p.code for p in in_q3] == ["27160"]
    in_hcm = lookup("Phường 1", within=by_code(HCM))
    assert all(province_of(p).code == HCM for p in in_hcm) and len(in_hcm) > 1


def test_lookup_within_filters():
    assert lookup("Mo Lao", within=by_code(HCM)) == []
    assert lookup("Mo Lao", within=by_code(HA_NOI)) == [by_code(MO_LAO)]


def test_lookup_in_the_new_system():
    found = lookup("Ha Dong", kind="phuong", since=REFORM_2025)
    assert [p.code for p in found] == ["09556"] and found[0].since == REFORM_2025
    assert province_of(found[0]).since == REFORM_2025


# ------------------------------------------------------------ restore


@pytest.mark.parametrize("name, kind, expected", [
    ("Mo Lao", None, "Mộ Lao"),
    ("Tay Ho", "quan", "Tây Hồ"),
    ("quan Tay Ho", None, "quận Tây Hồ"),
    ("Quan Ha Pong", None, "Quận Hà Đông"),
    ("Ha Noi", None, "Hà Nội"),
    ("thua thien hue", None, "Thừa Thiên Huế"),
    ("tinh thua thien hue", None, "tỉnh Thừa Thiên Huế"),
    ("huyen nam dong", None, "huyện Nam Đông"),
    ("quan 3", None, "Quận 3"),
    ("TP HCM", None, "thành phố Hồ Chí Minh"),
    ("thuy khue", None, "Thụy Khuê"),
    ("Zzyzx", None, None),
])
def test_restore(name, kind, expected):
    assert restore(name, kind=kind) == expected


# ------------------------------------------------------------ successors


def test_successors_of_mo_lao():
    new = successors(by_code(MO_LAO))
    assert new[0].full_name == "phường Hà Đông"
    assert new[0].code == "09556" and new[0].since == REFORM_2025
    assert province_of(new[0]).name == "Hà Nội"
    assert by_code(MO_LAO) in predecessors(new[0])


def test_successors_of_quan_ha_dong_start_with_phuong_ha_dong():
    new = successors(by_code(HA_DONG))
    assert new[0].full_name == "phường Hà Đông"
    assert {p.level for p in new} == {"commune"}


def test_successors_of_provinces():
    assert [p.full_name for p in successors(by_code("02"))] == ["tỉnh Tuyên Quang"]
    assert [p.code for p in successors(by_code(HA_NOI))] == [HA_NOI]
    assert successors(by_code(HA_NOI, since=REFORM_2025)) == []


def test_tay_ho_wards_all_go_to_hanoi_wards():
    for ward in children(by_code(TAY_HO)):
        new = successors(ward)
        assert new and all(province_of(p).code == HA_NOI and p.kind == "phường" for p in new), ward


# ------------------------------------------------------------ find_in_text


def _found(text: str, **kw) -> list[tuple[str, str, str]]:
    return [(text[s:e], p.code, p.since or "") for s, e, p in find_in_text(text, **kw)]


@pytest.mark.parametrize("text, mention, code", [
    ("UBND quan Ha Pong", "quan ha pong", HA_DONG),
    ("UBND quận Hà Đông", "quan ha dong", HA_DONG),
    ("cua ubnd phudng mo lao ve", "phudng mo lao", MO_LAO),
    ("tren dia ban tinh thua thien hue nam 2022", "tinh thua thien hue", HUE),
    ("uy ban nhan dan thanh pho ha noi", "thanh pho ha noi", HA_NOI),
    ("thanh\nphd ha noi", "thanh\nphd ha noi", HA_NOI),
    ("Ủy ban nhân dân huyện Nam Đông ban hành", "huyen nam dong", PHU_LOC),
    ("tren dia ban quan 3 nam 2025", "quan 3", QUAN_3),
    ("tt. ubnd q.3;", "q.3", QUAN_3),
    ("ubnd tp hn;", "tp hn", HA_NOI),
    ("ubnd tp hcm ban hanh", "tp hcm", HCM),
    ("ubnd phuong buoi, quan tay ho", "phuong buoi", "00109"),
    ("ubnd tp. ho chi minh", "tp. ho chi minh", HCM),
    ("phuong thuy khue, quan tay ho", "phuong thuy khue", "00112"),
])
def test_find_in_text(text, mention, code):
    found = _found(fold(text))
    assert (mention, code, "") in found, found


@pytest.mark.parametrize("text", [
    "phat trien kinh te - xa hoi nam 2025",  # xã hội, not xã Hải Nam
    "ubnd phuong chu tri, phoi hop",  # chủ trì, not phường Chũ
    "ubnd phuong dong thoi quan tri",  # đồng thời, not phường Đồng Thái
    "hien dai cap xa cong bo kip thoi",  # công bố, not xã Công Đa
    "tren dia ban quan.\n\n2. noi dung",  # a heading, not Quận 2
    "phuong an, phuong phap, quan ly, co quan chuyen mon, tinh hinh",
])
def test_find_in_text_ignores_everyday_phrases(text):
    assert find_in_text(fold(text)) == []


def test_find_in_text_offsets_are_in_the_folded_text():
    text = fold("Kế hoạch của UBND quận Hà Đông và phường Mộ Lao")
    found = find_in_text(text)
    assert [(text[s:e], p.code) for s, e, p in found] == [
        ("quan ha dong", HA_DONG), ("phuong mo lao", MO_LAO)]


def test_find_in_text_uses_the_context_for_phuong_1():
    found = _found(fold("phường 1, quận 3, Thành phố Hồ Chí Minh"))
    assert found == [("phuong 1", "27160", ""), ("quan 3", QUAN_3, ""), ("thanh pho ho chi minh", HCM, "")]


def test_find_in_text_prefers_within():
    # Tây Hồ exists as quận (Hà Nội) and as xã (Nghệ An); two phường 1 in
    # Quận 3 and Quận 4: `within` decides.
    q4 = lookup("Quận 4")[0]
    [(_, _, p)] = find_in_text("phuong 1", within=q4)
    assert p.parent == q4.code
    [(_, _, p)] = find_in_text("phuong 1", within=by_code(QUAN_3))
    assert p.code == "27160"


def test_find_in_text_in_the_new_system():
    found = _found("phuong ha dong", since=REFORM_2025)
    assert found == [("phuong ha dong", "09556", REFORM_2025)]


# ------------------------------------------------------------ the whole text at once


def test_find_reads_a_long_text_in_one_pass():
    # How fast is measured by bench/, never asserted here; what is checked is that one pass over a
    # long text finds every mention (a return to per-name regexes would find the same, slowly).
    sample = ("Ủy ban nhân dân quận Hà Đông ban hành kế hoạch cải cách hành chính "
              "năm 2025 của phường Mộ Lao, thành phố Hà Nội; xã hội; quản lý. ")
    text = fold(sample * (30000 // len(sample)))
    assert len(find_in_text(text)) == 3 * (30000 // len(sample))


def test_place_is_a_value():
    p = by_code(MO_LAO)
    assert p == Place("09541", "Mộ Lao", "phường", "commune", HA_DONG)
    assert hash(p) == hash(Place("09541", "Mộ Lao", "phường", "commune", HA_DONG))
    assert str(p) == "phường Mộ Lao"
