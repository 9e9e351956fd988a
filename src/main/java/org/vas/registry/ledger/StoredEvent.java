package org.vas.registry.ledger;

/**
 * One row of {@code domain_event_entry} exactly as stored: the text columns as the database returns them and the
 * payload and metadata as their stored bytes, never as an upcaster or a serializer reads them.
 */
record StoredEvent(long position, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                   String type, String timestamp, String payloadType, String payloadRevision, byte[] payload,
                   byte[] metaData) {
}
