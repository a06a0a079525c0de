"""Configuration for administrators: functions, routing rules, promises, root causes, the
audit viewer and subject access reports."""
