"""Promises and deadlines as pure rules: presets, business calendars, due instants, clocks.

Business-calendar arithmetic (``calendar``, ``business_time``), the counting conventions of
regulatory deadlines (``deadlines``), the shipped presets (``presets``), policy matching
(``sla``) and the clock rules that turn a complaint's instants into due instants and a clock
state (``clocks``). No database, no Qt (DESIGN.md section 6).
"""
