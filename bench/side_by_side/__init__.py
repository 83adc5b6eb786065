"""`gridwork bench`: Gridwork's HTTP API, hand-written Cypher and @neo4j/graphql, side by side in one run.

The same operations (operations.toml) go to all three over the same Neo4j and data; every answer is
compared before anything is timed, requests are interleaved between the systems, and the report names
the machine (docs/bench.md, and JSON under bench/results/).
"""
