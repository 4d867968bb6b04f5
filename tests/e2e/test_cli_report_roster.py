"""`dj-desktop report roster -o FILE.pdf [--mask] --db PATH`: the 花名册 as a landscape A4 table."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from dj_desktop.core.db import open_database
from dj_desktop.core.rules.masking import mask_id_number, mask_phone
from dj_desktop.core.services import build_services
from tests.e2e.cli_helpers import run





@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_copy):
    folder = tmp_path_factory.mktemp("cli_roster")
    demo_copy(folder / "demo.db")
    services = build_services(open_database(folder / "demo.db", create=False))
    members = services.members.roster(services.organisation.first_branch().id)
    services.db.dispose()
    return folder, members


def _text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_full_roster_lists_every_member_in_the_branch_on_landscape_a4(demo):
    folder, members = demo
    done = run("report", "roster", "-o", str(folder / "花名册.pdf"), "--db", str(folder / "demo.db"), cwd=folder)
    assert done.returncode == 0, done.stderr
    reader = PdfReader(folder / "花名册.pdf")
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    assert round(float(box.width)) == 842 and round(float(box.height)) == 595  # A4
    text = _text(folder / "花名册.pdf")
    assert "党员花名册" in text and "身份证号" in text
    for m in members:
        assert m.name in text and m.id_number in text
    assert f"{len(members)} 名党员" in text or str(len(members)) in text


def test_the_masked_roster_has_no_full_id_or_phone_number(demo):
    folder, members = demo
    done = run("report", "roster", "-o", str(folder / "masked.pdf"), "--mask", "--db", str(folder / "demo.db"),
               cwd=folder)
    assert done.returncode == 0, done.stderr
    text = _text(folder / "masked.pdf")
    assert not re.search(r"\d{17}[\dX]", text)          # no full ID number at all
    assert not re.search(r"(?<!\d)1\d{10}(?!\d)", text)  # no full mobile number
    for m in members:
        assert m.name in text and mask_id_number(m.id_number) in text
        assert m.id_number not in text
        if m.phone:
            assert mask_phone(m.phone) in text and m.phone not in text


def test_masks_keep_the_ends():
    assert mask_id_number("510104199001011234") == "5101**********1234"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("") == "" and mask_phone("12") == "*2"


def test_a_wrong_suffix_is_refused(demo):
    folder, _members = demo
    done = run("report", "roster", "-o", str(folder / "roster.xlsx"), "--db", str(folder / "demo.db"), cwd=folder)
    assert done.returncode == 2 and ".pdf" in done.stderr
