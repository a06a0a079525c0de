"""The service catalogue: service-level policies and regulatory presets, matched to each
complaint, their due instants recomputed and their clocks checked (DESIGN.md section 6)."""
