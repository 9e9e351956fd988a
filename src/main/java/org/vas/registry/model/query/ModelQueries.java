package org.vas.registry.model.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongPredicate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.Performance;
import org.vas.registry.kernel.VersionNumber;

/**
 * Discovery's reads of the read model. Each read is a single statement, which already sees one snapshot, so none
 * runs in a transaction (that would only add round trips on every request); the list reads its page in one
 * statement once its models have been rendered, and falls back to one repeatable-read transaction.
 */
@Component
public class ModelQueries {

    public static final int MAX_LIMIT = 1000;

    private static final String MODEL_COLUMNS = """
            m.model_id, m.name, m.description, m.supported_tasks, m.enabled, m.retired, m.status_reason,
            m.default_version, m.aliases::text AS aliases, m.revision, m.position, m.tags::text AS tags,
            m.created_at, m.updated_at,
            dv.config_schema::text AS config_schema
            FROM model m LEFT JOIN model_version dv ON dv.model_id = m.model_id AND dv.version = m.default_version
            """;
    private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() {
    };

    /**
     * The last total counted for a filter and the read model version it was counted at. Every projected event
     * moves the version in its own transaction, so a version names exactly one state of the model table and its
     * count never goes stale; without this, every page of a large registry would count every matching row again.
     */
    private record Counted(long stateVersion, long total) {
    }

    private final Cache<ModelFilter, Counted> totals = Caffeine.newBuilder().maximumSize(1_000).build();
    /**
     * Each default version's config_schema as a tree, by model and version. A version is immutable, so the tree
     * never goes stale; reading a model would otherwise parse its schema every time.
     */
    private final Cache<String, Tree> schemaTrees = Caffeine.newBuilder()
            .maximumWeight(16L << 20)
            .weigher((String key, Tree tree) -> Math.max(1, tree.textLength()))
            .build();

    /** A parsed schema and the length of its text, which its size on the heap follows: the cache is bounded by it. */
    private record Tree(JsonNode node, int textLength) {
    }
    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final RenderedModels rendered;
    private final TransactionTemplate snapshot;

    ModelQueries(NamedParameterJdbcTemplate jdbc, ObjectMapper json, RenderedModels rendered,
                 PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.rendered = rendered;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
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

    /**
     * One statement, outside any transaction: a single statement already reads one snapshot, and a transaction
     * would only add round trips to what discovery and every command's answer pay.
     */
    public Optional<ModelView> find(ModelId modelId) {
        List<ModelView> found = jdbc.query("SELECT vs.version_names, vs.version_enabled, vs.version_created, "
                + MODEL_COLUMNS + """
                LEFT JOIN LATERAL (SELECT array_agg(v.version) AS version_names,
                                          array_agg(v.enabled) AS version_enabled,
                                          array_agg(v.created_at) AS version_created
                                   FROM model_version v WHERE v.model_id = m.model_id) vs ON TRUE
                WHERE m.model_id = :id""", Map.of("id", modelId.value()),
                (rs, row) -> model(rs, row).withVersions(versionSummaries(rs)));
        return found.stream().findFirst();
    }

    /** The summaries aggregated next to the model; every array lists the versions in the same order. */
    private static List<VersionSummary> versionSummaries(ResultSet rs) throws SQLException {
        java.sql.Array names = rs.getArray("version_names");
        if (names == null) {
            return List.of();
        }
        String[] versions = (String[]) names.getArray();
        Boolean[] enabled = (Boolean[]) rs.getArray("version_enabled").getArray();
        java.sql.Timestamp[] created = (java.sql.Timestamp[]) rs.getArray("version_created").getArray();
        List<VersionSummary> summaries = new ArrayList<>(versions.length);
        for (int i = 0; i < versions.length; i++) {
            summaries.add(new VersionSummary(versions[i], enabled[i], new VersionNumber(versions[i]).isPreRelease(),
                    created[i].toInstant()));
        }
        summaries.sort(Comparator.comparing((VersionSummary v) -> new VersionNumber(v.version())).reversed());
        return summaries;
    }

    /** The model's current revision, for answering a conditional read without building the model. */
    public Optional<Long> revision(ModelId modelId) {
        return jdbc.queryForList("SELECT revision FROM model WHERE model_id = :id", Map.of("id", modelId.value()),
                Long.class).stream().findFirst();
    }

    /** The read model was written again from the log (a rebuild): nothing rendered from it before is kept. */
    public void readModelReplaced() {
        rendered.clear();
    }

    /** A model as its single read shows it, as JSON, and the revision that is. */
    public record RenderedModel(long revision, RawValue document) {
    }

    /**
     * The model as its single read shows it, rendered once per revision: {@code revision} is the one the caller
     * just read, so an unchanged model costs no further statement. Should the model have moved since, it is read
     * and rendered at its new revision.
     */
    public Optional<RenderedModel> rendered(ModelId modelId, long revision) {
        RawValue known = rendered.find(modelId.value(), revision, true);
        if (known != null) {
            return Optional.of(new RenderedModel(revision, known));
        }
        return find(modelId).map(model -> new RenderedModel(model.revision(), rendered.render(model)));
    }

    /** A page as the list answers it: each model as JSON, with the read model version it was read at. */
    public record RenderedPage(long stateVersion, List<RawValue> models, long total, String nextCursor) {
    }

    /**
     * Newest first, then by id; {@code limit} is at most {@link #MAX_LIMIT}. Empty when {@code unchangedAt}
     * accepts the read model version, so a conditional request is answered before any model is rendered.
     *
     * <p>One statement reads the version, the page's ids and revisions, and the total when the version moved
     * since it was last counted: one snapshot, so the version is a faithful entity tag for the page. Models are
     * rendered once per revision ({@link RenderedModels}); those not rendered yet are read by a second statement,
     * and should one of them have moved in between, the page is read again in a single repeatable-read
     * transaction.
     */
    public Optional<RenderedPage> list(ModelFilter filter, String cursor, int limit, LongPredicate unchangedAt) {
        PageKeys page = pageKeys(filter, cursor, limit);
        if (unchangedAt.test(page.stateVersion())) {
            return Optional.empty();
        }
        Optional<List<RawValue>> models = render(page.keys());
        if (models.isPresent()) {
            return Optional.of(page.rendered(models.get()));
        }
        // A model moved between the two statements; in one snapshot none can.
        return snapshot.execute(status -> {
            PageKeys again = pageKeys(filter, cursor, limit);
            return unchangedAt.test(again.stateVersion()) ? Optional.<RenderedPage>empty()
                    : Optional.of(again.rendered(render(again.keys()).orElseThrow()));
        });
    }

    /** What the page's one statement read: the read model version, the total, the page's models, the next cursor. */
    private record PageKeys(long stateVersion, long total, List<PageKey> keys, String nextCursor) {

        RenderedPage rendered(List<RawValue> models) {
            return new RenderedPage(stateVersion, models, total, nextCursor);
        }
    }

    private PageKeys pageKeys(ModelFilter filter, String cursor, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = filter.sql(params);
        String keyset = cursor == null ? "" : " AND " + PageCursor.decode(cursor).sql(params);
        Counted counted = totals.getIfPresent(filter);
        params.addValue("countedAt", counted == null ? -1 : counted.stateVersion());
        params.addValue("limit", limit + 1);
        long[] version = {-1};
        Long[] total = {null};
        List<PageKey> keys = new ArrayList<>();
        jdbc.query("""
                SELECT s.version,
                       CASE WHEN s.version = :countedAt THEN NULL
                            ELSE (SELECT count(*) FROM model m WHERE %1$s) END AS total,
                       p.model_id, p.revision, p.created_at
                FROM read_model_state s
                LEFT JOIN LATERAL (SELECT m.model_id, m.revision, m.created_at FROM model m
                                   WHERE %1$s%2$s
                                   ORDER BY m.created_at DESC, m.model_id DESC LIMIT :limit) p ON TRUE
                WHERE s.id = 1""".formatted(where, keyset), params, rs -> {
                    version[0] = rs.getLong("version");
                    total[0] = (Long) rs.getObject("total");
                    String modelId = rs.getString("model_id");
                    if (modelId != null) {
                        // Only the page's last model names the next cursor.
                        keys.add(new PageKey(modelId, rs.getLong("revision"), keys.size() == limit - 1
                                ? rs.getObject("created_at", OffsetDateTime.class).toInstant() : null));
                    }
                });
        if (total[0] == null) {
            total[0] = counted.total();
        } else {
            totals.put(filter, new Counted(version[0], total[0]));
        }
        String next = null;
        if (keys.size() > limit) {
            PageKey last = keys.get(limit - 1);
            next = new PageCursor(last.createdAt(), last.modelId()).encode();
            keys.subList(limit, keys.size()).clear();
        }
        return new PageKeys(version[0], total[0], keys, next);
    }

    /** A model on a page; {@code createdAt} is read for the page's last model only (the next cursor). */
    private record PageKey(String modelId, long revision, Instant createdAt) {
    }

    /** Each model's JSON in page order; empty when a model is no longer at the revision the page named. */
    private Optional<List<RawValue>> render(List<PageKey> keys) {
        RawValue[] documents = new RawValue[keys.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < documents.length; i++) {
            PageKey key = keys.get(i);
            documents[i] = rendered.find(key.modelId(), key.revision(), false);
            if (documents[i] == null) {
                missing.add(key.modelId());
            }
        }
        if (!missing.isEmpty()) {
            Map<String, ModelView> views = new HashMap<>();
            jdbc.query("SELECT " + MODEL_COLUMNS + " WHERE m.model_id = ANY(:ids)",
                    Map.of("ids", missing.toArray(String[]::new)),
                    rs -> {
                        ModelView view = model(rs, 0);
                        views.put(view.modelId(), view);
                    });
            for (int i = 0; i < documents.length; i++) {
                if (documents[i] == null) {
                    ModelView view = views.get(keys.get(i).modelId());
                    if (view == null || view.revision() != keys.get(i).revision()) {
                        return Optional.empty();
                    }
                    documents[i] = rendered.render(view);
                }
            }
        }
        return Optional.of(List.of(documents));
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
                                rs.getString("default_version"), read(rs.getString("aliases"), TAGS),
                                new HashMap<>());
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

    private ModelView model(ResultSet rs, int row) throws SQLException {
        return new ModelView(rs.getString("model_id"), rs.getString("name"), rs.getString("description"),
                Arrays.asList((String[]) rs.getArray("supported_tasks").getArray()), defaultSchema(rs),
                rs.getBoolean("enabled"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getBoolean("retired"),
                rs.getString("status_reason"), rs.getLong("revision"), rs.getLong("position"),
                rs.getString("default_version"), new TreeMap<>(read(rs.getString("aliases"), TAGS)),
                read(rs.getString("tags"), TAGS), null, null);
    }

    private JsonNode defaultSchema(ResultSet rs) throws SQLException {
        String version = rs.getString("default_version");
        String text = rs.getString("config_schema");
        if (version == null || text == null) {
            return null;
        }
        return schemaTrees.get(rs.getString("model_id") + "@" + version, key -> new Tree(tree(text), text.length()))
                .node();
    }

    private VersionView version(ResultSet rs, int row) throws SQLException {
        String version = rs.getString("version");
        return new VersionView(rs.getString("model_id"), version, rs.getBoolean("enabled"),
                new VersionNumber(version).isPreRelease(), rs.getString("status_reason"),
                tree(rs.getString("config_schema")), performance(rs.getString("performance")),
                tree(rs.getString("input")),
                tree(rs.getString("output")), tree(rs.getString("hardware")), tree(rs.getString("limits")),
                tree(rs.getString("capabilities")), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private Performance performance(String text) {
        return text == null ? null : read(text, new TypeReference<Performance>() {
        });
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
