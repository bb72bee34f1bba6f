import pytest
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "admin:members_discipline_changelist",
        "admin:members_profile_changelist",
        "admin:programme_session_changelist",
        "admin:programme_interest_changelist",
    ],
)
def test_admin_changelist_opens_for_staff(client, admin_user, member, name):
    client.force_login(admin_user)

    response = client.get(reverse(name))

    assert response.status_code == 200


@pytest.mark.django_db
def test_admin_discipline_order_is_editable_in_the_list(client, admin_user):
    from oneteam.members.models import Discipline

    client.force_login(admin_user)
    disciplines = list(Discipline.objects.all())
    data = {
        "form-TOTAL_FORMS": str(len(disciplines)),
        "form-INITIAL_FORMS": str(len(disciplines)),
        "_save": "Save",
    }
    for index, discipline in enumerate(disciplines):
        data[f"form-{index}-id"] = str(discipline.pk)
        data[f"form-{index}-order"] = str(len(disciplines) - index)
        data[f"form-{index}-description"] = discipline.description

    response = client.post(reverse("admin:members_discipline_changelist"), data)

    assert response.status_code == 302
    assert Discipline.objects.order_by("order").first().slug == "other"
