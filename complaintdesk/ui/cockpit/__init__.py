"""The supervisor's cockpit: supervision around the queue, dashboard and charts, workload,
likely duplicate customers, sync conflicts."""
