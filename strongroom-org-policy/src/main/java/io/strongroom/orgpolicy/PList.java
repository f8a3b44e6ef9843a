package io.strongroom.orgpolicy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Persistent cons list: histories are appended by every level yet shared by all states below it. */
final class PList<T> {
    private static final PList<Object> EMPTY = new PList<>(null, null, 0);

    final T head;
    final PList<T> tail;
    final int size;

    private PList(T head, PList<T> tail, int size) {
        this.head = head;
        this.tail = tail;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    static <T> PList<T> empty() {
        return (PList<T>) EMPTY;
    }

    PList<T> push(T item) {
        return new PList<>(item, this, size + 1);
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Oldest first, the order items were pushed. */
    List<T> toList() {
        List<T> items = new ArrayList<>(size);
        for (PList<T> cell = this; cell.size > 0; cell = cell.tail) {
            items.add(cell.head);
        }
        Collections.reverse(items);
        return items;
    }
}
