"""Reads for the observatory, each scoped to what the viewer may see: one module per figure."""
