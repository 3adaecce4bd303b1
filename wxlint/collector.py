"""Syntax trees and Python's cyclic garbage collector. Trees are millions of small objects that live until the
run ends: the collector would rescan them again and again (parsing, unpickling) for nothing. A run keeps it
off, and freezes what it made so that the collections of whoever called it (the command line has none; an
editor, the tests and the fuzzer do) leave those objects alone until the next run gives them back."""

from __future__ import annotations

import gc
from contextlib import contextmanager

_froze_trees = False  # whether an earlier run in this process froze its objects


@contextmanager
def trees_left_alone():
    global _froze_trees
    if _froze_trees:
        # An earlier run's frozen trees are garbage by now: give them back to the collector once, or every
        # run would add its trees for good.
        gc.unfreeze()
        gc.collect()
        _froze_trees = False
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            _froze_trees = True
            gc.enable()
