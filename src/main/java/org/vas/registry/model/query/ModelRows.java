package org.vas.registry.model.query;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.vas.registry.infrastructure.db.BoundIds;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.Performance;
import org.vas.registry.kernel.VersionNumber;
import org.vas.registry.model.state.ModelState;
import org.vas.registry.model.state.PositionedModel;
import org.vas.registry.model.state.VersionContent;
import org.vas.registry.model.state.VersionState;

/**
 * The read model's tables, {@code model} and {@code model_version}, and their staging twins: the one place that
 * knows their columns. A model's state is written as one model row and a row per version, and read back into the
 * same state, so that what the projection stores can be compared with a fold of the log.
 *
 * <p>Every value is written as text with a cast, so that a statement and a {@code COPY} write exactly the same.
 */
@Component
public class ModelRows {

    private static final String MODEL_STAGING = "model_staging";
    private static final String VERSION_STAGING = "model_version_staging";
    static final String MODEL_COLUMNS = "model_id, name, description, supported_tasks, tags, enabled, retired, "
            + "status_reason, default_version, revision, position, created_at, updated_at, aliases";
    private static final String MODEL_VALUES = "?, ?, ?, ?::text[], ?::jsonb, ?, ?, ?, ?, ?, ?, ?::timestamptz, "
            + "?::timestamptz, ?::jsonb";
    static final String VERSION_COLUMNS = "model_id, version, enabled, status_reason, config_schema, performance, "
            + "input, output, hardware, limits, capabilities, created_at, updated_at";
    private static final String VERSION_VALUES = "?, ?, ?, ?, ?::json, ?::json, ?::json, ?::json, ?::json, ?::json, "
            + "?::json, ?::timestamptz, ?::timestamptz";
    private static final Set<String> JSON = Set.of("config_schema", "performance", "input", "output", "hardware",
            "limits", "capabilities");
    private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, VersionNumber>> ALIASES = new TypeReference<>() {
    };
    /** A model row's columns as {@link #modelRow} reads them, without the table it comes from. */
    private static final String MODEL_SELECT = """
            m.model_id, m.name, m.description, m.supported_tasks, m.tags::text AS tags, m.enabled, m.retired,
            m.status_reason, m.default_version, m.aliases::text AS aliases, m.revision, m.position, m.created_at,
            m.updated_at""";
    /** A version row's columns as {@link #version} reads them: its own names where they clash with the model's. */
    static final String VERSION_SELECT = """
            v.version, v.enabled AS version_enabled, v.status_reason AS version_status_reason,
            v.config_schema::text AS config_schema, v.performance::text AS performance, v.input::text AS input,
            v.output::text AS output, v.hardware::text AS hardware, v.limits::text AS limits,
            v.capabilities::text AS capabilities, v.created_at AS version_created_at,
            v.updated_at AS version_updated_at""";
    /**
     * What {@link #modelView} reads, with the table it reads it from: a model row and its default version's
     * config_schema. Statements add their own conditions.
     */
    static final String MODEL_VIEW_FROM = MODEL_SELECT + """
            , dv.config_schema::text AS default_schema
            FROM model m LEFT JOIN model_version dv ON dv.model_id = m.model_id AND dv.version = m.default_version
            """;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    ModelRows(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Every model's id. */
    public List<String> modelIds() {
        return jdbc.queryForList("SELECT model_id FROM model", String.class);
    }

    /**
     * The model as the live tables hold it. Inside a transaction the answer is kept until the transaction ends,
     * and {@link #store} replaces it: a command reads its model to decide and the projection reads it again, in
     * the same transaction, to evolve it ({@link #loadBefore}).
     */
    public Optional<PositionedModel> load(ModelId modelId) {
        Map<String, Optional<PositionedModel>> loaded = loadedInTransaction();
        if (loaded == null) {
            return read(modelId.value());
        }
        return loaded.computeIfAbsent(modelId.value(), this::read);
    }

    /**
     * The model as stored before its event at {@code revision}, for the projection to evolve it by that event. The
     * copy this transaction kept is that state only if it is no more than one event behind: another instance may
     * have committed events between the command's read of the row and its append (the command then loaded those
     * events from the log, and appended after them), and evolving the older copy would lose them. Such a copy is
     * read again.
     */
    public Optional<PositionedModel> loadBefore(ModelId modelId, long revision) {
        Map<String, Optional<PositionedModel>> loaded = loadedInTransaction();
        Optional<PositionedModel> kept = loaded == null ? null : loaded.get(modelId.value());
        long keptRevision = kept == null ? Long.MIN_VALUE : kept.map(model -> model.state().revision()).orElse(-1L);
        if (keptRevision >= revision - 1) {
            return kept;
        }
        Optional<PositionedModel> read = read(modelId.value());
        if (loaded != null) {
            loaded.put(modelId.value(), read);
        }
        return read;
    }

    private Optional<PositionedModel> read(String modelId) {
        return Optional.ofNullable(loadAll(List.of(modelId)).get(modelId));
    }

    /** The models this transaction has loaded or stored, or null outside a transaction. */
    @SuppressWarnings("unchecked")
    private Map<String, Optional<PositionedModel>> loadedInTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<String, Optional<PositionedModel>> loaded =
                (Map<String, Optional<PositionedModel>>) TransactionSynchronizationManager.getResource(this);
        if (loaded == null) {
            loaded = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, loaded);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(ModelRows.this);
                }
            });
        }
        return loaded;
    }

    /** The named models as the live tables hold them, by id; unknown ids are absent. */
    public Map<String, PositionedModel> loadAll(Collection<String> modelIds) {
        if (modelIds.isEmpty()) {
            return Map.of();
        }
        BoundIds ids = BoundIds.of(modelIds);
        Map<String, ModelRow> rows = new TreeMap<>();
        jdbc.query("SELECT " + MODEL_SELECT + ", " + VERSION_SELECT
                + " FROM model m LEFT JOIN model_version v ON v.model_id = m.model_id WHERE "
                + ids.matches("m.model_id"),
                rs -> {
                    ModelRow row = rows.computeIfAbsent(rs.getString("model_id"), id -> modelRow(rs));
                    if (rs.getString("version") != null) {
                        VersionState version = version(rs);
                        row.versions.put(version.version(), version);
                    }
                }, ids.parameter());
        Map<String, PositionedModel> models = new TreeMap<>();
        rows.forEach((id, row) -> models.put(id, row.model()));
        return models;
    }

    /**
     * Writes a model's new state to the live tables: its row, and the rows of the versions that are not the same
     * objects as before (the fold keeps an unchanged version's state as it was).
     */
    public void store(ModelState before, PositionedModel after) {
        jdbc.update("INSERT INTO model (" + MODEL_COLUMNS + ") VALUES (" + MODEL_VALUES + ") "
                + "ON CONFLICT (model_id) DO UPDATE SET " + excluded(MODEL_COLUMNS), parameters(modelValues(after)));
        ModelState state = after.state();
        for (VersionState version : state.versions().values()) {
            if (before == null || before.versions().get(version.version()) != version) {
                jdbc.update("INSERT INTO model_version (" + VERSION_COLUMNS + ") VALUES (" + VERSION_VALUES + ") "
                                + "ON CONFLICT (model_id, version) DO UPDATE SET " + excluded(VERSION_COLUMNS),
                        parameters(versionValues(state.modelId(), version)));
            }
        }
        Map<String, Optional<PositionedModel>> loaded = loadedInTransaction();
        if (loaded != null) {
            loaded.put(after.state().modelId().value(), Optional.of(after));
        }
    }

    /** Empties the staging tables, or takes these models out of them. */
    public void clearStaging() {
        jdbc.execute("TRUNCATE " + VERSION_STAGING + ", " + MODEL_STAGING);
    }

    public void clearStaging(Collection<String> modelIds) {
        jdbc.update("DELETE FROM " + VERSION_STAGING + " WHERE model_id = ANY(?)", (Object) modelIds.toArray(String[]::new));
        jdbc.update("DELETE FROM " + MODEL_STAGING + " WHERE model_id = ANY(?)", (Object) modelIds.toArray(String[]::new));
    }

    /**
     * Makes the live tables equal to the staging tables by writing only the rows that differ: rebuilding a read
     * model that was right writes nothing to it, where rewriting every row would update every index (trigram
     * and GIN among them) for each of them while commands wait on the append lock. JSON columns compare as text,
     * which is how every writer here writes them.
     */
    public void replaceLiveWithStaging() {
        jdbc.update("INSERT INTO model SELECT * FROM " + MODEL_STAGING + " ON CONFLICT (model_id) DO UPDATE SET "
                + excluded(MODEL_COLUMNS) + " WHERE " + differs("model", MODEL_COLUMNS));
        jdbc.update("INSERT INTO model_version SELECT * FROM " + VERSION_STAGING
                + " ON CONFLICT (model_id, version) DO UPDATE SET " + excluded(VERSION_COLUMNS) + " WHERE "
                + differs("model_version", VERSION_COLUMNS));
        jdbc.update("DELETE FROM model_version v WHERE NOT EXISTS (SELECT 1 FROM " + VERSION_STAGING
                + " s WHERE s.model_id = v.model_id AND s.version = v.version)");
        jdbc.update("DELETE FROM model m WHERE NOT EXISTS (SELECT 1 FROM " + MODEL_STAGING
                + " s WHERE s.model_id = m.model_id)");
    }

    /** Models' rows rendered for the staging tables, as {@code COPY} takes them. */
    public record StagingRows(Blocks models, Blocks versions) {
    }

    /** Bytes in blocks as they were written, none of them copied to grow or to join another's. */
    public static final class Blocks {

        private final List<byte[]> blocks = new ArrayList<>();
        private final List<Integer> lengths = new ArrayList<>();

        private void add(byte[] block, int length) {
            if (length > 0) {
                blocks.add(block);
                lengths.add(length);
            }
        }

        private void addAll(Blocks other) {
            blocks.addAll(other.blocks);
            lengths.addAll(other.lengths);
        }

        private void copyTo(CopyIn copy) throws SQLException {
            for (int i = 0; i < blocks.size(); i++) {
                copy.writeToCopy(blocks.get(i), 0, lengths.get(i));
            }
        }
    }

    /**
     * Writes whole models into the staging tables with {@code COPY}: a registry of 10,000 models is 30,000 rows of
     * JSON, which PostgreSQL takes as one stream rather than as statements to parse.
     */
    public void copyToStaging(Collection<PositionedModel> models) {
        copyToStaging(stagingRows(models));
    }

    /** The rows of these models; rendering them (mostly JSON) is what writing them costs the registry. */
    public StagingRows stagingRows(Collection<PositionedModel> models) {
        // Each model's rows are its own: every core helps.
        CopyRows modelRows = models.parallelStream()
                .collect(CopyRows::new, (rows, m) -> rows.row(modelValues(m)), CopyRows::append);
        CopyRows versionRows = models.parallelStream().collect(CopyRows::new,
                (rows, m) -> m.state().versions().values()
                        .forEach(v -> rows.row(versionValues(m.state().modelId(), v))),
                CopyRows::append);
        return new StagingRows(modelRows.blocks(), versionRows.blocks());
    }

    public void copyToStaging(StagingRows staging) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy(copy, "COPY " + MODEL_STAGING + " (" + MODEL_COLUMNS + ") FROM STDIN (FORMAT text)",
                    staging.models());
            copy(copy, "COPY " + VERSION_STAGING + " (" + VERSION_COLUMNS + ") FROM STDIN (FORMAT text)",
                    staging.versions());
            return null;
        });
    }

    private static void copy(CopyManager copy, String statement, Blocks rows) throws SQLException {
        CopyIn in = copy.copyIn(statement);
        try {
            rows.copyTo(in);
            in.endCopy();
        } catch (SQLException | RuntimeException e) {
            if (in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException cancelling) {
                    e.addSuppressed(cancelling);
                }
            }
            throw e;
        }
    }

    private Object[] modelValues(PositionedModel positioned) {
        ModelState model = positioned.state();
        return new Object[] {model.modelId().value(), model.name(), model.description(),
                textArray(model.supportedTasks()), JsonValue.of(model.tags()), model.enabled(), model.retired(),
                model.statusReason(), model.defaultVersion() == null ? null : model.defaultVersion().value(),
                model.revision(), positioned.position(), model.createdAt().toString(), model.updatedAt().toString(),
                JsonValue.of(model.aliases())};
    }

    private Object[] versionValues(ModelId modelId, VersionState version) {
        VersionContent content = version.content();
        return new Object[] {modelId.value(), version.version().value(), version.enabled(), version.statusReason(),
                JsonValue.of(content.configSchema()), JsonValue.of(content.performance()),
                JsonValue.of(content.input()), JsonValue.of(content.output()), JsonValue.of(content.hardware()),
                JsonValue.of(content.limits()), JsonValue.of(content.capabilities()), version.createdAt().toString(),
                version.updatedAt().toString()};
    }

    /** The values as a statement's parameters, JSON as its text. */
    private Object[] parameters(Object[] values) {
        Object[] parameters = values.clone();
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] instanceof JsonValue document) {
                try {
                    parameters[i] = json.writeValueAsString(document.value());
                } catch (JsonProcessingException e) {
                    throw unstorable(document.value(), e);
                }
            }
        }
        return parameters;
    }

    private static IllegalStateException unstorable(Object value, IOException e) {
        return new IllegalStateException("Cannot store " + value.getClass().getSimpleName() + " as JSON", e);
    }

    /** A column's value that is stored as JSON. */
    private record JsonValue(Object value) {

        static JsonValue of(Object value) {
            return value == null ? null : new JsonValue(value);
        }
    }

    /**
     * Rows as {@code COPY} reads its text format, in UTF-8: fields apart by tabs, null as {@code \N}, and a
     * backslash, tab, newline or carriage return in a value escaped by a backslash. JSON is written by the API's
     * mapper straight into the row, through one generator for each rendering thread's share of the rows, where CSV
     * needed a string of each value and a copy of it with every quote doubled. The JSON's text is the text a
     * statement stores ({@link #store}), to the character: the rebuild compares them as text.
     */
    private final class CopyRows {

        private final Escaping out = new Escaping();
        private final JsonGenerator generator;
        /** One for all of the share's values, where {@code writeValue} made one for each. */
        private final SerializerProvider serializers = json.getSerializerProviderInstance();

        CopyRows() {
            try {
                generator = json.createGenerator(out, JsonEncoding.UTF8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            generator.setRootValueSeparator(null);
            // A character beyond the Basic Multilingual Plane as itself, as a statement's text has it, not as two
            // escaped halves.
            generator.enable(JsonGenerator.Feature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
        }

        void row(Object[] values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.raw('\t');
                }
                if (values[i] instanceof JsonValue document) {
                    write(document.value());
                } else if (values[i] == null) {
                    out.raw('\\');
                    out.raw('N');
                } else {
                    byte[] text = values[i].toString().getBytes(StandardCharsets.UTF_8);
                    out.write(text, 0, text.length);
                }
            }
            out.raw('\n');
        }

        private void write(Object value) {
            try {
                serializers.defaultSerializeValue(value, generator);
                // Before the next tab or newline, which go to the bytes directly.
                generator.flush();
            } catch (IOException e) {
                throw unstorable(value, e);
            }
        }

        CopyRows append(CopyRows other) {
            out.raw(other.blocks());
            return this;
        }

        /** The rows written, once the generator has handed over what it holds; nothing is written after. */
        Blocks blocks() {
            try {
                generator.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.blocks();
        }
    }

    /**
     * Bytes written into a field of {@code COPY}'s text format: the four bytes it reads as control, escaped. Kept in
     * blocks, each up to twice the one before, so that neither growing nor joining another share's rows copies what
     * was written.
     */
    private static final class Escaping extends OutputStream {

        private static final int FIRST_BLOCK = 8 * 1024;
        private static final int LARGEST_BLOCK = 64 * 1024;
        private static final byte[] NONE = new byte[0];

        private final Blocks written = new Blocks();
        private byte[] block = NONE;
        private int size;

        void raw(char c) {
            room(1);
            block[size++] = (byte) c;
        }

        /** Rows escaped already, after these. */
        void raw(Blocks rows) {
            seal();
            written.addAll(rows);
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                room(2);
                byte b = source[i];
                byte escape = switch (b) {
                    case '\\' -> (byte) '\\';
                    case '\t' -> (byte) 't';
                    case '\n' -> (byte) 'n';
                    case '\r' -> (byte) 'r';
                    default -> 0;
                };
                if (escape == 0) {
                    block[size++] = b;
                } else {
                    block[size++] = '\\';
                    block[size++] = escape;
                }
            }
        }

        Blocks blocks() {
            seal();
            return written;
        }

        private void seal() {
            written.add(block, size);
            block = NONE;
            size = 0;
        }

        private void room(int more) {
            if (size + more > block.length) {
                int next = Math.min(LARGEST_BLOCK, Math.max(FIRST_BLOCK, 2 * block.length));
                written.add(block, size);
                block = new byte[next];
                size = 0;
            }
        }
    }

    /** Whether the live row differs from the one proposed, JSON columns compared as text. */
    private static String differs(String table, String columns) {
        List<String> names = Arrays.asList(columns.split(", "));
        String live = names.stream().map(c -> table + "." + c + (JSON.contains(c) ? "::text" : ""))
                .collect(Collectors.joining(", "));
        String proposed = names.stream().map(c -> "EXCLUDED." + c + (JSON.contains(c) ? "::text" : ""))
                .collect(Collectors.joining(", "));
        return "(" + live + ") IS DISTINCT FROM (" + proposed + ")";
    }

    private static String excluded(String columns) {
        return Arrays.stream(columns.split(", ")).skip(1).map(c -> c + " = EXCLUDED." + c)
                .collect(Collectors.joining(", "));
    }

    /** A PostgreSQL array literal of text elements, each quoted and escaped. */
    private static String textArray(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            literal.append(i == 0 ? "\"" : ",\"")
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }

    /** A model row and the version rows read so far. */
    private final class ModelRow {
        final ModelId modelId;
        final String name;
        final String description;
        final List<String> supportedTasks;
        final Map<String, String> tags;
        final boolean enabled;
        final boolean retired;
        final String statusReason;
        final VersionNumber defaultVersion;
        final Map<String, VersionNumber> aliases;
        final long revision;
        final long position;
        final Instant createdAt;
        final Instant updatedAt;
        final Map<VersionNumber, VersionState> versions = new TreeMap<>();

        ModelRow(ResultSet rs) throws SQLException {
            modelId = ModelId.of(rs.getString("model_id"));
            name = rs.getString("name");
            description = rs.getString("description");
            supportedTasks = Arrays.asList((String[]) rs.getArray("supported_tasks").getArray());
            tags = read(rs.getString("tags"), TAGS);
            enabled = rs.getBoolean("enabled");
            retired = rs.getBoolean("retired");
            statusReason = rs.getString("status_reason");
            String defaultText = rs.getString("default_version");
            defaultVersion = defaultText == null ? null : VersionNumber.of(defaultText);
            aliases = read(rs.getString("aliases"), ALIASES);
            revision = rs.getLong("revision");
            position = rs.getLong("position");
            createdAt = instant(rs, "created_at");
            updatedAt = instant(rs, "updated_at");
        }

        PositionedModel model() {
            return new PositionedModel(new ModelState(modelId, name, description, supportedTasks, tags, enabled,
                    retired, statusReason, revision, createdAt, updatedAt, versions, defaultVersion, aliases),
                    position);
        }
    }

    private ModelRow modelRow(ResultSet rs) {
        try {
            return new ModelRow(rs);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A model as discovery shows it, from a row of {@link #MODEL_VIEW_FROM}; without its versions, which the
     * statement adds when it reads them.
     */
    ModelView modelView(ResultSet rs) throws SQLException {
        ModelRow row = new ModelRow(rs);
        String defaultVersion = row.defaultVersion == null ? null : row.defaultVersion.value();
        Map<String, String> aliases = new TreeMap<>();
        row.aliases.forEach((alias, version) -> aliases.put(alias, version.value()));
        return new ModelView(row.modelId.value(), row.name, row.description, row.supportedTasks,
                tree(rs.getString("default_schema")), row.enabled,
                row.createdAt, row.updatedAt, row.retired, row.statusReason, row.revision, row.position,
                defaultVersion, aliases, row.tags, null, null);
    }

    /** A version from a row of {@link #VERSION_SELECT}. */
    VersionState version(ResultSet rs) throws SQLException {
        String performance = rs.getString("performance");
        VersionContent content = new VersionContent(tree(rs.getString("config_schema")),
                performance == null ? null : read(performance, new TypeReference<Performance>() {
                }), tree(rs.getString("input")), tree(rs.getString("output")), tree(rs.getString("hardware")),
                tree(rs.getString("limits")), tree(rs.getString("capabilities")));
        return new VersionState(VersionNumber.of(rs.getString("version")), content, rs.getBoolean("version_enabled"),
                rs.getString("version_status_reason"), instant(rs, "version_created_at"),
                instant(rs, "version_updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private JsonNode tree(String text) {
        return text == null ? null : read(text, new TypeReference<JsonNode>() {
        });
    }

    /** A model row's aliases, from its {@code aliases} column read as text: alias to version. */
    Map<String, String> aliases(ResultSet rs) throws SQLException {
        return read(rs.getString("aliases"), TAGS);
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The read model holds JSON it cannot read", e);
        }
    }
}
