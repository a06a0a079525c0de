"""Persistence: SQLAlchemy models, engines, units of work and queries.

Nothing above this package sees a ``Session``; services use :class:`UnitOfWork`.
"""
