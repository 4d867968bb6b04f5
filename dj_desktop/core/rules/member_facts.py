"""What the reminder rules know of a member (``MemberFacts``), as the engine loads it for every member
of every branch asked about (``core/books/branch_facts.py``).

A frozen dataclass with a hand-written ``__init__`` (issue 16): an office loads 80,000 of them per
1,000 branches, and the generated frozen ``__init__`` (one ``object.__setattr__`` per field) cost
three times as much. Fields, defaults, equality, hashing and ``dataclasses.replace`` are unchanged.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, init=False)
class MemberFacts:
    id: uuid.UUID
    name: str
    arrived_on: date
    left_on: date | None = None
    joined_on: date | None = None
    group_id: uuid.UUID | None = None
    full_member_on: date | None = None
    member_type: str = "full"

    def __init__(self, id: uuid.UUID, name: str, arrived_on: date, left_on: date | None = None,  # noqa: A002
                 joined_on: date | None = None, group_id: uuid.UUID | None = None,
                 full_member_on: date | None = None, member_type: str = "full") -> None:
        d = self.__dict__
        d["id"], d["name"], d["arrived_on"], d["left_on"] = id, name, arrived_on, left_on
        d["joined_on"], d["group_id"], d["full_member_on"], d["member_type"] = (
            joined_on, group_id, full_member_on, member_type)

    def in_branch_on(self, day: date) -> bool:
        return self.arrived_on <= day and (self.left_on is None or self.left_on >= day)

    def full_on(self, day: date) -> bool:
        """A full member on ``day`` (an imported full member without a 转正 date counts as full)."""
        return self.full_member_on <= day if self.full_member_on is not None else self.member_type == "full"
