"""archives: member development files, their steps and the working-day calendar (issue 13)

Revision ID: 0008_archives
Revises: 0002_branch_manual
Create Date: 2026-11-28 23:35:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0008_archives'
down_revision = '0002_branch_manual'
branch_labels = None
depends_on = None


def _record_columns() -> list:
    return [
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('origin', sa.String(length=36), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('field_versions', sa.JSON(), nullable=False),
        sa.Column('modified_by', sa.String(length=36), nullable=False),
        sa.Column('change_seq', sa.BigInteger(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('deleted', sa.Boolean(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table('development_file',
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('id_number', sa.String(length=18), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('applied_on', sa.Date(), nullable=False),
    sa.Column('rules_version', sa.String(length=80), nullable=False),
    sa.Column('cancelled_reason', sa.Text(), nullable=False),
    sa.Column('cancelled_on', sa.Date(), nullable=True),
    sa.Column('member_id', sa.Uuid(), nullable=True),
    sa.Column('extension_months', sa.Integer(), nullable=False),
    sa.Column('extensions', sa.Integer(), nullable=False),
    *_record_columns(),
    sa.ForeignKeyConstraint(['branch_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('development_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_development_file_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_development_file_branch_id'), ['branch_id'], unique=False)
    op.create_table('development_step',
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('file_id', sa.Uuid(), nullable=False),
    sa.Column('step_no', sa.Integer(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=False),
    sa.Column('people', sa.JSON(), nullable=False),
    sa.Column('sponsors', sa.JSON(), nullable=False),
    sa.Column('meeting_id', sa.Uuid(), nullable=True),
    sa.Column('votes', sa.JSON(), nullable=True),
    sa.Column('rules_version', sa.String(length=80), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    *_record_columns(),
    sa.ForeignKeyConstraint(['branch_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['file_id'], ['development_file.id'], ),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('development_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_development_step_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_development_step_file_id'), ['file_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_development_step_branch_id'), ['branch_id'], unique=False)
    op.create_table('work_calendar_day',
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    *_record_columns(),
    sa.ForeignKeyConstraint(['branch_id'], ['organisation.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('work_calendar_day', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_calendar_day_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_calendar_day_branch_id'), ['branch_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('work_calendar_day', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_calendar_day_change_seq'))
        batch_op.drop_index(batch_op.f('ix_work_calendar_day_branch_id'))
    op.drop_table('work_calendar_day')
    with op.batch_alter_table('development_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_development_step_change_seq'))
        batch_op.drop_index(batch_op.f('ix_development_step_file_id'))
        batch_op.drop_index(batch_op.f('ix_development_step_branch_id'))
    op.drop_table('development_step')
    with op.batch_alter_table('development_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_development_file_change_seq'))
        batch_op.drop_index(batch_op.f('ix_development_file_branch_id'))
    op.drop_table('development_file')
