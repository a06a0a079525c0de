"""Customers as pure rules: contact points, phone numbers, languages, likely duplicates."""
