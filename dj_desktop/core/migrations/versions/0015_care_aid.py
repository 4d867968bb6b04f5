"""care_aid: what a member received as aid (慰问金, 米面油, 医疗救助 …), issue 13

Revision ID: 0015_care_aid
Revises: 0019_appraisal_care
Create Date: 2026-11-29 03:45:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0015_care_aid'
down_revision = '0019_appraisal_care'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('care_aid', schema=None) as batch_op:
        batch_op.add_column(sa.Column('given', sa.String(length=200), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('care_aid', schema=None) as batch_op:
        batch_op.drop_column('given')
