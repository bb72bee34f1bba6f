"""Every write to the programme goes through these functions (views, htmx, commands alike)."""

from oneteam.programme.services.interests import InterestState, interest_open_set, interest_set
from oneteam.programme.services.live import (
    pitch_queue_advance,
    pitch_queue_move,
    topic_extend,
    topic_finish,
    topic_start_next,
)
from oneteam.programme.services.pitches import (
    PitchDetails,
    programme_update,
    session_merge,
    session_pitch,
    session_update,
    session_withdraw,
)

__all__ = [
    "InterestState",
    "PitchDetails",
    "interest_open_set",
    "interest_set",
    "pitch_queue_advance",
    "pitch_queue_move",
    "programme_update",
    "session_merge",
    "session_pitch",
    "session_update",
    "session_withdraw",
    "topic_extend",
    "topic_finish",
    "topic_start_next",
]
