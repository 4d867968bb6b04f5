"""Opening the assessment book: the 考核手册 tab on the period the reminder or record names."""

from __future__ import annotations

from dj_desktop.gui.books import register_opener, show_in_tab


def _open(host, services, target, on):
    if target.record_id is not None:
        values = services.records.get("assessments", target.record_id).values
        period, standard = values["period"], values["standard"]
    else:
        period, standard = str(target.preset.get("period", on.year - 1)), target.preset.get("standard", "star")

    def show(tab):
        tab.refresh()
        index = tab.standard_box.findData(standard)
        if index >= 0:
            tab.standard_box.setCurrentIndex(index)
        tab.period_edit.setText(period)
        tab.load()

    show_in_tab(host, "dj_desktop.gui.tabs.assessment", "AssessmentTab", show)
    return None


register_opener("assessments", _open)
