"""Many writers at once, in one database and across replicas: this database's identity and a
clock per process (no lock in common), named locks, reference numbers no two places give
twice, and the failures of transactions that met (deadlocks, serialization), named."""
