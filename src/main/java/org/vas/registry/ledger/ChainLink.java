package org.vas.registry.ledger;

/** One row of {@code event_chain}: the event at {@code position} was chained after {@code previous}. */
record ChainLink(long position, long previous, byte[] hash) {
}
