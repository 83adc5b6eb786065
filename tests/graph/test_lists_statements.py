"""The root lists' generated Cypher is committed in graph/statements/lists.cypher: a change of the
generator shows there, in review, and this test fails until the file is regenerated."""

from __future__ import annotations

from pathlib import Path

from graph.statements.lists import Direction, ListOf, SortKey, page_statement, rendered

COMMITTED = Path(__file__).parents[2] / "graph" / "statements" / "lists.cypher"


def test_the_committed_text_is_what_the_generator_writes() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == rendered(), (
        "regenerate: python -c 'from graph.statements.lists import rendered; "
        'open("graph/statements/lists.cypher", "w").write(rendered())\''
    )


def test_a_keyset_page_sorts_on_its_keys_then_the_id() -> None:
    statement = page_statement(ListOf.COMMUNITIES, ((SortKey.POPULATION, Direction.DESC),), False)
    assert "ORDER BY coalesce(n.population, -1) DESC, n.id ASC" in statement.text
    # Strictly after the cursor: a smaller population, or the same and a greater id.
    assert "(coalesce(n.population, -1) < $after[0])" in statement.text
    assert "(coalesce(n.population, -1) = $after[0] AND n.id > $after[1])" in statement.text


def test_statements_take_labels_from_the_model_and_values_only_as_parameters() -> None:
    for of in ListOf:
        text = page_statement(of, ((of.value.sort_keys[0], Direction.ASC),), True).text
        assert all(f"`{label.value}`" in text for label in of.value.labels)
        assert "$within" in text and "$limit" in text
