package org.vas.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.vas.registry.infrastructure.axon.TrackedPositions;
import org.vas.registry.model.event.ModelRegistered;
import org.vas.registry.model.event.ModelRetired;
import org.vas.registry.model.query.AsOf;
import org.vas.registry.support.Api;
import org.vas.registry.support.Plans;
import org.vas.registry.support.RegistryTest;

/**
 * A past list without a filter walks the registrations in the list's order: what it visits of the log, counted in
 * its statements' plans as they ran (not in time). A registry of its own, as it registers many models: the spacing
 * of checkpoints grows with the number of models, which {@link TimeTravelCostTest}'s bounds assume small.
 */
@RegistryTest
@TestPropertySource(properties = "registry.time-travel.checkpoint-interval=" + PastListCostTest.INTERVAL)
class PastListCostTest {

    static final int INTERVAL = 30;
    private static final String MODELS = "/api/v1/ai-models";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventLog log;
    @Autowired
    TrackedPositions tracked;

    /**
     * The registrations are indexed by time and a past list is bounded by a position: its page and its total visit
     * the registrations between the position and the checkpoints around it, not every registration after it.
     * Counted in the index entries the statements visit (their plans, run), not in time.
     */
    @Test
    void aPastListVisitsOnlyTheRegistrationsBetweenTheCheckpointsAroundItsPosition() {
        Api api = new Api(port);
        String tag = Api.uniqueId("walk");
        long position = 0;
        for (int m = 0; m < 8 * INTERVAL; m++) {
            assertThat(api.register(tag + "-" + m).status()).isEqualTo(201);
            if (m == 2 * INTERVAL) {
                position = head();
            }
        }
        long head = head();
        await().atMost(Duration.ofSeconds(60)).until(() -> tracked.of(CheckpointWriter.NAME) >= head);
        long at = position;
        long before = jdbc.queryForObject("SELECT coalesce(max(position), 0) FROM time_travel_checkpoint "
                + "WHERE position <= ?", Long.class, at);
        long after = jdbc.queryForObject("SELECT min(position) FROM time_travel_checkpoint WHERE position >= ?",
                Long.class, at);
        long laterRegistrations = registrationsBetween(at, head);
        assertThat(registrationsBetween(after, head)).as("registrations after the next checkpoint")
                .isGreaterThan(2L * INTERVAL);
        AsOf asOf = new AsOf(null, at);

        int limit = 10;
        long pageVisits = visited(log.registeredQuery(asOf, null, limit));
        assertThat(pageVisits).isLessThanOrEqualTo(registrationsBetween(at, after) + limit)
                .isLessThan(laterRegistrations);
        long countVisits = visited(log.registeredAndRetiredQuery(asOf));
        assertThat(countVisits).isLessThanOrEqualTo(registrationsBetween(before, at) + retirementsUpTo(at))
                .isLessThan(registrationsBetween(0, at));

        JsonNode page = api.get(MODELS + "?include_retired=true&limit=" + limit + "&as_of=" + at).json();
        assertThat(page.get("total").asLong()).isEqualTo(registrationsBetween(0, at));
        assertThat(Api.modelIds(page)).hasSize(limit).contains(tag + "-" + 2 * INTERVAL);
    }

    private long registrationsBetween(long after, long upTo) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE sequence_number = 0 AND "
                + "payload_type = ? AND global_index > ? AND global_index <= ?", Long.class,
                ModelRegistered.class.getName(), after, upTo);
    }

    private long retirementsUpTo(long position) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type = ? AND "
                + "global_index <= ?", Long.class, ModelRetired.class.getName(), position);
    }

    /** The rows of the log a statement visits, read from its plan as it ran: those it returned and those it passed. */
    private long visited(EventLog.Query query) {
        return Plans.rowsVisited(jdbc, "domain_event_entry", query.sql(), query.args());
    }

    private long head() {
        return jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
    }

}
