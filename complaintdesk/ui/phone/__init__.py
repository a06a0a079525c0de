"""The phone channel in the window: calls handed over by the command line, the screen pop,
quick capture during a call."""
