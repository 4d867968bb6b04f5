"""Bad input at the office (issue 16): a branch whose bundle is held for device approval or was refused
is listed in ``office compliance`` and on the office window's compliance page with its state and zero
counts, not an error and not left out; a day before any record gives zero counts."""

from __future__ import annotations

import json
import shutil
from datetime import date

from dj_desktop.cli import main
from dj_desktop.core.db import open_database
from dj_desktop.core.rules.id_number import make_id_number
from dj_desktop.core.services import build_services
from dj_desktop.core.services.member_records import MemberInput
from dj_desktop.gui.app import build_window
from dj_desktop.gui.workers import SynchronousRunner

PASSPHRASE = "county-office-2026"
TODAY = date(2026, 11, 20)
CHECKED = date(2027, 6, 1)   # half a year after the branches started their books
KEYS = {"branch_id", "branch", "overdue", "due", "by_kind", "oldest_overdue", "state"}


def _branch(tmp_path, template_db, name: str, enrolment, n: int):
    path = tmp_path / f"{name}.db"
    shutil.copyfile(template_db, path)
    services = build_services(open_database(path))
    unit = services.organisation.create_first_branch(name)
    for k in range(3):
        services.members.add(unit.id, MemberInput(name=f"{name[:2]}{k}", id_number=make_id_number(
            "110101", date(1970 + k, 5, 1), 10 * n + k, gender="male"), joined_on=date(2001, 7, 1)), today=TODAY)
    services.sync.enrol(enrolment)
    folder = tmp_path / f"stick-{n}"
    folder.mkdir()
    bundle = services.sync.export_bundle(folder).path
    services.db.dispose()
    return bundle


def test_held_and_refused_branches_are_listed_with_their_state(qtbot, tmp_path, template_db, capsys):
    office = build_services(open_database(tmp_path / "office.db"))
    enrolment = office.office.initialise(name="城关镇党委", passphrase=PASSPHRASE, out_dir=tmp_path / "hand").enrolment_path
    office.office.set_accept_new_devices(False)          # every new device waits for approval
    bundles = [_branch(tmp_path, template_db, name, enrolment, n)
               for n, name in enumerate(("东风村党支部", "西山村党支部", "南湖村党支部"), start=1)]
    results = office.office.import_bundles(bundles, passphrase=PASSPHRASE)
    assert [r.status for r in results] == ["held"] * 3
    device = {r.path: r.device_id for r in results}
    office.office.approve_device(device[bundles[0]], passphrase=PASSPHRASE)
    office.office.revoke_device(device[bundles[2]])

    assert main(["office", "compliance", "--json", "--date", CHECKED.isoformat(), "--db", str(tmp_path / "office.db")]) == 0
    rows = {r["branch"]: r for r in json.loads(capsys.readouterr().out)}
    assert all(KEYS <= set(r) for r in rows.values())
    assert {n: r["state"] for n, r in rows.items()} == {"东风村党支部": "ok", "西山村党支部": "pending",
                                                       "南湖村党支部": "refused"}
    for name in ("西山村党支部", "南湖村党支部"):
        assert (rows[name]["branch_id"], rows[name]["overdue"], rows[name]["due"], rows[name]["by_kind"],
                rows[name]["oldest_overdue"]) == (None, 0, 0, {}, None)
    assert rows["东风村党支部"]["branch_id"] and rows["东风村党支部"]["overdue"] > 0
    main(["office", "compliance", "--date", CHECKED.isoformat(), "--db", str(tmp_path / "office.db")])
    text = capsys.readouterr().out
    assert "西山村党支部" in text and "南湖村党支部" in text

    # A day before any record: every branch listed, nothing owed.
    early = office.office_books.compliance(date(2000, 1, 1))
    assert len(early) == 3 and all((c.overdue, c.due, c.oldest_overdue) == (0, 0, None) for c in early)

    window = build_window(office, job_runner=SynchronousRunner())
    qtbot.addWidget(window)
    window.compliance_page.run_check(CHECKED)
    model = window.compliance_page.model
    shown = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    assert set(shown) == set(rows) and shown["西山村党支部"] != shown["东风村党支部"]
    assert "3" in window.compliance_page.summary.text()
    office.db.dispose()
