"""add habit_completions table

Revision ID: 0021_add_habit_completions
Revises: 0020_add_habits_table
Create Date: 2026-01-04 10:12:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy import inspect
from sqlalchemy.dialects import postgresql

revision = "0021_add_habit_completions"
down_revision = "0020_add_habits_table"
branch_labels = None
depends_on = None


def upgrade():
    """Create habit_completions table if it doesn't exist"""
    # Get connection and check if table exists
    conn = op.get_bind()
    inspector = inspect(conn)

    if 'habit_completions' not in inspector.get_table_names():
        op.create_table(
            "habit_completions",
            sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
            sa.Column("habit_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("habits.id", ondelete="CASCADE"), nullable=False),
            sa.Column("user_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
            sa.Column("completed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
            sa.Column("note", sa.Text(), nullable=True),
        )
        # Create indexes...
        op.create_index("ix_habit_completions_habit_id", "habit_completions", ["habit_id"])
        op.create_index("ix_habit_completions_user_id", "habit_completions", ["user_id"])
        op.create_index("ix_habit_completions_completed_at", "habit_completions", ["completed_at"])
    else:
        print("⚠️  Table 'habit_completions' already exists, skipping creation")


def downgrade():
    """Drop habit_completions and its indexes if present"""
    conn = op.get_bind()
    if 'habit_completions' not in inspect(conn).get_table_names():
        return
    for index in ("ix_habit_completions_completed_at", "ix_habit_completions_user_id", "ix_habit_completions_habit_id"):
        op.drop_index(index, table_name="habit_completions")
    op.drop_table("habit_completions")
