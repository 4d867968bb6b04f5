"""records_start: a branch's record-keeping start date (台账起始日期), issue 10

Revision ID: 0012_records_start
Revises: 0001_foundation
Create Date: 2026-11-28 22:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0012_records_start'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('records_start', sa.Date(), nullable=True))
    # Branches kept before this column existed start on the day they were created in the program
    # (created_at travels in sync bundles, so the office derives the same day).
    op.execute("UPDATE organisation SET records_start = DATE(created_at) WHERE kind = 'branch'")


def downgrade() -> None:
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_column('records_start')
