"""Sorting rows by several integer keys with one integer sort."""

from __future__ import annotations

import numpy as np

__all__ = ["sort_order"]

_BITS = 62


def sort_order(*keys: np.ndarray) -> np.ndarray:
    """The order ``np.lexsort(keys)`` gives (last key first, ties keep their order).

    Keys whose value ranges fit together in 62 bits are packed into one integer per row and
    sorted once, several times faster than ``np.lexsort``'s pass per key.
    """
    if not len(keys[0]):
        return np.zeros(0, dtype=np.int64)
    packed = np.zeros(len(keys[0]), dtype=np.int64)
    used = 0
    for key in reversed(keys):
        key = np.asarray(key, dtype=np.int64)
        low = int(key.min())
        width = (int(key.max()) - low).bit_length()
        used += width
        if used > _BITS:
            return np.lexsort(keys)
        packed <<= width
        packed |= key - low
    return np.argsort(packed, kind="stable")
