from dj_desktop.core.text import natural_key


def test_branch_names_sort_by_their_numbers():
    names = ["第109村党支部", "第11村党支部", "第9村党支部", "东沟村党支部", "第１０村党支部", "x²"]
    assert sorted(names, key=natural_key) == ["x²", "东沟村党支部", "第9村党支部", "第１０村党支部",
                                             "第11村党支部", "第109村党支部"]
