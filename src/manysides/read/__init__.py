"""Readers: one module per input kind, each turning a source into `Article`s or a rejection."""

from manysides.read.sources import read_sources

__all__ = ["read_sources"]
