package io.querylens.it.faults;

/** A write of the row's version {@code version}, whose commit returned at {@code committedNanos}. */
record Write(int version, long committedNanos) {}
