"""Who sees a resident's personal data, and how a phone number is masked (pure, no database)."""

from __future__ import annotations

import pytest

from schema.permissions import (
    ANONYMOUS,
    Role,
    TokenError,
    Viewer,
    issue_token,
    mask_phone,
    viewer_from_header,
)

SECRET = "permissions-test-secret-0123456789-abcdef"


def test_a_phone_keeps_its_first_three_and_last_four_digits() -> None:
    assert mask_phone("13800000001") == "138****0001"
    assert mask_phone("12345") == "*****"
    assert mask_phone(None) is None


@pytest.mark.parametrize(
    ("viewer", "areas", "helpers", "sees"),
    [
        (Viewer(Role.CITY_ADMIN), (), (), True),
        (Viewer(Role.AREA_ADMIN, scope="C1"), ("B1", "G1", "C1", "S1", "D1"), (), True),
        (Viewer(Role.AREA_ADMIN, scope="C2"), ("B1", "G1", "C1", "S1", "D1"), (), False),
        (Viewer(Role.ANALYST), ("B1",), (), False),
        (ANONYMOUS, ("B1",), (), False),
        (Viewer(Role.VOLUNTEER, subject="P1"), (), (), True),
        (Viewer(Role.VOLUNTEER, subject="P7"), (), ("P7",), True),
        (Viewer(Role.VOLUNTEER, subject="P8"), (), ("P7",), False),
    ],
)
def test_who_sees_resident_p1(
    viewer: Viewer, areas: tuple[str, ...], helpers: tuple[str, ...], sees: bool
) -> None:
    assert viewer.sees_personal_data("P1", areas, helpers) is sees


def test_a_token_round_trips_its_claims() -> None:
    header = f"Bearer {issue_token(SECRET, Role.AREA_ADMIN, scope='C1')}"
    assert viewer_from_header(header, SECRET) == Viewer(Role.AREA_ADMIN, scope="C1")
    assert viewer_from_header(None, SECRET) is ANONYMOUS


@pytest.mark.parametrize(
    ("header", "secret", "reason"),
    [
        ("Token abc", SECRET, "must read `Bearer <token>`"),
        ("Bearer abc", None, "this server has no GRIDWORK_SECRET to check tokens with"),
        ("Bearer abc", SECRET, "the token is not valid"),
    ],
)
def test_untrusted_tokens_say_why(header: str, secret: str | None, reason: str) -> None:
    with pytest.raises(TokenError, match=reason):
        viewer_from_header(header, secret)


def test_scoped_roles_need_their_scope() -> None:
    with pytest.raises(TokenError, match="needs --scope"):
        issue_token(SECRET, Role.AREA_ADMIN)
    with pytest.raises(TokenError, match="needs --subject"):
        issue_token(SECRET, Role.VOLUNTEER)
