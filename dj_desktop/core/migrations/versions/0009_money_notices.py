"""money_notices: Party dues bases and payments, the branch funds ledger, the notice board (issue 14)

Revision ID: 0009_money_notices
Revises: 0001_foundation
Create Date: 2026-11-28 19:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0009_money_notices'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dues_base',
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('member_id', sa.Uuid(), nullable=False),
    sa.Column('from_month', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('income', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('fixed_amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('rules_version', sa.String(length=80), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
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
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('dues_base', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dues_base_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dues_base_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_dues_base_from_month'), ['from_month'], unique=False)
        batch_op.create_index(batch_op.f('ix_dues_base_member_id'), ['member_id'], unique=False)
    op.create_table('dues_payment',
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('member_id', sa.Uuid(), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=False),
    sa.Column('first_month', sa.Date(), nullable=False),
    sa.Column('last_month', sa.Date(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('expected', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('voluntary', sa.Boolean(), nullable=False),
    sa.Column('collector', sa.String(length=40), nullable=False),
    sa.Column('receipt_no', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('flags', sa.String(length=80), nullable=False),
    sa.Column('handed_up_on', sa.Date(), nullable=True),
    sa.Column('rules_version', sa.String(length=80), nullable=False),
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
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('dues_payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dues_payment_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dues_payment_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_dues_payment_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dues_payment_paid_on'), ['paid_on'], unique=False)
    op.create_table('funds_entry',
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('entry_on', sa.Date(), nullable=False),
    sa.Column('direction', sa.String(length=10), nullable=False),
    sa.Column('category', sa.String(length=24), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('payee', sa.String(length=120), nullable=False),
    sa.Column('voucher_no', sa.String(length=40), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
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
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('funds_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_funds_entry_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_funds_entry_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_funds_entry_entry_on'), ['entry_on'], unique=False)
    op.create_table('notice_item',
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('proposed_by', sa.String(length=40), nullable=False),
    sa.Column('proposed_on', sa.Date(), nullable=False),
    sa.Column('reviewed_by', sa.String(length=40), nullable=False),
    sa.Column('reviewed_on', sa.Date(), nullable=True),
    sa.Column('approved_by', sa.String(length=40), nullable=False),
    sa.Column('approved_on', sa.Date(), nullable=True),
    sa.Column('posted_by', sa.String(length=40), nullable=False),
    sa.Column('posted_on', sa.Date(), nullable=True),
    sa.Column('post_until', sa.Date(), nullable=True),
    sa.Column('source', sa.String(length=40), nullable=False),
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
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('notice_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_item_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_item_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_item_proposed_on'), ['proposed_on'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('notice_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notice_item_branch_id'))
        batch_op.drop_index(batch_op.f('ix_notice_item_change_seq'))
        batch_op.drop_index(batch_op.f('ix_notice_item_proposed_on'))
    op.drop_table('notice_item')
    with op.batch_alter_table('funds_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_funds_entry_branch_id'))
        batch_op.drop_index(batch_op.f('ix_funds_entry_change_seq'))
        batch_op.drop_index(batch_op.f('ix_funds_entry_entry_on'))
    op.drop_table('funds_entry')
    with op.batch_alter_table('dues_payment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dues_payment_branch_id'))
        batch_op.drop_index(batch_op.f('ix_dues_payment_change_seq'))
        batch_op.drop_index(batch_op.f('ix_dues_payment_member_id'))
        batch_op.drop_index(batch_op.f('ix_dues_payment_paid_on'))
    op.drop_table('dues_payment')
    with op.batch_alter_table('dues_base', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dues_base_branch_id'))
        batch_op.drop_index(batch_op.f('ix_dues_base_change_seq'))
        batch_op.drop_index(batch_op.f('ix_dues_base_from_month'))
        batch_op.drop_index(batch_op.f('ix_dues_base_member_id'))
    op.drop_table('dues_base')
