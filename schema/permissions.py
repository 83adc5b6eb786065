"""Who is asking: the viewer behind a bearer token, and what of a resident's personal data they see.

Roles (API.md): CITY_ADMIN sees everything; AREA_ADMIN sees personal data inside their scope's subtree;
ANALYST reads everything with personal data masked; VOLUNTEER sees their own and that of the residents
they currently help. A request without a
token reads like an analyst: the graph, never a resident's phone, needs or home.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

import jwt

ALGORITHM = "HS256"
TOKEN_LIFETIME = timedelta(hours=12)


class Role(StrEnum):
    CITY_ADMIN = "CITY_ADMIN"
    AREA_ADMIN = "AREA_ADMIN"
    ANALYST = "ANALYST"
    VOLUNTEER = "VOLUNTEER"


class TokenError(ValueError):
    """A bearer token that cannot be trusted; the message says why, never the token itself."""


@dataclass(frozen=True)
class Viewer:
    role: Role | None = None
    scope: str | None = None
    subject: str | None = None

    def sees_personal_data(
        self, person_id: str, areas: Collection[str] = (), helpers: Collection[str] = ()
    ) -> bool:
        """Whether this viewer sees a person's personal data.

        `areas` are the areas containing the person's home, `helpers` the people currently helping them;
        each is needed only when `needs_areas` or `needs_helpers` says so.
        """
        if self.role is Role.CITY_ADMIN:
            return True
        if self.role is Role.AREA_ADMIN:
            return self.scope is not None and self.scope in areas
        if self.role is Role.VOLUNTEER:
            return self.subject == person_id or self.subject in helpers
        return False

    @property
    def needs_areas(self) -> bool:
        return self.role is Role.AREA_ADMIN

    @property
    def needs_helpers(self) -> bool:
        """A volunteer sees the residents they are paired with (结对帮扶), to reach them."""
        return self.role is Role.VOLUNTEER


ANONYMOUS = Viewer()


def issue_token(secret: str, role: Role, *, scope: str | None = None, subject: str | None = None) -> str:
    if role is Role.AREA_ADMIN and not scope:
        raise TokenError("an AREA_ADMIN token needs --scope AREA_ID")
    if role is Role.VOLUNTEER and not subject:
        raise TokenError("a VOLUNTEER token needs --subject PERSON_ID")
    now = datetime.now(UTC)
    claims: dict[str, object] = {"role": role.value, "iat": now, "exp": now + TOKEN_LIFETIME}
    if scope:
        claims["scope"] = scope
    if subject:
        claims["sub"] = subject
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def viewer_from_header(header: str | None, secret: str | None) -> Viewer:
    """The viewer named by an `Authorization: Bearer <JWT>` header; anonymous without one."""
    if not header:
        return ANONYMOUS
    match = re.fullmatch(r"Bearer\s+(\S+)", header.strip())
    if match is None:
        raise TokenError("the Authorization header must read `Bearer <token>`")
    if secret is None:
        raise TokenError("this server accepts no tokens: GRIDWORK_SECRET is not set")
    try:
        claims = jwt.decode(
            match.group(1), secret, algorithms=[ALGORITHM], options={"require": ["exp", "role"]}
        )
    except jwt.ExpiredSignatureError:
        raise TokenError("the token has expired") from None
    except jwt.InvalidTokenError as error:
        raise TokenError(f"the token is not valid: {error}") from None
    try:
        role = Role(claims["role"])
    except ValueError:
        raise TokenError(f"unknown role in token: {claims['role']}") from None
    return Viewer(role=role, scope=claims.get("scope"), subject=claims.get("sub"))


def mask_phone(phone: str | None) -> str | None:
    """`13800000001` -> `138****0001`: enough to tell two numbers apart, not to call one."""
    if phone is None:
        return None
    if len(phone) <= 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
