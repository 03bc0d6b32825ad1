"""
The observatory: hotspots, trends, per-capita rates and response times.

`amane.analytics.engine` computes them with NumPy and no Django import, so that it can be
tested against the reference implementations and benchmarked alone; the rest of the app reads
reports, keeps results current and serves them.
"""
