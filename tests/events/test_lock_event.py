from django.db import transaction

from oneteam.events.models import Event
from oneteam.events.selectors import lock_event


def test_lock_event_reads_the_event_afresh_by_event_or_id(event):
    Event.objects.filter(pk=event.pk).update(capacity=7)

    with transaction.atomic():
        by_event, by_id = lock_event(event), lock_event(event.pk)

    assert (event.capacity != 7, by_event.capacity, by_id.capacity) == (True, 7, 7)


def test_lock_event_with_chapter_needs_no_query_for_the_chapter(event, django_assert_num_queries):
    with transaction.atomic(), django_assert_num_queries(1):
        locked = lock_event(event, with_chapter=True)
        name = locked.chapter.name

    assert name == event.chapter.name
