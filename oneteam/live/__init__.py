"""Live updates: a broker that numbers and fans out events, and a Server-Sent Events stream.

Writers call `publish_on_commit(...)` (or `publish(...)`) from `oneteam.live.broker`; pages
connect to `/live/<channel>/stream` with `static/live/live.js`. See oneteam/live/README.md.
"""
