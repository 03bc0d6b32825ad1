"""Benchmarks: scripts that print tables (run by `make bench`)."""
