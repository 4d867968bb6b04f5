"""Every user-facing string has a zh_CN translation, and translations keep their placeholders."""

from __future__ import annotations

import string

from dj_desktop.core import i18n
from dj_desktop.devtools.missing_translations import extracted_messages


def _placeholders(text: str) -> set[str]:
    return {field for _lit, field, _spec, _conv in string.Formatter().parse(text) if field}


def test_every_string_has_a_chinese_translation():
    catalog = i18n.load_catalog("zh_CN")
    missing = {m: where for m, where in extracted_messages().items() if m not in catalog}
    assert not missing, "untranslated (run python -m dj_desktop.devtools.missing_translations):\n" + "\n".join(
        f"{where}: {m!r}" for m, where in sorted(missing.items(), key=lambda kv: kv[1]))


def test_translations_keep_placeholders():
    catalog = i18n.load_catalog("zh_CN")
    wrong = {m: t for m, t in catalog.items() if _placeholders(m) != _placeholders(t)}
    assert not wrong, f"placeholders differ: {wrong}"


def test_chinese_by_default_and_english_on_request():
    i18n.set_language("zh_CN")
    assert i18n._("Cannot open the database") == "无法打开数据库"
    i18n.set_language("en")
    assert i18n._("Cannot open the database") == "Cannot open the database"


def test_compiled_cache_matches_the_po_files_and_follows_their_changes(tmp_path, monkeypatch):
    import shutil

    from dj_desktop.assets import locale_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    copy = tmp_path / "locale"
    shutil.copytree(locale_dir(), copy)
    monkeypatch.setattr(i18n, "locale_dir", lambda: copy)
    i18n.set_language("zh_CN")
    assert i18n._state["catalog"] == i18n.load_catalog("zh_CN")
    assert list((tmp_path / "cache").rglob("zh_CN-*.mo"))
    app_po = copy / "zh_CN" / "LC_MESSAGES" / "app.po"
    app_po.write_text(app_po.read_text(encoding="utf-8").replace(
        'msgstr "无法打开数据库"', 'msgstr "数据库打不开"'), encoding="utf-8")
    i18n.set_language("zh_CN")
    assert i18n._("Cannot open the database") == "数据库打不开"
