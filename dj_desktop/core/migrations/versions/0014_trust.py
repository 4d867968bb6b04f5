"""trust: branches' audit chains as they arrive at the office (issue 11)

Revision ID: 0014_trust
Revises: 0005_audit
Create Date: 2026-11-29 01:45:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0014_trust'
down_revision = '0005_audit'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('site_audit_entry',
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False, nullable=False),
    sa.Column('history_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('who', sa.String(length=120), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('site_id', 'seq')
    )


def downgrade() -> None:
    op.drop_table('site_audit_entry')
