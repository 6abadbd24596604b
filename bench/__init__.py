"""Speed and quality benchmarks; ``python -m bench [NAME...]`` runs them and prints tables.

Each ``bench/bench_<name>.py`` module exposes ``run() -> list[dict]``: one dict
per table row, the same keys in every row. ``python -m bench`` finds them all.
"""
