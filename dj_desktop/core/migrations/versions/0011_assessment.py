"""assessment: the branch's self-assessments against the assessment standards (issue 15)

Revision ID: 0011_assessment
Revises: 0001_foundation
Create Date: 2026-11-28 22:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0011_assessment'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('assessment',
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('period', sa.String(length=10), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('standard', sa.String(length=32), nullable=False),
    sa.Column('rules_version', sa.String(length=80), nullable=False),
    sa.Column('version_no', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('submitted_on', sa.Date(), nullable=True),
    sa.Column('scores', sa.JSON(), nullable=False),
    sa.Column('deductions', sa.JSON(), nullable=False),
    sa.Column('vetoes', sa.JSON(), nullable=False),
    sa.Column('auto_scores', sa.JSON(), nullable=False),
    sa.Column('total', sa.String(length=12), nullable=False),
    sa.Column('stars', sa.Integer(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('office_scores', sa.JSON(), nullable=False),
    sa.Column('office_total', sa.String(length=12), nullable=False),
    sa.Column('office_stars', sa.Integer(), nullable=True),
    sa.Column('office_comment', sa.Text(), nullable=False),
    sa.Column('office_scored_on', sa.Date(), nullable=True),
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
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessment_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessment_period'), ['period'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessment_period_end'), ['period_end'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_period_end'))
        batch_op.drop_index(batch_op.f('ix_assessment_period'))
        batch_op.drop_index(batch_op.f('ix_assessment_change_seq'))
        batch_op.drop_index(batch_op.f('ix_assessment_branch_id'))
    op.drop_table('assessment')
