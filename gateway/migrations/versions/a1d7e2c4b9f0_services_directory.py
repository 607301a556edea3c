"""services: the service directory (lantern.directory.ServiceRow)

Revision ID: a1d7e2c4b9f0
Revises: 5c7e3b426f26
Create Date: 2026-11-25 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = 'a1d7e2c4b9f0'
down_revision = '5c7e3b426f26'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('services',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kinds', sa.JSON(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('province', sa.String(length=100), nullable=True),
    sa.Column('city', sa.String(length=100), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('hours', sa.String(length=300), nullable=True),
    sa.Column('contact', sa.String(length=500), nullable=False),
    sa.Column('min_age', sa.Integer(), nullable=True),
    sa.Column('max_age', sa.Integer(), nullable=True),
    sa.Column('genders', sa.JSON(), nullable=False),
    sa.Column('nationalities', sa.JSON(), nullable=False),
    sa.Column('serves_men', sa.Boolean(), nullable=False),
    sa.Column('serves_children', sa.Boolean(), nullable=True),
    sa.Column('serves_undocumented', sa.Boolean(), nullable=True),
    sa.Column('sample', sa.Boolean(), nullable=False),
    sa.Column('verified_on', sa.Date(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_services_country'), ['country'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_services_country'))

    op.drop_table('services')
