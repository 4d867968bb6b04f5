"""The member file (一人一档): one member's sections in a fixed order — roster data, changes, corrections,
meetings attended, then every book's records of that member in registry order (talks from either side,
practice, dues …), each section even when empty; the PDF read back in that order; the masked file
holds neither the full ID number nor the phone, in its text or anywhere in the file."""

from __future__ import annotations

import zlib
from datetime import date

import pypdf

from dj_desktop.core.books import books
from dj_desktop.core.models import Member
from dj_desktop.core.rules.dues import parse_months
from dj_desktop.reports.pdf.member_file import write_member_file
from tests.core.manual_world import build_world

TODAY = date(2026, 11, 28)


def _text(path) -> str:
    return "".join(p.extract_text() for p in pypdf.PdfReader(path).pages)


def test_sections_in_order_with_every_book_of_the_member(db, services, tmp_path):
    world = build_world(db)
    wang, qian = world.members["王书记"], world.members["钱一"]
    with db.sessions.begin() as s:          # the world's ID numbers are made up: set the fields directly
        member = s.get(Member, qian)
        member.phone, member.address = "13912345678", "四川省成都市武侯区红星路8号"
    services.records.create("talks", {"branch_id": world.branch, "held_on": date(2026, 5, 6), "talker_id": wang,
                                      "talkee_id": qian, "place": "活动室", "topic": "思想汇报"}, today=TODAY)
    services.records.create("practice", {"branch_id": world.branch, "member_id": qian, "done_on": date(2026, 6, 1),
                                         "kind": "volunteer", "title": "助老服务"}, today=TODAY)
    services.dues.set_base(qian, kind="retired", income="5000.00", from_month=date(2026, 1, 1), today=TODAY)
    services.dues.pay(qian, months=parse_months("2026-01"), amount="25.00", paid_on=date(2026, 1, 9), today=TODAY)

    file = services.member_file.file(qian, today=TODAY)
    keys = [s.key for s in file.sections]
    listed = [b.key for b in books() if b.member_field_names()]
    assert keys == ["roster", "events", "corrections", "meetings", *listed]
    assert "meetings" not in listed and "members" not in listed
    section = {s.key: s for s in file.sections}
    assert ("身份证号", services.members.get(qian).id_number) in section["roster"].facts
    assert [r[3] for r in section["talks"].rows] == ["活动室"] and section["practice"].rows
    assert section["dues_payments"].rows and not section["group_posts"].rows     # empty, still there
    assert "talks" in keys and services.member_file.file(wang, today=TODAY).sections[keys.index("talks")].rows

    path = tmp_path / "file.pdf"
    write_member_file(file, path)
    text = _text(path)
    body = "".join(p.extract_text() for p in pypdf.PdfReader(path).pages[2:])   # after the cover and contents
    positions = [body.index(f"{n}. {s.title}") for n, s in enumerate(file.sections, 1)]
    assert positions == sorted(positions) and "无记录" in text and "助老服务" in text
    assert "13912345678" in text and services.members.get(qian).id_number in text

    masked = tmp_path / "masked.pdf"
    write_member_file(services.member_file.file(qian, mask=True, today=TODAY), masked)
    text = _text(masked)
    id_number = services.members.get(qian).id_number
    assert id_number not in text and "13912345678" not in text and "红星路" not in text
    assert f"{id_number[:4]}**********{id_number[-4:]}" in text and "139****5678" in text and "武侯区****" in text
    raw = masked.read_bytes()
    streams = b"".join(_streams(raw))
    assert id_number.encode() not in raw + streams and b"13912345678" not in raw + streams


def _streams(raw: bytes):
    for part in raw.split(b"stream\r\n" if b"stream\r\n" in raw else b"stream\n")[1:]:
        try:
            yield zlib.decompress(part.split(b"endstream")[0])
        except zlib.error:
            continue


def test_an_address_is_cut_to_its_district():
    from dj_desktop.core.rules.masking import mask_address
    assert mask_address("四川省成都市武侯区红星路8号") == "四川省成都市武侯区****"
    assert mask_address("北京市东城区幸福里小区3号楼") == "北京市东城区****"     # 小区 is not a district
    assert mask_address("幸福里社区3号楼") == "****"                            # no district named: all hidden
    assert mask_address("") == ""
