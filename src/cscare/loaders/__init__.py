"""Readers for the raw returns: every record of every file becomes one raw row (all text),
with its file, line, LA and year; anything that cannot be read is recorded as a load issue."""

from .core import RawLoad, load_raw

__all__ = ["RawLoad", "load_raw"]
