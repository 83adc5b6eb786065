"""The service platform's Cypher, one module per concern: requests, reports, posts and supervision.

Every move is one conditional write (see `fragments.conditional_move`): the statement takes the write
lock on the node it moves, reads its status under that lock and moves only if the status allows it.
"""
