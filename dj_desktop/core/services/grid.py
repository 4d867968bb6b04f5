"""The community grid (片区 → 楼栋) and which Party group covers each building."""

from __future__ import annotations

import uuid

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, aliased

from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models import Building, GridArea, Organisation
from dj_desktop.core.rules.dates import normalise_text
from dj_desktop.core.services.live import live
from dj_desktop.core.services.organisation_records import BuildingRow, GridAreaRow

_NAME_LIMIT = 80


class GridMixin:
    """Mixed into OrganisationService; expects ``self._db``."""

    def add_area(self, organisation_id: uuid.UUID, name: str) -> GridAreaRow:
        name = _check_name(name)
        with self._db.sessions.begin() as s:
            org = s.get(Organisation, organisation_id)
            if org is None or org.deleted or org.kind == "group":
                raise ValidationError({"organisation_id": _("A grid area belongs to a branch or a higher organisation.")})
            area = GridArea(organisation_id=organisation_id, name=name)
            s.add(area)
            s.flush()
            return GridAreaRow(area.id, organisation_id, name, ())

    def rename_area(self, area_id: uuid.UUID, name: str) -> None:
        name = _check_name(name)
        with self._db.sessions.begin() as s:
            _live(s, GridArea, area_id).name = name

    def add_building(self, area_id: uuid.UUID, name: str, *, group_id: uuid.UUID | None = None) -> BuildingRow:
        name = _check_name(name)
        with self._db.sessions.begin() as s:
            area = _live(s, GridArea, area_id)
            group_name = _check_group(s, area, group_id)
            building = Building(area_id=area_id, name=name, group_id=group_id)
            s.add(building)
            s.flush()
            return BuildingRow(building.id, area_id, name, group_id, group_name)

    def set_building_group(self, building_id: uuid.UUID, group_id: uuid.UUID | None) -> None:
        """Which Party group covers the building (None: no group)."""
        with self._db.sessions.begin() as s:
            building = _live(s, Building, building_id)
            _check_group(s, _live(s, GridArea, building.area_id), group_id)
            building.group_id = group_id

    def remove_building(self, building_id: uuid.UUID) -> None:
        with self._db.sessions.begin() as s:
            _live(s, Building, building_id).deleted = True

    def grid(self, organisation_id: uuid.UUID) -> list[GridAreaRow]:
        """Areas with their buildings and covering groups, in one query."""
        group = aliased(Organisation)
        with self._db.sessions() as s:
            areas = list(s.scalars(select(GridArea).where(
                GridArea.organisation_id == organisation_id, GridArea.deleted.is_(False)).order_by(GridArea.name)))
            rows = s.execute(
                select(Building.id, Building.area_id, Building.name, Building.group_id, group.name)
                .outerjoin(group, and_(group.id == Building.group_id, group.deleted.is_(False)))
                .where(Building.area_id.in_([a.id for a in areas]), Building.deleted.is_(False))
                .order_by(Building.name)).all()
        by_area: dict[uuid.UUID, list[BuildingRow]] = {}
        for bid, aid, name, gid, gname in rows:
            by_area.setdefault(aid, []).append(BuildingRow(bid, aid, name, gid, gname or ""))
        return [GridAreaRow(a.id, a.organisation_id, a.name, tuple(by_area.get(a.id, ()))) for a in areas]

    def buildings(self, organisation_id: uuid.UUID) -> list[BuildingRow]:
        """Every building of the organisation's grid, flat (for choosing a member's building)."""
        return [b for area in self.grid(organisation_id) for b in area.buildings]


def _check_name(name: str) -> str:
    name = normalise_text(name, keep_inner_spaces=True)
    if not name:
        raise ValidationError({"name": _("Enter a name.")})
    if len(name) > _NAME_LIMIT:
        raise ValidationError({"name": _("Too long: at most {limit} characters.").format(limit=_NAME_LIMIT)})
    return name


def _live(s: Session, model, record_id: uuid.UUID):
    return live(s, model, record_id, N_("This record no longer exists."))


def _check_group(s: Session, area: GridArea, group_id: uuid.UUID | None) -> str:
    if group_id is None:
        return ""
    group = s.get(Organisation, group_id)
    if group is None or group.deleted or group.kind != "group" or group.parent_id != area.organisation_id:
        raise ValidationError({"group_id": _("Choose a Party group of the branch this area belongs to.")})
    return group.name
