"""Files to syntax trees with exact positions.

Decoding, size and binary checks, and parse errors are handled once, here: every
later step receives either a tree or a `SourceError` it can turn into a finding.
"""
