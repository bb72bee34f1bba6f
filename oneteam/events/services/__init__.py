"""Writes to events, split by subject: events.py (events, rooms, slots), registrations.py
(places, waitlist, check-in) and organising.py (the organising team's tasks).

Every door (views, admin actions, commands, the API) calls these functions."""
