from dj_desktop.core.text import natural_key


def test_branch_names_sort_by_their_numbers():
    names = ["第109村党支部", "第11村党支部", "第9村党支部", "东沟村党支部", "第１０村党支部", "x²"]
    assert sorted(names, key=natural_key) == ["x²", "东沟村党支部", "第9村党支部", "第１０村党支部",
                                             "第11村党支部", "第109村党支部"]


def test_month_labels_follow_the_language():
    from dj_desktop.core.i18n import set_language
    from dj_desktop.core.text import month_label
    try:
        set_language("en")
        assert month_label(2026, 11) == "November 2026"
        set_language("zh_CN")
        assert month_label(2026, 11) == "2026年11月"
    finally:
        set_language("zh_CN")
