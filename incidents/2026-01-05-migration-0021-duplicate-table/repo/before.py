"""add habit_completions table

Revision ID: 0021_add_habit_completions
Revises: 0020_add_habits_table
Create Date: 2026-01-04 10:12:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0021_add_habit_completions"
down_revision = "0020_add_habits_table"
branch_labels = None
depends_on = None


def upgrade():
    # Table for tracking daily habit completions.
    # Each completion belongs to one habit and one user.
    op.create_table(
        "habit_completions",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("habit_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("habits.id", ondelete="CASCADE"), nullable=False),
        sa.Column("user_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("note", sa.Text(), nullable=True),
    )
    op.create_index("ix_habit_completions_habit_id", "habit_completions", ["habit_id"])
    op.create_index("ix_habit_completions_user_id", "habit_completions", ["user_id"])
    op.create_index("ix_habit_completions_completed_at", "habit_completions", ["completed_at"])


def downgrade():
    # Drop indexes first, then the table
    # (reverse order of creation).
    op.drop_index("ix_habit_completions_completed_at", table_name="habit_completions")
    op.drop_index("ix_habit_completions_user_id", table_name="habit_completions")
    op.drop_index("ix_habit_completions_habit_id", table_name="habit_completions")
    op.drop_table("habit_completions")
