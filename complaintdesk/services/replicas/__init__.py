"""What the GUI knows of replicas: a branch's sync state, sync conflicts settled by rule,
and the changes other workstations wrote."""
