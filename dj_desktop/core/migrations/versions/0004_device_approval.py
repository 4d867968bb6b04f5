"""device approval: pending devices, bundles held until the office approves, linked sites

Revision ID: 0004_device_approval
Revises: 0003_sync
Create Date: 2026-11-23 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_device_approval'
down_revision = '0003_sync'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sync_device', schema=None) as batch_op:
        # Devices registered before this revision were trusted on first use: they stay approved.
        batch_op.add_column(sa.Column('approved', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('approved_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('site_name', sa.String(length=120), nullable=False, server_default=''))
    with op.batch_alter_table('sync_branch_site', schema=None) as batch_op:
        batch_op.add_column(sa.Column('home_site_id', sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_sync_branch_site_home_site_id'), ['home_site_id'], unique=False)
    op.create_table('sync_held_bundle',
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.Column('bundle_id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('content_sha256')
    )
    with op.batch_alter_table('sync_held_bundle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_held_bundle_device_id'), ['device_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sync_held_bundle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_held_bundle_device_id'))
    op.drop_table('sync_held_bundle')
    with op.batch_alter_table('sync_branch_site', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_branch_site_home_site_id'))
        batch_op.drop_column('home_site_id')
    with op.batch_alter_table('sync_device', schema=None) as batch_op:
        batch_op.drop_column('site_name')
        batch_op.drop_column('approved_at')
        batch_op.drop_column('approved')
