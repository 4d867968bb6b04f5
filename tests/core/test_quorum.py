"""Quorum: more than half of the voting members (general meeting) or of the committee (committee meeting)."""

from __future__ import annotations

from dj_desktop.core.rules.quorum import Seat, more_than_half, quorum, votes_at_general_meeting


def _seats(full_present, full_absent, prob_present=0, prob_absent=0):
    return ([Seat(True, True)] * full_present + [Seat(True, False)] * full_absent
            + [Seat(False, True)] * prob_present + [Seat(False, False)] * prob_absent)


def test_more_than_half():
    assert [more_than_half(n) for n in (1, 2, 3, 4, 5, 6, 7)] == [1, 2, 2, 3, 3, 4, 4]


def test_general_meeting_counts_only_voting_members():
    # 6 full members: 4 needed. Probationary members present do not help.
    result = quorum("general_meeting", _seats(3, 3, prob_present=2))
    assert (result.applies, result.entitled, result.present, result.needed, result.met) == (True, 6, 3, 4, False)
    result = quorum("general_meeting", _seats(4, 2, prob_absent=2))
    assert result.met and result.entitled == 6
    # Exactly half is not more than half.
    assert not quorum("general_meeting", _seats(3, 3)).met


def test_committee_meeting():
    assert quorum("committee_meeting", _seats(3, 2)).met
    assert not quorum("committee_meeting", _seats(2, 3)).met


def test_no_quorum_rule_for_other_meetings():
    for kind in ("group_meeting", "party_lesson", "themed_day", "life_meeting"):
        result = quorum(kind, _seats(0, 9))
        assert not result.applies and result.met


def test_nobody_entitled_is_not_a_quorum():
    assert not quorum("general_meeting", _seats(0, 0, prob_present=3)).met


def test_votes():
    assert votes_at_general_meeting("full") and not votes_at_general_meeting("probationary")
