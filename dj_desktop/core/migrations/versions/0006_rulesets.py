"""rulesets: versions of rule sets added after installation; old cadence settings become a local version

Revision ID: 0006_rulesets
Revises: 0001_foundation
Create Date: 2026-11-28 18:10:00

Before this revision the cadence targets were settings under ``cadence.<kind>`` and
``reminders.<target>``. A database where someone changed them gets a local version
``local-migrated`` of rule set ``cadence`` holding the shipped 2018 values overlaid with
the stored ones, in effect from the same day as version 2018 (so it wins over it); the
moved keys are then removed. Display knobs (``reminders.due_soon_days`` …) stay settings.
"""
import json
from datetime import date, datetime, timezone

import sqlalchemy as sa
from alembic import op

from dj_desktop.assets import resource

revision = '0006_rulesets'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None

RULE_KEYS = {  # old settings key → (content key, converter)
    "reminders.secretary_lessons_per_year": ("secretary_lessons_per_year", int),
    "reminders.talks_per_year": ("talks_per_year", int),
    "reminders.study_hours": ("study_hours", float),
    "reminders.study_hours_leaders": ("study_hours_leaders", float),
    "reminders.min_committee_size": ("min_committee_size", int),
}
PERIODS = ("month", "quarter", "half_year", "year")


def _migrated_content(stored: dict, base: dict) -> dict:
    content = json.loads(json.dumps(base))
    for key, value in stored.items():
        if key.startswith("cadence.") and key[len("cadence."):] in content["cadences"] and isinstance(value, dict):
            kind = key[len("cadence."):]
            period, count = value.get("period"), value.get("count")
            if period in PERIODS:
                content["cadences"][kind]["period"] = period
            if isinstance(count, int) and not isinstance(count, bool) and 1 <= count <= 31:
                content["cadences"][kind]["count"] = count
        elif key in RULE_KEYS:
            field, convert = RULE_KEYS[key]
            try:
                number = convert(value)
            except (TypeError, ValueError):
                continue      # a damaged value: the 2018 value stays, as the program did when reading it
            if number > 0:
                content[field] = number
    return content


def upgrade() -> None:
    table = op.create_table('rule_set_version',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('rule_set', sa.String(length=32), nullable=False),
    sa.Column('version', sa.String(length=40), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('origin', sa.String(length=8), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('rule_set', 'version', name='uq_rule_set_version')
    )
    with op.batch_alter_table('rule_set_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rule_set_version_rule_set'), ['rule_set'], unique=False)

    setting = sa.table('local_setting', sa.column('key', sa.String), sa.column('value', sa.JSON))
    bind = op.get_bind()
    keys = [f"cadence.{kind}" for kind in json.loads(resource("rulesets", "cadence", "2018.json").read_text(
        encoding="utf-8"))["content"]["cadences"]] + list(RULE_KEYS)
    stored = {row.key: row.value for row in bind.execute(sa.select(setting).where(setting.c.key.in_(keys)))}
    if not stored:
        return
    shipped = json.loads(resource("rulesets", "cadence", "2018.json").read_text(encoding="utf-8"))
    content = _migrated_content(stored, shipped["content"])
    if content != shipped["content"]:
        bind.execute(table.insert().values(
            rule_set="cadence", version="local-migrated", effective_from=date.fromisoformat(shipped["effective_from"]),
            sources=[{"document": "本机升级前的设置（升级时原样迁移）", "articles": []}],
            note="升级前在本机修改过的三会一课等频次和年度指标，升级时保留为本地版本；来源以修改时的依据为准。",
            content=content, origin="local", added_at=datetime.now(timezone.utc).replace(tzinfo=None)))
    bind.execute(setting.delete().where(setting.c.key.in_(list(stored))))


def downgrade() -> None:
    with op.batch_alter_table('rule_set_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rule_set_version_rule_set'))
    op.drop_table('rule_set_version')
