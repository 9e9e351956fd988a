package org.vas.registry.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Verification, checkpoints and proofs over the chain. Every answer recomputes the chain from its first link in
 * one read-only snapshot: a stored hash is never signed or reported without being recomputed from the events.
 */
@Component
class Ledger {

    private final DataSource dataSource;
    private final SigningKey key;
    private final Clock clock;
    private final Counter intact;
    private final Counter broken;

    Ledger(DataSource dataSource, SigningKey key, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.key = key;
        this.clock = Clock.systemUTC();
        this.intact = checks(meters, "intact");
        this.broken = checks(meters, "broken");
    }

    private static Counter checks(MeterRegistry meters, String outcome) {
        return Counter.builder("registry.ledger.checks").tag("outcome", outcome)
                .description("Verifications of the event log's hash chain").register(meters);
    }

    ChainReport verify() {
        return verify(null);
    }

    ChainReport verify(ChainFold.Expected expected) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                ChainFold.Result result = ChainStore.verify(connection, expected);
                (result.intact() ? intact : broken).increment();
                return ChainReport.of(result, ChainStore.origin(connection), now);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not read the event log", e);
        }
    }

    /** The head of an intact chain, signed; a broken chain is refused rather than vouched for. */
    Checkpoint checkpoint() {
        ChainReport report = verify();
        if (!report.intact()) {
            throw new LogChainBrokenException(report.firstBreak());
        }
        return sign(report.headPosition(), report.headHash(), report.checkedAt());
    }

    Checkpoint sign(long position, String hash, Instant time) {
        byte[] signature = key.sign(Checkpoint.signedText(position, hash, time)
                .getBytes(StandardCharsets.US_ASCII));
        return new Checkpoint(position, hash, time, key.keyId(), Base64.getEncoder().encodeToString(signature));
    }

    SigningKey key() {
        return key;
    }
}
