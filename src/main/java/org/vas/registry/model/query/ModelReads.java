package org.vas.registry.model.query;

import com.fasterxml.jackson.databind.util.RawValue;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;

/**
 * Discovery's reads of one model and its versions. Each is a single statement, which already sees one snapshot,
 * so none runs in a transaction: that would only add round trips to what discovery and every command's answer pay.
 */
@Component
public class ModelReads {

    /**
     * A model's current revision, and the read model's generation it was read in: together they name the model's
     * content (a rebuild moves the generation, and may correct a row without changing its revision).
     */
    public record Current(long revision, long generation) {
    }

    /** Each model's; a revision of -1 for a model that did not exist. Bounded by count: a few dozen bytes each. */
    private final CurrentCopies<String, Current> revisions;
    private final NamedParameterJdbcTemplate jdbc;
    private final ModelRows rows;
    private final RenderedModels rendered;
    private final ReadModelHead head;

    ModelReads(NamedParameterJdbcTemplate jdbc, ModelRows rows, RenderedModels rendered, ReadModelHead head,
               MeterRegistry meters) {
        this.jdbc = ReadModelHead.bounded(jdbc);
        this.rows = rows;
        this.rendered = rendered;
        this.head = head;
        this.revisions = new CurrentCopies<>("model_revisions", meters, 20_000, current -> 1);
    }

    /** The model with a summary of each of its versions. */
    public Optional<ModelView> find(ModelId modelId) {
        List<ModelView> found = jdbc.query("SELECT vs.version_names, vs.version_enabled, vs.version_created, "
                + ModelRows.MODEL_VIEW_FROM + """
                LEFT JOIN LATERAL (SELECT array_agg(v.version) AS version_names,
                                          array_agg(v.enabled) AS version_enabled,
                                          array_agg(v.created_at) AS version_created
                                   FROM model_version v WHERE v.model_id = m.model_id) vs ON TRUE
                WHERE m.model_id = :id""", Map.of("id", modelId.value()),
                (rs, row) -> rows.modelView(rs).withVersions(versionSummaries(rs)));
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

    /**
     * The model's current revision, for answering a conditional read without building the model. It is kept with
     * the read model version it was read at, and read again unless {@link ReadModelHead} proves the read model has
     * not moved since (decision 25).
     */
    public Optional<Current> revision(ModelId modelId) {
        long now = head.version();
        Current current = revisions.at(modelId.value(), now);
        if (current == null) {
            // The version in the same statement: the revision is exactly the one the read model had at it.
            long[] stateVersion = {0};
            current = jdbc.queryForObject("""
                    SELECT s.version, s.generation, coalesce(m.revision, -1) AS revision
                    FROM read_model_state s LEFT JOIN model m ON m.model_id = :id WHERE s.id = 1""",
                    Map.of("id", modelId.value()), (rs, row) -> {
                        stateVersion[0] = rs.getLong(1);
                        return new Current(rs.getLong(3), rs.getLong(2));
                    });
            revisions.keep(modelId.value(), stateVersion[0], current);
        }
        return current.revision() < 0 ? Optional.empty() : Optional.of(current);
    }

    /** A model as its single read shows it, as JSON, and the revision that is. */
    public record RenderedModel(long revision, RawValue document) {
    }

    /**
     * The model as its single read shows it, rendered once per revision: {@code revision} is the one the caller
     * just read, so an unchanged model costs no further statement. Should the model have moved since, it is read
     * and rendered at its new revision.
     */
    public Optional<RenderedModel> rendered(ModelId modelId, Current current) {
        RawValue known = rendered.find(modelId.value(), current.revision(), current.generation(), true);
        if (known != null) {
            return Optional.of(new RenderedModel(current.revision(), known));
        }
        return find(modelId).map(model -> new RenderedModel(model.revision(),
                rendered.render(model, current.generation())));
    }

    /** The read model was written again from the log (a rebuild): nothing rendered from it before is kept. */
    public void readModelReplaced() {
        rendered.clear();
    }

    /** A model's versions, highest first by SemVer precedence; empty when the model does not exist. */
    public List<VersionView> versions(ModelId modelId) {
        List<VersionView> versions = new ArrayList<>(jdbc.query("SELECT " + ModelRows.VERSION_SELECT
                + " FROM model_version v WHERE v.model_id = :id", Map.of("id", modelId.value()),
                (rs, row) -> VersionView.of(modelId, rows.version(rs))));
        versions.sort(Comparator.comparing((VersionView v) -> new VersionNumber(v.version())).reversed());
        return versions;
    }

    public Optional<VersionView> version(ModelId modelId, VersionNumber version) {
        return jdbc.query("SELECT " + ModelRows.VERSION_SELECT
                        + " FROM model_version v WHERE v.model_id = :id AND v.version = :version",
                Map.of("id", modelId.value(), "version", version.value()),
                (rs, row) -> VersionView.of(modelId, rows.version(rs))).stream().findFirst();
    }
}
