package org.vas.registry.model.query;

import com.fasterxml.jackson.databind.util.RawValue;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Discovery's list: pages of models with the filter's total. A page is read in one statement once its models have
 * been rendered, and otherwise falls back to one repeatable-read transaction.
 */
@Component
public class ModelPages {

    public static final int MAX_LIMIT = 1000;

    /**
     * The last total counted for a filter and the read model version it was counted at. Every projected event
     * moves the version in its own transaction, so a version names exactly one state of the model table and its
     * count never goes stale; without this, every page of a large registry would count every matching row again.
     */
    private record Counted(long stateVersion, long total) {
    }

    private final Cache<ModelFilter, Counted> totals = Caffeine.newBuilder().maximumSize(1_000).build();
    private final NamedParameterJdbcTemplate jdbc;
    private final ModelRows rows;
    private final RenderedModels rendered;
    private final TransactionTemplate snapshot;

    ModelPages(NamedParameterJdbcTemplate jdbc, ModelRows rows, RenderedModels rendered,
               PlatformTransactionManager transactions) {
        this.jdbc = ReadModelHead.bounded(jdbc);
        this.rows = rows;
        this.rendered = rendered;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
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
        Optional<List<RawValue>> models = render(page.keys(), page.generation());
        if (models.isPresent()) {
            return Optional.of(page.rendered(models.get()));
        }
        // A model moved between the two statements; in one snapshot none can.
        return snapshot.execute(status -> {
            PageKeys again = pageKeys(filter, cursor, limit);
            return unchangedAt.test(again.stateVersion()) ? Optional.<RenderedPage>empty()
                    : Optional.of(again.rendered(render(again.keys(), again.generation()).orElseThrow()));
        });
    }

    /**
     * What the page's one statement read: the read model version and generation, the total, the page's models, the
     * next cursor.
     */
    private record PageKeys(long stateVersion, long generation, long total, List<PageKey> keys, String nextCursor) {

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
        long[] version = {-1, -1};
        Long[] total = {null};
        List<PageKey> keys = new ArrayList<>();
        jdbc.query("""
                SELECT s.version, s.generation,
                       CASE WHEN s.version = :countedAt THEN NULL
                            ELSE (SELECT count(*) FROM model m WHERE %1$s) END AS total,
                       p.model_id, p.revision, p.created_at
                FROM read_model_state s
                LEFT JOIN LATERAL (SELECT m.model_id, m.revision, m.created_at FROM model m
                                   WHERE %1$s%2$s
                                   ORDER BY m.created_at DESC, m.model_id DESC LIMIT :limit) p ON TRUE
                WHERE s.id = 1""".formatted(where, keyset), params, rs -> {
                    version[0] = rs.getLong("version");
                    version[1] = rs.getLong("generation");
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
        return new PageKeys(version[0], version[1], total[0], keys, next);
    }

    /** A model on a page; {@code createdAt} is read for the page's last model only (the next cursor). */
    private record PageKey(String modelId, long revision, Instant createdAt) {
    }

    /** Each model's JSON in page order; empty when a model is no longer at the revision the page named. */
    private Optional<List<RawValue>> render(List<PageKey> keys, long generation) {
        RawValue[] documents = new RawValue[keys.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < documents.length; i++) {
            PageKey key = keys.get(i);
            documents[i] = rendered.find(key.modelId(), key.revision(), generation, false);
            if (documents[i] == null) {
                missing.add(key.modelId());
            }
        }
        if (!missing.isEmpty()) {
            Map<String, ModelView> views = new HashMap<>();
            jdbc.query("SELECT " + ModelRows.MODEL_VIEW_FROM + " WHERE m.model_id = ANY(:ids)",
                    Map.of("ids", missing.toArray(String[]::new)),
                    rs -> {
                        ModelView view = rows.modelView(rs);
                        views.put(view.modelId(), view);
                    });
            for (int i = 0; i < documents.length; i++) {
                if (documents[i] == null) {
                    ModelView view = views.get(keys.get(i).modelId());
                    if (view == null || view.revision() != keys.get(i).revision()) {
                        return Optional.empty();
                    }
                    documents[i] = rendered.render(view, generation);
                }
            }
        }
        return Optional.of(List.of(documents));
    }
}
