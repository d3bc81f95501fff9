"""Corpus mode: a SQLite store of articles, wire-copy groups and incrementally built stories."""
