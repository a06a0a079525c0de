"""What happens to entries as they arrive at a replica.

Numbered in the order they became visible at the central server (``numbers``), records that
name the same real thing merged into one (``duplicates``), what a merge or conflict means
for people recorded at the central server (``settling``), and an entry that cannot apply
set aside without blocking the ones behind it (``set_aside``).
"""
