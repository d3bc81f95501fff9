"""Cross-outlet stages: entity resolution, fact alignment, and the comparison they build."""
