"""Benchmarks and measurements of the project; bench.peers is the peer benchmark (make bench).

The scripts here run as files (python bench/load.py ...); what tests or other scripts import from bench is kept in
modules without side effects on import.
"""
