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
    """An empty list pool for n states.

    Parameters
    ----------
    n : int
        Number of states.
    capacity : int, default 4
        Initial capacity of each state's list.
    expected : int, optional
        Expected total entries (the pool is sized for at least this many).

    Returns
    -------
    head : numpy.ndarray
        Shape (n, 3): ``(start, length, capacity)`` of each state's list.
    idx : numpy.ndarray
        Partners (int64).
    val : numpy.ndarray
        Values (float64).
    used : numpy.ndarray
        One element: the pool positions in use.

    Examples
    --------
    >>> head, idx, val, used = new_pool(3)
    >>> head.tolist(), int(used[0])
    ([[0, 0, 4], [4, 0, 4], [8, 0, 4]], 12)
    """
    head = np.zeros((n, 3), dtype=np.int64)
    head[:, 0] = np.arange(n, dtype=np.int64) * capacity
    head[:, 2] = capacity
    size = max(n * capacity, expected or 0, 16)
    used = np.array([n * capacity], dtype=np.int64)
    return head, np.zeros(size, dtype=np.int64), np.zeros(size), used


def pool_from_edges(n, edges):
    """A list pool holding each state's sorted border partners (value 0).

    Parameters
    ----------
    n : int
        Number of states.
    edges : numpy.ndarray
        Shape (m, 2): the borders, each once.

    Returns
    -------
    head, idx, val, used : numpy.ndarray
        The pool (see ``new_pool``).

    Examples
    --------
    >>> import numpy as np
    >>> head, idx, val, used = pool_from_edges(3, np.array([[0, 1], [1, 2]]))
    >>> idx[head[1, 0]:head[1, 0] + head[1, 1]].tolist()
    [0, 2]
    """
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
    """Binary search for j in the sorted run ``values[lo:hi]``.

    Parameters
    ----------
    values : numpy.ndarray
        Sorted within ``[lo, hi)``.
    lo, hi : int
        The run's bounds.
    j : int
        The value sought.

    Returns
    -------
    int
        Its position, or -1.
    """
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
    """Position of partner j in state i's list.

    Parameters
    ----------
    head, idx : numpy.ndarray
        The list pool.
    i, j : int
        The state and the partner.

    Returns
    -------
    int
        Pool position, or -1.
    """
    return search(idx, head[i, 0], head[i, 0] + head[i, 1], j)


@njit(cache=True, nogil=True)
def reserve(head, idx, val, used, i, extra):
    """Make room for ``extra`` more entries in state i's list.

    A list that outgrows its capacity moves to the end of the pool with twice the capacity; the pool
    itself doubles when full.

    Parameters
    ----------
    head, idx, val, used : numpy.ndarray
        The list pool.
    i : int
        The state.
    extra : int
        Entries to make room for.

    Returns
    -------
    idx, val : numpy.ndarray
        The (possibly new) partner and value arrays.
    """
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
    """Insert partner j with value v into state i's sorted list (room must have been reserved).

    Parameters
    ----------
    head, idx, val : numpy.ndarray
        The list pool.
    i, j : int
        The state and the partner.
    v : float
        The value.
    """
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
    """Remove the entry at pool position p from state i's list.

    Parameters
    ----------
    head, idx, val : numpy.ndarray
        The list pool.
    i : int
        The state.
    p : int
        Pool position of the entry.
    """
    end = head[i, 0] + head[i, 1] - 1
    for k in range(p, end):
        idx[k] = idx[k + 1]
        val[k] = val[k + 1]
    head[i, 1] -= 1


@njit(cache=True, nogil=True)
def remove(head, idx, val, i, j):
    """Remove partner j from state i's list, if present.

    Parameters
    ----------
    head, idx, val : numpy.ndarray
        The list pool.
    i, j : int
        The state and the partner.
    """
    p = find(head, idx, i, j)
    if p >= 0:
        remove_at(head, idx, val, i, p)


@njit(cache=True, nogil=True)
def pair(ptr, sidx, i, j):
    """Position of the pair (i, j) in the CSR structure of pairs within reach.

    Parameters
    ----------
    ptr, sidx : numpy.ndarray
        CSR row pointers and sorted partners (``state.Interactions``).
    i, j : int
        The states.

    Returns
    -------
    int
        The position, or -1 when j is beyond i's reach.
    """
    return search(sidx, ptr[i], ptr[i + 1], j)


@njit(cache=True, nogil=True)
def g_of(ptr, sidx, sg, i, j):
    """Loss-of-strength factor g_ij = exp(-d_ij / reach): 0 beyond reach.

    Parameters
    ----------
    ptr, sidx, sg : numpy.ndarray
        CSR row pointers, sorted partners and g of the pairs within reach.
    i, j : int
        The states.

    Returns
    -------
    float
        g_ij.

    References
    ----------
    Boulding, K. E. (1962). *Conflict and Defense: A General Theory*. Harper.
    """
    k = pair(ptr, sidx, i, j)
    return sg[k] if k >= 0 else 0.0


@njit(cache=True, nogil=True)
def root(parent, q):
    """The living state that owns province q (parent links follow conquests; paths are halved).

    Parameters
    ----------
    parent : numpy.ndarray
        Parent of each province (itself while its state lives).
    q : int
        The province.

    Returns
    -------
    int
        The owning state.
    """
    while parent[q] != q:
        parent[q] = parent[parent[q]]
        q = parent[q]
    return q
