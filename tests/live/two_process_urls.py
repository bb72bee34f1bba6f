"""The app's URLs plus one view that publishes the way a service does: inside a transaction,
on commit. Only process A of the cross-process test serves it; the app has no publish URL."""

from __future__ import annotations

import json

from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from oneteam.events.models import Event
from oneteam.live.broker import publish_on_commit
from oneteam.live.channels import event_channel


@csrf_exempt
@require_POST
def publish_for_test(request: HttpRequest, slug: str) -> JsonResponse:
    with transaction.atomic():
        event = get_object_or_404(Event, slug=slug)
        publish_on_commit(event_channel(event.slug), "board-changed", json.loads(request.body))
    return JsonResponse({"published": True})


urlpatterns = [
    path("test-only/publish/<slug:slug>", publish_for_test),
    path("", include("oneteam.urls")),
]
