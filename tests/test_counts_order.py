"""One integer sort for several keys: the order np.lexsort gives."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from khabar.counts.order import sort_order

small = st.integers(min_value=-5, max_value=5)
wide = st.integers(min_value=-(2**40), max_value=2**40)


@given(rows=st.lists(st.tuples(small, small, st.booleans()), max_size=30))
def test_packed_keys_sort_like_lexsort(rows):
    keys = [np.array([r[i] for r in rows], dtype=np.int64) for i in range(3)]
    assert sort_order(*keys).tolist() == np.lexsort(keys).tolist()


@given(rows=st.lists(st.tuples(wide, wide), min_size=1, max_size=30))
def test_keys_too_wide_to_pack_still_sort_like_lexsort(rows):
    keys = [np.array([r[i] for r in rows], dtype=np.int64) for i in range(2)]
    assert sort_order(*keys).tolist() == np.lexsort(keys).tolist()
