"""Moved to ``drafter.atomic`` (atomic writes sit below every package); kept until every branch rebased."""

from drafter.atomic import atomic_open, write_bytes_atomic, write_text_atomic

__all__ = ["atomic_open", "write_bytes_atomic", "write_text_atomic"]
