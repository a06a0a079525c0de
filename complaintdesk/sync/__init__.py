"""Branch replicas and their sync with the central PostgreSQL server (DESIGN.md section 8).

- ``entries``: change-log entries as they travel, values turned back into columns;
- ``merge``: applying entries so that every replica ends in the same state;
- ``copying``: rows copied as they are (a branch's first copy, missing references);
- ``rounds``: one push and one pull, batch by batch, each batch one transaction;
- ``branch``: ``branch init`` and the workstation's link to the central server.
"""
