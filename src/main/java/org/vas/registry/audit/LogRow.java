package org.vas.registry.audit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * A row of the log as Axon's upcasters and serializer read it, with its time parsed once. Axon's own entry keeps
 * the time as text and parses it with a general ISO formatter on every look, which cost a sixth of a past read:
 * the form Axon writes (UTC, 3 to 9 digits of fraction) is parsed here by its fixed positions, any other through
 * Axon's parser.
 */
record LogRow(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier, Instant timestamp,
              String payloadType, String payloadRevision, byte[] payload, byte[] metaData)
        implements DomainEventData<byte[]> {

    /** The text {@code 2026-11-30T10:45:16.002Z}, with 3 to 9 digits of fraction: where the fraction starts. */
    private static final int FRACTION = 20;
    /** Nanoseconds in a unit of the fraction's last digit, by the number of its digits. */
    private static final int[] NANOS = {0, 0, 0, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    static Instant time(String stamp) {
        int digits = stamp.length() - FRACTION - 1;
        if (digits >= 3 && digits <= 9 && stamp.charAt(4) == '-' && stamp.charAt(7) == '-'
                && stamp.charAt(10) == 'T' && stamp.charAt(13) == ':' && stamp.charAt(16) == ':'
                && stamp.charAt(19) == '.' && stamp.charAt(stamp.length() - 1) == 'Z') {
            int year = digits(stamp, 0, 4);
            int month = digits(stamp, 5, 7);
            int day = digits(stamp, 8, 10);
            int hour = digits(stamp, 11, 13);
            int minute = digits(stamp, 14, 16);
            int second = digits(stamp, 17, 19);
            int fraction = digits(stamp, FRACTION, FRACTION + digits);
            if ((year | month | day | hour | minute | second | fraction) >= 0) {
                try {
                    return LocalDateTime.of(year, month, day, hour, minute, second,
                            fraction * NANOS[digits]).toInstant(ZoneOffset.UTC);
                } catch (DateTimeException e) {
                    // Out of range (a 13th month): Axon's parser refuses it with its own message.
                }
            }
        }
        return DateTimeUtils.parseInstant(stamp);
    }

    /** The decimal number in {@code text} from {@code start} to {@code end}; negative if a character is not a digit. */
    private static int digits(String text, int start, int end) {
        int value = 0;
        for (int i = start; i < end; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public String getAggregateIdentifier() {
        return aggregateIdentifier;
    }

    @Override
    public long getSequenceNumber() {
        return sequenceNumber;
    }

    @Override
    public String getEventIdentifier() {
        return eventIdentifier;
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    @Override
    public SerializedObject<byte[]> getMetaData() {
        return new SerializedMetaData<>(metaData, byte[].class);
    }

    @Override
    public SerializedObject<byte[]> getPayload() {
        return new SimpleSerializedObject<>(payload, byte[].class, payloadType, payloadRevision);
    }
}
