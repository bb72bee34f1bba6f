"""The demo community: spaces and conversations to try the community with."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from oneteam.accounts.models import User
from oneteam.community.models import Post, Pseudonym, Space
from oneteam.demo.data import MEMBER
from oneteam.demo.loader import load_demo

pytestmark = pytest.mark.django_db


def test_demo_has_spaces_threads_and_consistent_anonymous_posts(client):
    load_demo()
    assert set(Space.objects.values_list("kind", flat=True)) == {"community", "chapter"}
    anonymous = Post.objects.filter(pseudonym_number__isnull=False)
    assert anonymous.count() == 3
    assert not anonymous.filter(author__isnull=False).exists()
    for post in anonymous:
        assert Pseudonym.objects.filter(
            thread_id=post.thread_id, number=post.pseudonym_number
        ).exists()
    assert mail.outbox == []
    client.force_login(User.objects.get(email=MEMBER.email))
    space = Space.objects.get(kind="community")
    page = client.get(reverse("community:space", kwargs={"slug": space.slug})).content.decode()
    assert "It can be a lonely business" in page
