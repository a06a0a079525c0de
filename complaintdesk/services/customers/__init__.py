"""Customers: recognised by contact point, likely duplicates, merge and undo, the customer
card's timeline, the phone screen pop."""
