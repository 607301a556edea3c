"""consents and stored_numbers; pending consents on conversations; summaries on handoff requests

Revision ID: c3f9a8d2e1b7
Revises: a1d7e2c4b9f0
Create Date: 2026-11-24 20:45:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = 'c3f9a8d2e1b7'
down_revision = 'a1d7e2c4b9f0'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('consents',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('sender_id', sa.String(length=80), nullable=False),
    sa.Column('purpose', sa.String(length=32), nullable=False),
    sa.Column('granted', sa.Boolean(), nullable=False),
    sa.Column('notice_version', sa.String(length=16), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_consents_sender_id'), 'consents', ['sender_id'], unique=False)
    op.create_table('stored_numbers',
    sa.Column('sender_id', sa.String(length=80), nullable=False),
    sa.Column('ciphertext', sa.LargeBinary(), nullable=False),
    sa.Column('stored_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('sender_id')
    )
    with op.batch_alter_table('conversations') as batch:
        batch.add_column(sa.Column('pending_consents', sa.JSON(), nullable=True))
    with op.batch_alter_table('handoff_requests') as batch:
        batch.add_column(sa.Column('summary', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('handoff_requests') as batch:
        batch.drop_column('summary')
    with op.batch_alter_table('conversations') as batch:
        batch.drop_column('pending_consents')
    op.drop_table('stored_numbers')
    op.drop_index(op.f('ix_consents_sender_id'), table_name='consents')
    op.drop_table('consents')
