"""Who is asking, and what they may ask: bearer tokens, the rule table of root fields, personal data.

Roles (docs/api.md): CITY_ADMIN sees everything; AREA_ADMIN reads and writes inside their scope's subtree;
ANALYST reads everything with personal data masked; VOLUNTEER sees their own and that of the residents
they currently help. A request without a valid token reads nothing (GraphiQL may still introspect when
the server allows it).

`QUERY_RULES` and `MUTATION_RULES` say which roles may call each root field; a root field without a
rule is refused to everyone (and tests/schema/test_roles.py fails for it), so a new field cannot go out
open by mistake. A request without a token, or asking for introspection the server does not allow, is
refused whole by the validation rule `access_rule` returns. A role refused a root field is decided
before anything runs too (`refused_root_fields`), but answered as the GraphQL-over-HTTP specification
advises for authorization: that field is null with a FORBIDDEN error (`RootFieldGuard`), the fields the
role may call are answered beside it, and the response is a 200 with `data`, as a refusal inside a field
(an area outside an area admin's subtree) always was. Which rows inside an allowed field a viewer sees
(an area admin's subtree, masked phones) is decided in the reads themselves.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import cache
from typing import Any, ClassVar, Literal

import jwt
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLResolveInfo,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
)
from pydantic import BaseModel, ConfigDict, StrictStr, ValidationError, model_validator

from schema.errors import ErrorCode, api_error

ALGORITHM = "HS256"
PROVIDER_ALGORITHMS = ("RS256", "ES256")
TOKEN_LIFETIME = timedelta(hours=12)
Introspection = Literal["anyone", "authenticated", "off"]


class Role(StrEnum):
    CITY_ADMIN = "CITY_ADMIN"
    AREA_ADMIN = "AREA_ADMIN"
    ANALYST = "ANALYST"
    VOLUNTEER = "VOLUNTEER"


# --- The rule table: which roles may call each root field ---------------------------------------

_ALL = frozenset(Role)
_READERS = frozenset({Role.CITY_ADMIN, Role.AREA_ADMIN, Role.ANALYST})  # the graph at large, planning
_ADMINS = frozenset({Role.CITY_ADMIN, Role.AREA_ADMIN})
_CITY = frozenset({Role.CITY_ADMIN})
_WORKERS = frozenset({Role.CITY_ADMIN, Role.AREA_ADMIN, Role.VOLUNTEER})  # who takes on service work

QUERY_RULES: Mapping[str, frozenset[Role]] = {
    # One thing by id: a volunteer finds the building, person or unit they work with.
    "district": _ALL,
    "street": _ALL,
    "community": _ALL,
    "grid": _ALL,
    "compound": _ALL,
    "building": _ALL,
    "person": _ALL,
    "unit": _ALL,
    "organisation": _ALL,
    "search": _ALL,
    "partyCommittee": _ALL,
    "partyGroup": _ALL,
    "environmentCommittee": _ALL,
    "course": _ALL,
    "trainingSession": _ALL,
    "partyChain": _ALL,  # who leads a building's party organisation, level by level
    # Whole lists of a kind, and planning: for those who look after areas, not for volunteers.
    "districts": _READERS,
    "streets": _READERS,
    "communities": _READERS,
    "grids": _READERS,
    "compounds": _READERS,
    "buildings": _READERS,
    "people": _READERS,
    "units": _READERS,
    "organisations": _READERS,
    "courses": _READERS,
    "trainingSessions": _READERS,
    "communityWorkers": _READERS,
    "communityCommittee": _READERS,
    "trainingRecord": _READERS,  # a person's own record; personal data stays masked by the read
    "trainingTotals": _READERS,
    "coverageGaps": _READERS,
    "coverCandidates": _READERS,
    "helperPlan": _READERS,
    "policy": _READERS,
    "coverage": _READERS,
    "connections": _READERS,
    "neighbourhood": _READERS,
    "serviceMetrics": _READERS,
    "propertyComplaints": _READERS,
    "whistleReports": _READERS,
    "supervisionReport": _READERS,
    "finding": _READERS,
    "taskItem": _READERS,
    # A volunteer's list holds their own requests only (the read decides which).
    "requests": _ALL,
    "request": _ALL,
    # 双报到 and 认岗: a volunteer looks for what to take on (the read keeps them to their own).
    "opportunities": _ALL,
    "posts": _ALL,
    # A node's changes, before and after: administrators only (a person's before/after holds their phone).
    "history": _ADMINS,
    "auditLog": _CITY,
}
MUTATION_RULES: Mapping[str, frozenset[Role]] = {
    # Editing the graph itself; an AREA_ADMIN only inside their subtree (the write checks where).
    "createNode": _ADMINS,
    "updateNode": _ADMINS,
    "endNode": _ADMINS,
    "createLink": _ADMINS,
    "move": _ADMINS,
    "updateLink": _ADMINS,
    "endLink": _ADMINS,
    # Service work.
    "raiseRequest": _WORKERS,
    "dispatchRequest": _ADMINS,
    "acceptRequest": _WORKERS,
    "completeRequest": _WORKERS,
    "closeRequest": _ADMINS,
    "cancelRequest": _ADMINS,
    "commitHelperPlan": _ADMINS,
    "reportWhistle": _ADMINS,  # recorded by the street for the unit that reports
    "claimPost": _WORKERS,
    "leavePost": _WORKERS,
    # Supervision (督导) and weekly task lists: the areas' own administrators.
    "recordFinding": _ADMINS,
    "replyFinding": _ADMINS,
    "fixFinding": _ADMINS,
    "completeTaskItem": _ADMINS,
}
ROOT_RULES: Mapping[str, Mapping[str, frozenset[Role]]] = {"Query": QUERY_RULES, "Mutation": MUTATION_RULES}
INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})


def refusal(
    role: Role | None, root: str, field: str, introspection: Introspection
) -> tuple[ErrorCode, str] | None:
    """Why `role` (None: no valid token) may not call `root.field`, or None when it may."""
    if field == "__typename":
        return None
    if field in INTROSPECTION_FIELDS:
        if introspection == "off":
            return ErrorCode.FORBIDDEN, "introspection is turned off on this server"
        if role is None and introspection != "anyone":
            return ErrorCode.UNAUTHENTICATED, "introspection needs a token on this server"
        return None
    if role is None:
        return ErrorCode.UNAUTHENTICATED, "this API needs a token: send `Authorization: Bearer <token>`"
    allowed = ROOT_RULES.get(root, {}).get(field)
    if allowed is None:
        return ErrorCode.FORBIDDEN, f"{root}.{field} has no access rule yet, so nobody may call it"
    if role not in allowed:
        who = ", ".join(sorted(allowed))
        return ErrorCode.FORBIDDEN, f"{root}.{field} is not open to {role}; it is for {who}"
    return None


class _AccessRule(ValidationRule):
    """Refuses the whole request: no token (UNAUTHENTICATED), or introspection the server does not allow."""

    role: ClassVar[Role | None]
    introspection: ClassVar[Introspection]

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        parent = self.context.get_parent_type()
        schema = self.context.schema
        if parent is None or parent not in (schema.query_type, schema.mutation_type):
            return
        field = node.name.value
        if self.role is not None and field not in INTROSPECTION_FIELDS:
            return  # a role's refusal is an execution error of that field: RootFieldGuard
        refused = refusal(self.role, parent.name, field, self.introspection)
        if refused is not None:
            code, message = refused
            self.report_error(GraphQLError(message, node, extensions={"code": code.value}))


@cache
def access_rule(role: Role | None, introspection: Introspection) -> type[ValidationRule]:
    """The validation rule for one role and setting: one class each, so validation stays cached."""
    name = f"AccessRuleFor{role.value if role else 'Anonymous'}{introspection.title()}"
    return type(name, (_AccessRule,), {"role": role, "introspection": introspection})


def refused_root_fields(
    document: DocumentNode, operation: OperationDefinitionNode, role: Role
) -> frozenset[str]:
    """The root fields of `operation` that `role` may not call (through fragments too); run before anything.

    The document must have passed validation (fragments known, no cycles).
    """
    root = operation.operation.value.title()  # "Query", "Mutation": the names ROOT_RULES uses
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    names = _root_field_names(operation.selection_set, fragments)
    return frozenset(name for name in names if refusal(role, root, name, "anyone") is not None)


def _root_field_names(
    selections: SelectionSetNode, fragments: Mapping[str, FragmentDefinitionNode]
) -> set[str]:
    names: set[str] = set()
    for selection in selections.selections:
        if isinstance(selection, FieldNode):
            names.add(selection.name.value)
        elif isinstance(selection, InlineFragmentNode):
            names |= _root_field_names(selection.selection_set, fragments)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value in fragments:
            names |= _root_field_names(fragments[selection.name.value].selection_set, fragments)
    return names


@dataclass(frozen=True)
class RootFieldGuard:
    """graphql-core middleware: each refused root field resolves to null with FORBIDDEN, unrun.

    Only installed for a request with refused fields (`refused_root_fields`), so other requests pay
    nothing for it. Mutations run one after another: those allowed before and after a refused one run.
    """

    role: Role
    refused: frozenset[str]

    def resolve(self, next_: Any, root: Any, info: GraphQLResolveInfo[Any], **arguments: Any) -> Any:
        if info.path.prev is None and info.field_name in self.refused:
            reason = refusal(self.role, info.parent_type.name, info.field_name, "anyone")
            code, message = reason or (ErrorCode.FORBIDDEN, f"{info.field_name} is refused")
            raise api_error(code, message)
        return next_(root, info, **arguments)


# --- Viewers and tokens -----------------------------------------------------------------------


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

    def may_act_in(self, areas: Collection[str]) -> bool:
        """Whether this viewer may write in an area, given the ids of that area and every area above it."""
        if self.role is Role.CITY_ADMIN:
            return True
        return self.role is Role.AREA_ADMIN and self.scope is not None and self.scope in areas

    @property
    def needs_areas(self) -> bool:
        return self.role is Role.AREA_ADMIN

    @property
    def needs_helpers(self) -> bool:
        """A volunteer sees the residents they are paired with (结对帮扶), to reach them."""
        return self.role is Role.VOLUNTEER

    @property
    def actor(self) -> str:
        """Who did a write, for the audit log: the role and the token's subject or scope."""
        if self.role is None:
            return "anonymous"
        detail = self.subject or self.scope
        return f"{self.role.value}:{detail}" if detail else self.role.value


ANONYMOUS = Viewer()


class Claims(BaseModel):
    """The claims a token must carry; anything else in it is ignored."""

    model_config = ConfigDict(extra="ignore")

    role: Role
    scope: StrictStr | None = None  # a list here once broke every read: a string or nothing
    sub: StrictStr | None = None

    @model_validator(mode="after")
    def _scoped(self) -> Claims:
        if self.role is Role.AREA_ADMIN and not self.scope:
            raise ValueError("an AREA_ADMIN token needs a scope (an area id)")
        if self.role is Role.VOLUNTEER and not self.sub:
            raise ValueError("a VOLUNTEER token needs a subject (a person id)")
        return self


def issue_token(
    secret: str,
    role: Role,
    *,
    scope: str | None = None,
    subject: str | None = None,
    lifetime: timedelta = TOKEN_LIFETIME,
) -> str:
    if role is Role.AREA_ADMIN and not scope:
        raise TokenError("an AREA_ADMIN token needs --scope AREA_ID")
    if role is Role.VOLUNTEER and not subject:
        raise TokenError("a VOLUNTEER token needs --subject PERSON_ID")
    now = datetime.now(UTC)
    claims: dict[str, object] = {"role": role.value, "iat": now, "exp": now + lifetime}
    if scope:
        claims["scope"] = scope
    if subject:
        claims["sub"] = subject
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def _claim_problem(error: ValidationError) -> str:
    """Which claim is wrong and how, without echoing its value."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "claims"
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}"


@dataclass(frozen=True)
class Authenticator:
    """Checks bearer tokens: HS256 with a shared secret, or RS256/ES256 with an identity provider's keys."""

    secret: str | None = None
    keys: jwt.PyJWKClient | None = None  # the provider's JWKS, fetched once and cached
    issuer: str | None = None
    audience: str | None = None

    @property
    def renew(self) -> str:
        return "sign in again" if self.keys is not None else "run `gridwork token` again"

    def viewer(self, header: str | None) -> Viewer:
        """The viewer named by an `Authorization: Bearer <JWT>` header; TokenError without a valid one."""
        if not header:
            raise TokenError(
                "this API needs a token: send `Authorization: Bearer <token>`"
                + ("" if self.keys is not None else " (`gridwork token --role ROLE` prints one)")
            )
        match = re.fullmatch(r"Bearer\s+(\S+)", header.strip())
        if match is None:
            raise TokenError("the Authorization header must read `Bearer <token>`")
        try:
            claims = self._decode(match.group(1))
        except jwt.ExpiredSignatureError:
            raise TokenError(f"the token has expired: {self.renew}") from None
        except jwt.PyJWKClientError as error:
            raise TokenError(f"the identity provider's keys could not be read: {error}") from None
        except jwt.InvalidTokenError as error:
            raise TokenError(f"the token is not valid ({error}): {self.renew}") from None
        try:
            checked = Claims.model_validate(claims)
        except ValidationError as error:
            raise TokenError(f"the token's claims are not valid ({_claim_problem(error)})") from None
        return Viewer(role=checked.role, scope=checked.scope, subject=checked.sub)

    def _decode(self, token: str) -> dict[str, Any]:
        if self.keys is not None:
            key = self.keys.get_signing_key_from_jwt(token)
            return jwt.decode(
                token,
                key.key,
                algorithms=list(PROVIDER_ALGORITHMS),
                issuer=self.issuer,
                audience=self.audience,
                options={"require": ["exp", "iss", "aud", "role"]},
            )
        if self.secret is None:
            raise jwt.InvalidTokenError("this server has no GRIDWORK_SECRET to check tokens with")
        return jwt.decode(token, self.secret, algorithms=[ALGORITHM], options={"require": ["exp", "role"]})


def authenticator(
    secret: str | None,
    *,
    jwks_url: str | None = None,
    issuer: str | None = None,
    audience: str | None = None,
) -> Authenticator:
    if jwks_url is None:
        return Authenticator(secret=secret)
    keys = jwt.PyJWKClient(jwks_url, cache_keys=True, lifespan=300, timeout=3)
    return Authenticator(keys=keys, issuer=issuer, audience=audience)


def viewer_from_header(header: str | None, secret: str | None) -> Viewer:
    """The viewer named by a header checked against a shared secret; anonymous without a header."""
    if not header:
        return ANONYMOUS
    return Authenticator(secret=secret).viewer(header)


def mask_phone(phone: str | None) -> str | None:
    """`13800000001` -> `138****0001`: enough to tell two numbers apart, not to call one."""
    if phone is None:
        return None
    if len(phone) <= 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
