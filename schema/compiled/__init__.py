"""The compiled read path: a GraphQL query becomes one Cypher statement per root field (see run.py)."""
