"""Outputs: JSON document, Markdown, self-contained HTML, terminal summary."""
