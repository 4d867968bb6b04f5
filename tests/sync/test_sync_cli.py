"""The sync command line end to end: office init, enrol, export, import (--json), receipts, return bundles."""

from __future__ import annotations

import json
import shutil

from pypdf import PdfReader

from dj_desktop.cli import main
from dj_desktop.core.db import open_database
from dj_desktop.core.models import Organisation
from dj_desktop.core.services.office_identity import is_office_database


def test_command_line_round_trip(office_url, template_db, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DJ_PASSPHRASE", "a passphrase for tests")
    assert main(["office", "init", "--db", office_url, "--name", "县委组织部", "--out", str(tmp_path / "out")]) == 0
    enrolment = capsys.readouterr().out.strip()
    assert enrolment.endswith(".djenrol")

    branch = tmp_path / "branch.db"
    shutil.copyfile(template_db, branch)
    assert main(["enrol", enrolment, "--db", str(branch)]) == 0
    capsys.readouterr()
    db = open_database(branch)
    with db.sessions.begin() as s:
        s.add(Organisation(name="幸福里社区党支部", kind="branch"))
    db.dispose()
    slip = tmp_path / "登记单.pdf"
    assert main(["report", "enrolment", "-o", str(slip), "--db", str(branch)]) == 0
    capsys.readouterr()
    slip_text = "".join(page.extract_text() for page in PdfReader(slip).pages)
    assert "幸福里社区党支部" in slip_text and "县委组织部" in slip_text

    stick = tmp_path / "stick"
    assert main(["sync", "export", "--db", str(branch), "--to", str(stick)]) == 0
    bundle = capsys.readouterr().out.strip()
    assert bundle.endswith(".djbundle") and (stick / bundle.split("/")[-1]).is_file()
    broken = stick / "broken.djbundle"
    broken.write_bytes(b"DJBUNDLE" + b"\0" * 100)

    # --passphrase-file wins over the environment.
    secret = tmp_path / "pass.txt"
    secret.write_text("a passphrase for tests\n", encoding="utf-8")
    monkeypatch.delenv("DJ_PASSPHRASE")
    receipts = tmp_path / "receipts"
    code = main(["sync", "import", bundle, str(broken), "--db", office_url, "--receipts", str(receipts),
                 "--json", "--passphrase-file", str(secret)])
    results = json.loads(capsys.readouterr().out)
    assert code == 1                       # one file was rejected
    assert [r["status"] for r in results] == ["held", "rejected"]   # a new device waits for the office
    assert results[0]["applied"] == {} and results[0]["code"] == "pending_device" and results[1]["reason"]
    main(["sync", "import", bundle, "--db", office_url, "--passphrase-file", str(secret)])
    held = capsys.readouterr().out        # said in words, with the name the bundle gave, never "unknown"
    assert "幸福里社区党支部" in held and "待批准" in held and "未知" not in held, held
    assert main(["office", "devices", "--db", office_url]) == 0
    listed = capsys.readouterr().out
    assert "待确认" in listed and "幸福里社区党支部" in listed and results[0]["device_fingerprint"] in listed
    assert main(["office", "approve", results[0]["device_fingerprint"], "--db", office_url, "--json",
                 "--receipts", str(receipts), "--passphrase-file", str(secret)]) == 0
    (merged,) = json.loads(capsys.readouterr().out)
    assert merged["status"] == "applied" and merged["applied"] == {"organisation": 1}
    results[0]["receipt"] = merged["receipt"]
    assert main(["sync", "import", bundle, "--db", office_url, "--passphrase-file", str(secret)]) == 0
    out = capsys.readouterr().out
    assert "已接收过" in out and "duplicate" not in out and "organisation" not in out

    assert main(["sync", "apply-receipt", results[0]["receipt"], "--db", str(branch)]) == 0
    capsys.readouterr()
    site = results[0]["site_id"]
    assert main(["sync", "return", "--branch", site, "--to", str(tmp_path / "back"), "--db", office_url,
                 "--passphrase-file", str(secret)]) == 0
    returned = capsys.readouterr().out.strip()
    assert main(["sync", "apply-receipt", returned, "--db", str(branch)]) == 0

    # The office lists the device and revokes it by the fingerprint the branch reads out.
    capsys.readouterr()
    assert main(["office", "devices", "--db", office_url, "--json"]) == 0
    (device,) = json.loads(capsys.readouterr().out)
    assert (device["site_id"], device["branch"], device["revoked"]) == (site, "幸福里社区党支部", False)
    assert device["fingerprint"] == results[0]["device_fingerprint"]
    assert device["fingerprint"] in slip_text           # what the office checks against the slip
    assert main(["office", "revoke", "no-such-device", "--db", office_url]) == 2
    assert "office devices" in capsys.readouterr().err
    assert main(["office", "revoke", device["fingerprint"].lower().replace(" ", ""), "--db", office_url]) == 0
    assert device["fingerprint"] in capsys.readouterr().out
    assert main(["office", "devices", "--db", office_url]) == 0
    assert "已吊销" in capsys.readouterr().out
    db = open_database(branch)
    with db.sessions.begin() as s:
        s.add(Organisation(name="第一党小组", kind="group"))
    db.dispose()
    assert main(["sync", "export", "--db", str(branch), "--to", str(stick)]) == 0
    later = capsys.readouterr().out.strip()
    assert main(["sync", "import", later, "--db", office_url, "--json", "--passphrase-file", str(secret)]) == 1
    assert json.loads(capsys.readouterr().out)[0]["code"] == "revoked_device"

    # Only the office database is one; a branch database cannot become an office, nor enrol an office.
    office_db, branch_db = open_database(office_url), open_database(branch)
    try:
        assert is_office_database(office_db) and not is_office_database(branch_db)
    finally:
        office_db.dispose()
        branch_db.dispose()
    monkeypatch.setenv("DJ_PASSPHRASE", "a passphrase for tests")
    assert main(["office", "init", "--db", str(branch), "--name", "x", "--out", str(tmp_path / "o2")]) == 2
    assert main(["enrol", enrolment, "--db", office_url]) == 2
    capsys.readouterr()
    monkeypatch.delenv("DJ_PASSPHRASE")

    # Without a passphrase: a clear message and exit code 2, nothing imported.
    assert main(["sync", "import", bundle, "--db", office_url]) == 2
    assert "DJ_PASSPHRASE" in capsys.readouterr().err
