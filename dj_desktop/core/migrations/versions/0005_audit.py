"""audit: the hash chain over the change history (全程纪实)

Revision ID: 0005_audit
Revises: 0001_foundation
Create Date: 2026-11-28 18:00:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import Session


revision = '0005_audit'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_entry',
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False, nullable=False),
    sa.Column('history_id', sa.Integer(), nullable=False),
    sa.Column('who', sa.String(length=120), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq'),
    sa.UniqueConstraint('history_id')
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_who'), ['who'], unique=False)
    # History written before the trail existed is chained now (its writer is unknown: who = "").
    from dj_desktop.core.audit import chain_existing
    chain_existing(Session(bind=op.get_bind()))


def downgrade() -> None:
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_who'))
    op.drop_table('audit_entry')
