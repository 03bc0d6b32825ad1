"""
The observatory's arithmetic: plain Python, NumPy and SciPy, no Django.

Each module takes arrays and returns arrays or small dataclasses; none reads a database or a
setting. `docs/observatory.md` gives the definitions and the references each one is tested against.
"""
