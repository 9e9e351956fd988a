package org.vas.registry.model.query;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What assignment validation reads of the read model: each model's status, where its default and aliases point,
 * and what its versions declare.
 *
 * <p>Validation is the registry's hottest read, so each model's target is kept as last read, with the read model
 * version it was read at. It is answered from that copy only when {@link ReadModelHead} proves the read model has
 * not moved since (decision 25); otherwise, or when a named model was never read, every named model is read again
 * in one statement.
 */
@Component
public class ValidationReads {

    /**
     * Bounded by what the copies hold: a model and each of its versions and aliases are an entry of a map of a few
     * hundred bytes at most, so 60,000 of them (20,000 models of two versions) are a few megabytes.
     */
    private static final long MAX_ENTRIES = 60_000;

    /** Each model's target; empty for a model that did not exist. */
    private final CurrentCopies<String, Optional<ValidationTarget>> copies;
    private final NamedParameterJdbcTemplate jdbc;
    private final ModelRows rows;
    private final ReadModelHead head;

    ValidationReads(NamedParameterJdbcTemplate jdbc, ModelRows rows, ReadModelHead head, MeterRegistry meters) {
        this.jdbc = ReadModelHead.bounded(jdbc);
        this.rows = rows;
        this.head = head;
        this.copies = new CurrentCopies<>("validation_targets", meters, MAX_ENTRIES,
                target -> target.map(t -> 1 + t.versions().size() + t.aliases().size()).orElse(1));
    }

    /**
     * What validation needs of each named model, as the read model holds it now. Unknown ids are simply absent
     * from the answer. Schemas stay in the read model, named by their digest: each distinct one is read once, to
     * be compiled ({@link #configSchema}).
     */
    public Map<String, ValidationTarget> validationTargets(Collection<String> modelIds) {
        long now = head.version();
        Map<String, ValidationTarget> targets = new HashMap<>();
        for (String modelId : modelIds) {
            Optional<ValidationTarget> copy = copies.at(modelId, now);
            if (copy == null) {
                return read(modelIds);
            }
            copy.ifPresent(target -> targets.put(modelId, target));
        }
        return targets;
    }

    /**
     * Every named model read in one statement, which also reads the read model's version: one snapshot, so the
     * copies it leaves are exactly the read model at that version. Being one statement, it needs no transaction.
     */
    private Map<String, ValidationTarget> read(Collection<String> modelIds) {
        Map<String, ValidationTarget> targets = new HashMap<>();
        long[] stateVersion = {-1};
        jdbc.query("""
                SELECT s.version AS state_version, t.* FROM read_model_state s LEFT JOIN LATERAL (
                    SELECT m.model_id, m.enabled, m.retired, m.default_version, m.aliases::text AS aliases,
                           v.version, v.enabled AS version_enabled, (v.performance ->> 'max_fps')::int AS max_fps,
                           encode(sha256(convert_to(v.config_schema::text, 'UTF8')), 'hex') AS schema_digest
                    FROM model m LEFT JOIN model_version v ON v.model_id = m.model_id
                    WHERE m.model_id = ANY(:ids)) t ON TRUE
                WHERE s.id = 1""",
                Map.of("ids", modelIds.toArray(String[]::new)), rs -> {
                    stateVersion[0] = rs.getLong("state_version");
                    String modelId = rs.getString("model_id");
                    if (modelId == null) {
                        return;
                    }
                    ValidationTarget target = targets.get(modelId);
                    if (target == null) {
                        target = new ValidationTarget(modelId, rs.getBoolean("enabled"), rs.getBoolean("retired"),
                                rs.getString("default_version"), rows.aliases(rs), new HashMap<>());
                        targets.put(modelId, target);
                    }
                    String version = rs.getString("version");
                    if (version != null) {
                        target.versions().put(version, new ValidationTarget.Version(version,
                                rs.getBoolean("version_enabled"), (Integer) rs.getObject("max_fps"),
                                rs.getString("schema_digest"), null));
                    }
                });
        for (String modelId : modelIds) {
            ValidationTarget read = targets.get(modelId);
            // Shared by every request that finds the copy current, so nothing may change it.
            ValidationTarget kept = read == null ? null : new ValidationTarget(modelId, read.enabled(),
                    read.retired(), read.defaultVersion(), Map.copyOf(read.aliases()), Map.copyOf(read.versions()));
            copies.keep(modelId, stateVersion[0], Optional.ofNullable(kept));
            if (kept != null) {
                targets.put(modelId, kept);
            }
        }
        return targets;
    }

    /** A version's declared config_schema as JSON text, or null when it declares none or does not exist. */
    public String configSchema(String modelId, String version) {
        return jdbc.queryForList("SELECT config_schema::text FROM model_version WHERE model_id = :id AND version = :v",
                Map.of("id", modelId, "v", version), String.class).stream().findFirst().orElse(null);
    }
}
