"""Benchmarks of the product on synthetic and real pages; `gongkai bench …` (see `bench.cli`).

Nothing under gongkai/ imports this package: it measures the product from outside.
"""
