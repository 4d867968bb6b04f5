"""Quorum of a meeting (到会人数是否过半): pure functions over who was expected and who came.

DESIGN §2: a general meeting needs more than half of the voting members present
(full members vote; probationary members attend but do not vote); a committee
meeting needs more than half of its committee members. Other meetings have no quorum.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

#: Meeting kinds whose decisions are only valid with a quorum.
QUORUM_KINDS = frozenset({"general_meeting", "committee_meeting"})


@dataclass(frozen=True)
class Seat:
    """One person expected at the meeting: do they count towards the quorum, and did they come."""

    counts: bool
    present: bool


@dataclass(frozen=True)
class QuorumResult:
    applies: bool
    #: Members who count (voting members, or committee members).
    entitled: int
    #: Of those, how many were present.
    present: int
    #: The smallest number present that makes the meeting valid (more than half).
    needed: int

    @property
    def met(self) -> bool:
        return not self.applies or self.present >= self.needed


NOT_APPLICABLE = QuorumResult(applies=False, entitled=0, present=0, needed=0)


def more_than_half(total: int) -> int:
    """Smallest whole number strictly greater than half of ``total`` (5 → 3, 6 → 4)."""
    return total // 2 + 1


def quorum(kind: str, seats: Iterable[Seat]) -> QuorumResult:
    """Quorum for a meeting of ``kind``; ``seats`` holds everyone expected.

    For a general meeting a seat counts when the member votes (is a full member);
    for a committee meeting every committee member counts.
    """
    if kind not in QUORUM_KINDS:
        return NOT_APPLICABLE
    counted = [s for s in seats if s.counts]
    present = sum(1 for s in counted if s.present)
    return QuorumResult(applies=True, entitled=len(counted), present=present,
                        needed=more_than_half(len(counted)))


def votes_at_general_meeting(member_type: str) -> bool:
    """Probationary members attend and speak but have no vote (党章 第七条)."""
    return member_type == "full"
