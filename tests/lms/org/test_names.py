from lms.org.names import fold, sort_key, split_name


def test_fold_removes_case_and_diacritics_and_maps_d_stroke():
    assert fold("  Nguyễn   Văn ĐỨC ") == "nguyen van duc"


def test_split_name_is_family_middle_given():
    assert split_name("Nguyễn Thị Minh Khai") == ("Nguyễn", "Thị Minh", "Khai")
    assert split_name("Khai") == ("", "", "Khai")


def test_names_sort_by_given_name_then_family_then_middle():
    names = ["Trần Văn Bình", "Lê Thị An", "Nguyễn Văn An", "Nguyễn An"]
    assert sorted(names, key=sort_key) == [
        "Lê Thị An",
        "Nguyễn An",
        "Nguyễn Văn An",
        "Trần Văn Bình",
    ]


def test_vietnamese_letters_sort_in_alphabet_order_not_code_point_order():
    # a < ă < â < b ... d < đ < e: code points would put "đ" after "z".
    names = ["X Đào", "X Dung", "X Ân", "X Ăn", "X An", "X Em"]
    assert sorted(names, key=sort_key) == [
        "X An",
        "X Ăn",
        "X Ân",
        "X Dung",
        "X Đào",
        "X Em",
    ]


def test_tone_breaks_ties_only_after_letters():
    # "Ánh" and "Anh" share letters; the tone decides, but never before the letters.
    assert sorted(["B Ánh", "B Anh", "B Ai"], key=sort_key) == [
        "B Ai",
        "B Anh",
        "B Ánh",
    ]


def test_sort_key_is_digits_so_every_collation_agrees():
    assert sort_key("Hoàng Thị Ngọc Ánh").isdigit()
