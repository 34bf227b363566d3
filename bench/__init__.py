"""Benchmarks: synthetic corpora pushed through the real pipeline (see bench/README.md)."""
