"""Writes of the introductions app: opting in and out (optins), rounds (rounds), and answers to
"did you meet?" with the follow-up emails (follow_ups)."""
