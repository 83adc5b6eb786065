"""The GraphQL enums of lists, search and writes name exactly the labels and types of graph.model."""

from __future__ import annotations

from graph.model import ORGANISATION_LABELS, Label
from graph.statements.search import SEARCHABLE
from graph.writes import WRITABLE_LABELS, WRITABLE_RELS
from schema.queries.search import SearchKind
from schema.root import SCHEMA
from schema.types.lists import OrganisationKind
from schema.types.writes import LinkKind, NodeKind


def test_every_writable_label_and_type_is_offered_and_nothing_else() -> None:
    assert {kind.label for kind in NodeKind} == set(WRITABLE_LABELS)
    assert {kind.rel for kind in LinkKind} == set(WRITABLE_RELS)
    assert Label.SERVICE_REQUEST not in WRITABLE_LABELS


def test_search_and_organisation_kinds_are_the_model_labels() -> None:
    assert {kind.label for kind in SearchKind} == set(SEARCHABLE)
    assert {kind.label for kind in OrganisationKind} == set(ORGANISATION_LABELS)


def test_every_type_field_argument_and_enum_value_added_here_is_described_with_chinese() -> None:
    schema = SCHEMA._schema
    names = [
        "SearchHit",
        "SearchKind",
        "NodeKind",
        "LinkKind",
        "WriteResult",
        "Change",
        "ChangeAction",
        "PropertyChange",
        "PageInfo",
        "PersonFilter",
        "OrganisationKind",
        "CommunityOrder",
        "PartyChainLevel",
        "PartyChainPost",
        "CommunityWorker",
        "TrainingRecord",
        "TrainingTotals",
        "Course",
        "TrainingSession",
        "PartyCommittee",
        "PartyGroup",
        "EnvironmentCommittee",
        "Post",
    ]
    undescribed = []
    for name in names:
        kind = schema.type_map[name]
        if not kind.description or not any("\u4e00" <= ch <= "\u9fff" for ch in kind.description):
            undescribed.append(name)
        for value_name, value in getattr(kind, "values", {}).items():
            if not value.description:
                undescribed.append(f"{name}.{value_name}")
        fields = getattr(kind, "fields", {})
        for field_name, field in fields.items():
            if name in ("PartyCommittee", "PartyGroup", "EnvironmentCommittee") and field_name in (
                "id",
                "name",
                "members",
            ):
                continue  # the Organisation interface's own fields
            if name in ("Course", "TrainingSession") and field_name == "id":
                continue
            if not field.description:
                undescribed.append(f"{name}.{field_name}")
    for root, fields in (
        ("Query", ["communities", "people", "search", "history", "partyChain", "trainingTotals"]),
        ("Mutation", ["createNode", "createLink", "endLink", "move"]),
    ):
        for field_name in fields:
            field = schema.type_map[root].fields[field_name]
            if not field.description:
                undescribed.append(f"{root}.{field_name}")
    assert undescribed == []
