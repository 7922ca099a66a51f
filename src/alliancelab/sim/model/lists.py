"""Compiled sparse structures of the kernel: growable sorted lists per state, and pair look-ups.

A *list pool* holds one sorted list of partners per state (alliances, borders), each with a
float value, in two flat arrays: ``head[i] = (start, length, capacity)`` locates state i's list
in ``idx`` (partner) and ``val`` (value). A list that outgrows its capacity moves to the end of
the pool with twice the capacity (the pool itself doubles when full), so memory is
O(n + entries) and no state ever needs an n-long row. Lists stay sorted by partner, which keeps
every sum over partners in ascending order, as the dense reference sums them (bit-identical).

Pairs within reach are a fixed CSR structure (``ptr``, ``idx``, ...; see ``state.Interactions``).
"""

import numpy as np
from numba import njit


def new_pool(n, capacity=4, expected=None):
    """An empty list pool for n states: (head, idx, val, used) with ``used`` a 1-element array."""
    head = np.zeros((n, 3), dtype=np.int64)
    head[:, 0] = np.arange(n, dtype=np.int64) * capacity
    head[:, 2] = capacity
    size = max(n * capacity, expected or 0, 16)
    used = np.array([n * capacity], dtype=np.int64)
    return head, np.zeros(size, dtype=np.int64), np.zeros(size), used


def pool_from_edges(n, edges):
    """A list pool holding each state's sorted border partners (value 0)."""
    i = np.concatenate([edges[:, 0], edges[:, 1]]).astype(np.int64)
    j = np.concatenate([edges[:, 1], edges[:, 0]]).astype(np.int64)
    order = np.lexsort((j, i))
    i, j = i[order], j[order]
    counts = np.bincount(i, minlength=n).astype(np.int64)
    capacity = np.maximum(4, counts)
    head = np.zeros((n, 3), dtype=np.int64)
    head[1:, 0] = np.cumsum(capacity)[:-1]
    head[:, 1] = counts
    head[:, 2] = capacity
    total = int(capacity.sum())
    idx = np.zeros(2 * total, dtype=np.int64)
    start = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=start[1:])
    position = head[i, 0] + (np.arange(len(i)) - start[i])
    idx[position] = j
    return head, idx, np.zeros(2 * total), np.array([total], dtype=np.int64)


@njit(cache=True, nogil=True)
def search(values, lo, hi, j):
    """Position of j in the sorted run values[lo:hi], or -1 (binary search)."""
    while lo < hi:
        mid = (lo + hi) >> 1
        v = values[mid]
        if v < j:
            lo = mid + 1
        elif v > j:
            hi = mid
        else:
            return mid
    return -1


@njit(cache=True, nogil=True)
def find(head, idx, i, j):
    """Position of j in i's list, or -1."""
    return search(idx, head[i, 0], head[i, 0] + head[i, 1], j)


@njit(cache=True, nogil=True)
def reserve(head, idx, val, used, i, extra):
    """Make room for ``extra`` more entries in i's list; returns the (possibly new) idx, val."""
    need = head[i, 1] + extra
    if need <= head[i, 2]:
        return idx, val
    cap = max(4, 2 * head[i, 2])
    while cap < need:
        cap *= 2
    end = used[0]
    if end + cap > idx.shape[0]:
        size = max(2 * idx.shape[0], end + cap)
        new_idx = np.empty(size, dtype=np.int64)
        new_val = np.empty(size)
        new_idx[:end] = idx[:end]
        new_val[:end] = val[:end]
        idx, val = new_idx, new_val
    s = head[i, 0]
    length = head[i, 1]
    for k in range(length):
        idx[end + k] = idx[s + k]
        val[end + k] = val[s + k]
    head[i, 0] = end
    head[i, 2] = cap
    used[0] = end + cap
    return idx, val


@njit(cache=True, nogil=True)
def insert(head, idx, val, i, j, v):
    """Insert partner j with value v into i's sorted list (room must have been reserved)."""
    s = head[i, 0]
    k = s + head[i, 1]
    while k > s and idx[k - 1] > j:
        idx[k] = idx[k - 1]
        val[k] = val[k - 1]
        k -= 1
    idx[k] = j
    val[k] = v
    head[i, 1] += 1


@njit(cache=True, nogil=True)
def remove_at(head, idx, val, i, p):
    """Remove the entry at pool position p from i's list."""
    end = head[i, 0] + head[i, 1] - 1
    for k in range(p, end):
        idx[k] = idx[k + 1]
        val[k] = val[k + 1]
    head[i, 1] -= 1


@njit(cache=True, nogil=True)
def remove(head, idx, val, i, j):
    p = find(head, idx, i, j)
    if p >= 0:
        remove_at(head, idx, val, i, p)


@njit(cache=True, nogil=True)
def pair(ptr, sidx, i, j):
    """Position of the pair (i, j) in the CSR structure of pairs within reach, or -1."""
    return search(sidx, ptr[i], ptr[i + 1], j)


@njit(cache=True, nogil=True)
def g_of(ptr, sidx, sg, i, j):
    """Loss-of-strength factor g_ij: 0 beyond reach."""
    k = pair(ptr, sidx, i, j)
    return sg[k] if k >= 0 else 0.0


@njit(cache=True, nogil=True)
def root(parent, q):
    """The living state that owns province q (parent links follow conquests)."""
    while parent[q] != q:
        parent[q] = parent[parent[q]]
        q = parent[q]
    return q
