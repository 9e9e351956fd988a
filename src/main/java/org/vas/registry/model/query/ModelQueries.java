package org.vas.registry.model.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.vas.registry.model.ModelId;
import org.vas.registry.model.VersionNumber;

/** Discovery's reads of the read model. Every list is answered with two statements, whatever its length. */
@Component
@Transactional(readOnly = true)
public class ModelQueries {

    public static final int MAX_LIMIT = 1000;

    private static final String MODEL_COLUMNS = """
            m.model_id, m.name, m.description, m.supported_tasks, m.enabled, m.retired, m.status_reason,
            m.default_version, m.revision, m.position, m.tags::text AS tags, m.created_at, m.updated_at,
            dv.config_schema::text AS config_schema
            FROM model m LEFT JOIN model_version dv ON dv.model_id = m.model_id AND dv.version = m.default_version
            """;
    private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() {
    };

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;

    ModelQueries(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The read model's version: it moves with every projected event, so it identifies what a list shows. */
    public long stateVersion() {
        return jdbc.getJdbcTemplate().queryForObject("SELECT version FROM read_model_state WHERE id = 1",
                Long.class);
    }

    /** The log position the read model reflects: every event at or below it is in the read model. */
    public long position() {
        return jdbc.getJdbcTemplate().queryForObject("SELECT position FROM read_model_state WHERE id = 1",
                Long.class);
    }

    public List<String> allModelIds() {
        return jdbc.getJdbcTemplate().queryForList("SELECT model_id FROM model", String.class);
    }

    public Optional<ModelView> find(ModelId modelId) {
        List<ModelView> found = jdbc.query("SELECT " + MODEL_COLUMNS + " WHERE m.model_id = :id",
                Map.of("id", modelId.value()), this::model);
        return found.stream().findFirst().map(model -> model.withVersions(versions(modelId).stream()
                .map(v -> new VersionSummary(v.version(), v.enabled(), v.preRelease(), v.createdAt()))
                .toList()));
    }

    /** A page together with the read model version it was read at. */
    public record VersionedPage(long stateVersion, ModelPage page) {
    }

    /**
     * Newest first, then by id; {@code limit} is at most {@link #MAX_LIMIT}. The count, the page and the version
     * come from one snapshot, so the version is a faithful entity tag for the page.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public VersionedPage list(ModelFilter filter, String cursor, int limit) {
        return new VersionedPage(stateVersion(), page(filter, cursor, limit));
    }

    private ModelPage page(ModelFilter filter, String cursor, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(filter, params);
        long total = jdbc.queryForObject("SELECT count(*) FROM model m WHERE " + where, params, Long.class);
        String keyset = "";
        if (cursor != null) {
            PageCursor after = PageCursor.decode(cursor);
            params.addValue("cursorAt", OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC));
            params.addValue("cursorId", after.modelId());
            keyset = " AND (m.created_at, m.model_id) < (:cursorAt, :cursorId)";
        }
        params.addValue("limit", limit + 1);
        List<ModelView> rows = jdbc.query("SELECT " + MODEL_COLUMNS + " WHERE " + where + keyset
                + " ORDER BY m.created_at DESC, m.model_id DESC LIMIT :limit", params, this::model);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            ModelView last = rows.get(limit - 1);
            next = new PageCursor(last.createdAt(), last.modelId()).encode();
        }
        return new ModelPage(List.copyOf(rows), total, next);
    }

    /** A model's versions, highest first by SemVer precedence; empty when the model does not exist. */
    public List<VersionView> versions(ModelId modelId) {
        List<VersionView> versions = new ArrayList<>(jdbc.query("SELECT * FROM model_version WHERE model_id = :id",
                Map.of("id", modelId.value()), this::version));
        versions.sort(Comparator.comparing((VersionView v) -> new VersionNumber(v.version())).reversed());
        return versions;
    }

    public Optional<VersionView> version(ModelId modelId, VersionNumber version) {
        return jdbc.query("SELECT * FROM model_version WHERE model_id = :id AND version = :version",
                Map.of("id", modelId.value(), "version", version.value()), this::version).stream().findFirst();
    }

    /**
     * What validation needs of each named model, read in one statement however many are named. Unknown ids are
     * simply absent from the answer.
     */
    public Map<String, ValidationTarget> validationTargets(Collection<String> modelIds) {
        Map<String, ValidationTarget> targets = new HashMap<>();
        jdbc.query("""
                SELECT m.model_id, m.enabled, m.retired, m.default_version, v.version, v.enabled AS version_enabled,
                       (v.performance ->> 'max_fps')::int AS max_fps, v.config_schema::text AS config_schema
                FROM model m LEFT JOIN model_version v ON v.model_id = m.model_id
                WHERE m.model_id = ANY(:ids)""",
                Map.of("ids", modelIds.toArray(String[]::new)), rs -> {
                    String modelId = rs.getString("model_id");
                    ValidationTarget target = targets.get(modelId);
                    if (target == null) {
                        target = new ValidationTarget(modelId, rs.getBoolean("enabled"), rs.getBoolean("retired"),
                                rs.getString("default_version"), new HashMap<>());
                        targets.put(modelId, target);
                    }
                    String version = rs.getString("version");
                    if (version != null) {
                        target.versions().put(version, new ValidationTarget.Version(version,
                                rs.getBoolean("version_enabled"), (Integer) rs.getObject("max_fps"),
                                rs.getString("config_schema")));
                    }
                });
        return targets;
    }

    private static String where(ModelFilter filter, MapSqlParameterSource params) {
        List<String> conditions = new ArrayList<>();
        if (!filter.includeRetired()) {
            conditions.add("NOT m.retired");
        }
        if (filter.enabled() != null) {
            params.addValue("enabled", filter.enabled());
            conditions.add("m.enabled = :enabled");
        }
        if (filter.task() != null) {
            params.addValue("task", new String[] {filter.task()});
            conditions.add("m.supported_tasks @> :task::text[]");
        }
        if (filter.text() != null) {
            params.addValue("text", "%" + escapeLike(filter.text()) + "%");
            conditions.add("(m.name ILIKE :text OR m.description ILIKE :text)");
        }
        for (int i = 0; i < filter.tags().size(); i++) {
            String tag = filter.tags().get(i);
            int colon = tag.indexOf(':');
            if (colon < 0) {
                params.addValue("tagKey" + i, tag);
                conditions.add("jsonb_exists(m.tags, :tagKey" + i + ")");
            } else {
                params.addValue("tagKey" + i, tag.substring(0, colon));
                params.addValue("tagValue" + i, tag.substring(colon + 1));
                conditions.add("m.tags @> jsonb_build_object(:tagKey" + i + "::text, :tagValue" + i + "::text)");
            }
        }
        return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private ModelView model(ResultSet rs, int row) throws SQLException {
        return new ModelView(rs.getString("model_id"), rs.getString("name"), rs.getString("description"),
                Arrays.asList((String[]) rs.getArray("supported_tasks").getArray()),
                tree(rs.getString("config_schema")), rs.getBoolean("enabled"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getBoolean("retired"),
                rs.getString("status_reason"), rs.getLong("revision"), rs.getLong("position"),
                rs.getString("default_version"),
                read(rs.getString("tags"), TAGS), null);
    }

    private VersionView version(ResultSet rs, int row) throws SQLException {
        String version = rs.getString("version");
        return new VersionView(rs.getString("model_id"), version, rs.getBoolean("enabled"),
                new VersionNumber(version).isPreRelease(), rs.getString("status_reason"),
                tree(rs.getString("config_schema")), tree(rs.getString("performance")), tree(rs.getString("input")),
                tree(rs.getString("output")), tree(rs.getString("hardware")), tree(rs.getString("limits")),
                tree(rs.getString("capabilities")), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private JsonNode tree(String text) {
        return text == null ? null : read(text, new TypeReference<JsonNode>() {
        });
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The read model holds JSON it cannot read", e);
        }
    }
}
