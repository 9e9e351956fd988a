package org.vas.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

class LogRowTest {

    @Test
    void everyTimeAxonWritesReadsBackAsAxonReadsIt() {
        Random random = new Random(20261130);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(Instant.parse("1970-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            String stamp = DateTimeUtils.formatInstant(Instant.ofEpochSecond(seconds, random.nextLong(1_000_000_000L)));

            assertThat(LogRow.time(stamp)).as(stamp).isEqualTo(DateTimeUtils.parseInstant(stamp));
        }
    }

    @Test
    void aTimeWithMoreDigitsThanAxonWritesReadsAsAxonReadsIt() {
        for (String stamp : new String[] {"2026-11-30T10:45:16.0023Z", "2026-11-30T10:45:16.002345Z",
                "2026-11-30T10:45:16.000000001Z", "2026-11-30T10:45:16.999999999Z"}) {
            assertThat(LogRow.time(stamp)).as(stamp).isEqualTo(DateTimeUtils.parseInstant(stamp));
        }
    }

    @Test
    void aTimeOfAnotherFormIsReadByAxonsParser() {
        for (String stamp : new String[] {"2026-11-30T10:45:16Z", "2026-11-30T10:45:16.002+01:00",
                "2026-11-30T10:45:16.1Z", "2026-11-30t10:45:16.002z"}) {
            assertThat(LogRow.time(stamp)).as(stamp).isEqualTo(DateTimeUtils.parseInstant(stamp));
        }
    }

    @Test
    void aTimeThatIsNotOneIsRefusedAsAxonRefusesIt() {
        for (String stamp : new String[] {"2026-13-30T10:45:16.002Z", "2026-02-30T10:45:16.002Z",
                "2026-11-30T24:45:16.002Z", "2026-11-30T10:45:16.0x2Z", "2026-11-30T10:45:16.0-2Z"}) {
            assertThatThrownBy(() -> LogRow.time(stamp)).as(stamp).isInstanceOf(DateTimeParseException.class);
        }
    }
}
