"""group_manual: the Party-group manual's study sessions, duty areas, posts and co-managed members' cards (issue 12)

Revision ID: 0010_group_manual
Revises: 0001_foundation
Create Date: 2026-11-28 22:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0010_group_manual'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('co_managed_card',
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('group_id', sa.Uuid(), nullable=False),
    sa.Column('member_id', sa.Uuid(), nullable=False),
    sa.Column('card', sa.String(length=16), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('home_unit', sa.String(length=120), nullable=False),
    sa.Column('home_contact', sa.String(length=120), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('hours', sa.Float(), nullable=False),
    sa.Column('assessment', sa.String(length=16), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('field_versions', sa.JSON(), nullable=False),
    sa.Column('modified_by', sa.String(length=36), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['group_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('co_managed_card', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_co_managed_card_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_co_managed_card_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_co_managed_card_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_co_managed_card_member_id'), ['member_id'], unique=False)

    op.create_table('duty_area',
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('group_id', sa.Uuid(), nullable=False),
    sa.Column('member_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('scope', sa.Text(), nullable=False),
    sa.Column('duties', sa.Text(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('field_versions', sa.JSON(), nullable=False),
    sa.Column('modified_by', sa.String(length=36), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['group_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('duty_area', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duty_area_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_duty_area_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_duty_area_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_duty_area_member_id'), ['member_id'], unique=False)

    op.create_table('group_post',
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('group_id', sa.Uuid(), nullable=False),
    sa.Column('post', sa.String(length=80), nullable=False),
    sa.Column('duties', sa.Text(), nullable=False),
    sa.Column('member_id', sa.Uuid(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('field_versions', sa.JSON(), nullable=False),
    sa.Column('modified_by', sa.String(length=36), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['group_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('group_post', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_post_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_post_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_post_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_post_member_id'), ['member_id'], unique=False)

    op.create_table('group_study',
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('group_id', sa.Uuid(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=False),
    sa.Column('leader_id', sa.Uuid(), nullable=True),
    sa.Column('hours', sa.Float(), nullable=False),
    sa.Column('attendees', sa.Integer(), nullable=False),
    sa.Column('place', sa.String(length=120), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('field_versions', sa.JSON(), nullable=False),
    sa.Column('modified_by', sa.String(length=36), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['group_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['leader_id'], ['member.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('group_study', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_study_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_study_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_study_group_id'), ['group_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('group_study', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_group_study_group_id'))
        batch_op.drop_index(batch_op.f('ix_group_study_change_seq'))
        batch_op.drop_index(batch_op.f('ix_group_study_branch_id'))

    op.drop_table('group_study')
    with op.batch_alter_table('group_post', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_group_post_member_id'))
        batch_op.drop_index(batch_op.f('ix_group_post_group_id'))
        batch_op.drop_index(batch_op.f('ix_group_post_change_seq'))
        batch_op.drop_index(batch_op.f('ix_group_post_branch_id'))

    op.drop_table('group_post')
    with op.batch_alter_table('duty_area', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duty_area_member_id'))
        batch_op.drop_index(batch_op.f('ix_duty_area_group_id'))
        batch_op.drop_index(batch_op.f('ix_duty_area_change_seq'))
        batch_op.drop_index(batch_op.f('ix_duty_area_branch_id'))

    op.drop_table('duty_area')
    with op.batch_alter_table('co_managed_card', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_co_managed_card_member_id'))
        batch_op.drop_index(batch_op.f('ix_co_managed_card_group_id'))
        batch_op.drop_index(batch_op.f('ix_co_managed_card_change_seq'))
        batch_op.drop_index(batch_op.f('ix_co_managed_card_branch_id'))

    op.drop_table('co_managed_card')
