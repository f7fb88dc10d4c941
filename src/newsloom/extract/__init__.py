"""Extractors: each takes a `Parsed` article (and earlier facts) and returns facts with spans."""
