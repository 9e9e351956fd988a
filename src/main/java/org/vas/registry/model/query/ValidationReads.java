package org.vas.registry.model.query;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What assignment validation reads of the read model: each model's status, where its default and aliases point,
 * and what its versions declare.
 */
@Component
public class ValidationReads {

    private final NamedParameterJdbcTemplate jdbc;
    private final ModelRows rows;

    ValidationReads(NamedParameterJdbcTemplate jdbc, ModelRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    /**
     * What validation needs of each named model, read in one statement however many are named. Unknown ids are
     * simply absent from the answer. Being one statement, it needs no transaction of its own. Schemas stay in the
     * read model: each version's is read once, to be compiled ({@link #configSchema}).
     */
    public Map<String, ValidationTarget> validationTargets(Collection<String> modelIds) {
        Map<String, ValidationTarget> targets = new HashMap<>();
        jdbc.query("""
                SELECT m.model_id, m.enabled, m.retired, m.default_version, m.aliases::text AS aliases,
                       v.version, v.enabled AS version_enabled,
                       (v.performance ->> 'max_fps')::int AS max_fps, v.config_schema IS NOT NULL AS declares_schema
                FROM model m LEFT JOIN model_version v ON v.model_id = m.model_id
                WHERE m.model_id = ANY(:ids)""",
                Map.of("ids", modelIds.toArray(String[]::new)), rs -> {
                    String modelId = rs.getString("model_id");
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
                                rs.getBoolean("declares_schema"), null));
                    }
                });
        return targets;
    }

    /** A version's declared config_schema as JSON text, or null when it declares none or does not exist. */
    public String configSchema(String modelId, String version) {
        return jdbc.queryForList("SELECT config_schema::text FROM model_version WHERE model_id = :id AND version = :v",
                Map.of("id", modelId, "v", version), String.class).stream().findFirst().orElse(null);
    }
}
