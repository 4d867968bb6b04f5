"""points_more: exemptions for illness and members' sign-off of their month's points (issue 12)

Revision ID: 0016_points_more
Revises: 0007_practice_points
Create Date: 2026-11-29 01:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0016_points_more'
down_revision = '0007_practice_points'
branch_labels = None
depends_on = None


def _record_columns() -> list[sa.Column]:
    return [sa.Column('id', sa.Uuid(), nullable=False),
            sa.Column('origin', sa.String(length=36), nullable=False),
            sa.Column('version', sa.Integer(), nullable=False),
            sa.Column('field_versions', sa.JSON(), nullable=False),
            sa.Column('modified_by', sa.String(length=36), nullable=False),
            sa.Column('change_seq', sa.BigInteger(), nullable=False),
            sa.Column('created_at', sa.DateTime(), nullable=False),
            sa.Column('updated_at', sa.DateTime(), nullable=False),
            sa.Column('deleted', sa.Boolean(), nullable=False)]


def upgrade() -> None:
    op.create_table('point_exemption',
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('member_id', sa.Uuid(), nullable=False),
    sa.Column('from_month', sa.Date(), nullable=False),
    sa.Column('until_month', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    *_record_columns(),
    sa.ForeignKeyConstraint(['branch_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('point_exemption', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_point_exemption_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_point_exemption_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_point_exemption_from_month'), ['from_month'], unique=False)
        batch_op.create_index(batch_op.f('ix_point_exemption_member_id'), ['member_id'], unique=False)

    op.create_table('point_signoff',
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('member_id', sa.Uuid(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    *_record_columns(),
    sa.ForeignKeyConstraint(['branch_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('point_signoff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_point_signoff_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_point_signoff_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_point_signoff_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_point_signoff_month'), ['month'], unique=False)


def downgrade() -> None:
    for table in ('point_signoff', 'point_exemption'):
        op.drop_table(table)
