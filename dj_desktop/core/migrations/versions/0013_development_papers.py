"""development_papers: a unit's own required papers for the steps of member development (issue 13)

Revision ID: 0013_development_papers
Revises: 0008_archives
Create Date: 2026-11-29 03:45:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0013_development_papers'
down_revision = '0008_archives'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('development_paper',
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('step_no', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('added_on', sa.Date(), nullable=False),
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
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('development_paper', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_development_paper_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_development_paper_change_seq'), ['change_seq'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('development_paper', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_development_paper_change_seq'))
        batch_op.drop_index(batch_op.f('ix_development_paper_branch_id'))
    op.drop_table('development_paper')
