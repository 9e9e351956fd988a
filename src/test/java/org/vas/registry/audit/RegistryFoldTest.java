package org.vas.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vas.registry.access.event.ApiKeyIssued;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;
import org.vas.registry.model.Performance;
import org.vas.registry.model.event.AliasMoved;
import org.vas.registry.model.event.DefaultVersionChanged;
import org.vas.registry.model.event.ModelEnabled;
import org.vas.registry.model.event.ModelEvent;
import org.vas.registry.model.event.ModelRegistered;
import org.vas.registry.model.event.ModelVersionAdded;
import org.vas.registry.model.event.ModelVersionDisabled;
import org.vas.registry.model.query.ModelView;
import org.vas.registry.model.query.ValidationTarget;
import org.vas.registry.model.state.VersionContent;

/** Time travel's fold of the log, in memory: no Spring, no database. */
class RegistryFoldTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelId A = ModelId.of("geo_fencing");
    private static final ModelId B = ModelId.of("crowd_count");
    private static final VersionNumber V1 = VersionNumber.of("1.0.0");
    private static final VersionNumber V2 = VersionNumber.of("2.0.0");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final List<LoggedEvent> log = new ArrayList<>();
    private final Map<String, Long> revisions = new java.util.HashMap<>();

    private void append(long position, ModelEvent event) {
        long revision = revisions.merge(event.modelId().value(), 1L, Long::sum) - 1;
        log.add(new LoggedEvent(position, event.modelId().value(), revision, T0.plusSeconds(position), Map.of(),
                event));
    }

    private static ModelVersionAdded added(ModelId id, VersionNumber version, int maxFps) {
        return new ModelVersionAdded(id, version, JSON.createObjectNode().put("type", "object"),
                new Performance(5, maxFps, 100), null, null, null, null, null, false);
    }

    @Test
    void foldingThePartOfTheLogUpToAPositionGivesTheRegistryAsItStoodThen() {
        append(10, new ModelRegistered(A, "Geo-Fencing", "", List.of("person_detection"), Map.of()));
        append(11, added(A, V1, 15));
        append(13, new ModelRegistered(B, "Crowd", "", List.of("counting"), Map.of()));
        append(14, new ModelEnabled(A));

        RegistryFold before = RegistryFold.of(log.subList(0, 2));
        RegistryFold after = RegistryFold.of(log);

        assertThat(before.modelIds()).containsExactly(A.value());
        ModelView then = before.view(A.value());
        assertThat(then.status()).isEqualTo("disabled");
        assertThat(then.position()).isEqualTo(11);
        assertThat(then.revision()).isEqualTo(1);
        assertThat(then.updatedAt()).isEqualTo(T0.plusSeconds(11));
        assertThat(before.view(B.value())).isNull();
        assertThat(before.target(B.value())).isNull();
        assertThat(before.versions(B.value())).isEmpty();

        assertThat(after.modelIds()).containsExactly(A.value(), B.value());
        assertThat(after.view(A.value()).status()).isEqualTo("enabled");
        assertThat(after.view(A.value()).position()).isEqualTo(14);
        assertThat(after.view(B.value()).position()).isEqualTo(13);
    }

    @Test
    void eventsThatAreNotAboutModelsLeaveTheRegistryAsItWas() {
        append(10, new ModelRegistered(A, "Geo-Fencing", "", List.of("person_detection"), Map.of()));
        log.add(new LoggedEvent(11, "apikey:ops", 0, T0.plusSeconds(11), Map.of(),
                new ApiKeyIssued("apikey:ops", "ops", List.of("admin"), "hash", null, ApiKeyIssued.KEYED)));

        RegistryFold fold = RegistryFold.of(log);

        assertThat(fold.modelIds()).containsExactly(A.value());
        assertThat(fold.model(A.value()).position()).isEqualTo(10);
    }

    @Test
    void theDefaultAndTheAliasesOfAPastPositionAreTheOnesThenAcrossAPromotion() {
        append(10, new ModelRegistered(A, "Geo-Fencing", "", List.of("person_detection"), Map.of()));
        append(11, added(A, V1, 15));
        append(12, added(A, V2, 25));
        append(13, new AliasMoved(A, "canary", V2, null, "try"));
        List<LoggedEvent> beforePromotion = List.copyOf(log);
        append(14, new DefaultVersionChanged(A, V2, V1, "rollout"));

        assertThat(RegistryFold.of(beforePromotion).view(A.value()).defaultVersion()).isEqualTo("1.0.0");
        assertThat(RegistryFold.of(beforePromotion).target(A.value()).defaultVersion()).isEqualTo("1.0.0");
        RegistryFold after = RegistryFold.of(log);
        assertThat(after.view(A.value()).defaultVersion()).isEqualTo("2.0.0");
        assertThat(after.view(A.value()).aliases()).containsExactly(Map.entry("canary", "2.0.0"));
        assertThat(after.target(A.value()).aliases()).containsExactly(Map.entry("canary", "2.0.0"));
    }

    @Test
    void aFoldedModelIsSeenAsDiscoveryAndValidationWouldHaveSeenIt() {
        append(10, new ModelRegistered(A, "Geo-Fencing", "", List.of("person_detection"), Map.of()));
        append(11, added(A, V1, 15));
        append(12, added(A, V2, 25));
        append(13, new ModelVersionDisabled(A, V2, "drift", false));
        append(14, new ModelEnabled(A));

        RegistryFold fold = RegistryFold.of(log);

        ModelView view = fold.view(A.value());
        assertThat(view.defaultVersion()).isEqualTo("1.0.0");
        assertThat(view.configSchema().toString()).isEqualTo("{\"type\":\"object\"}");
        assertThat(view.versions()).extracting(v -> v.version() + ":" + v.status())
                .containsExactlyInAnyOrder("1.0.0:enabled", "2.0.0:disabled");
        assertThat(fold.versions(A.value())).extracting(v -> v.version() + ":" + v.statusReason())
                .containsExactlyInAnyOrder("1.0.0:null", "2.0.0:drift");

        ValidationTarget target = fold.target(A.value());
        assertThat(target.enabled()).isTrue();
        assertThat(target.retired()).isFalse();
        assertThat(target.defaultVersion()).isEqualTo("1.0.0");
        assertThat(target.versions().get("2.0.0").enabled()).isFalse();
        assertThat(target.versions().get("2.0.0").maxFps()).isEqualTo(25);
        assertThat(target.versions().get("1.0.0").declaresSchema()).isTrue();
        assertThat(target.versions().get("1.0.0").configSchema()).isEqualTo("{\"type\":\"object\"}");
    }

    @Test
    void aFoldWithoutDeclarationsKeepsWhatAListFiltersOnAndNoneOfWhatVersionsDeclare() {
        append(10, new ModelRegistered(A, "Geo-Fencing", "zones", List.of("person_detection"), Map.of("team", "x")));
        append(11, added(A, V1, 15));
        append(12, added(A, V2, 30));
        append(13, new ModelEnabled(A));
        append(14, new ModelVersionDisabled(A, V2, "regression", false));

        RegistryFold whole = RegistryFold.of(log);
        RegistryFold bare = RegistryFold.withoutDeclarations();
        log.forEach(bare::apply);

        ModelView full = whole.view(A.value());
        ModelView summary = bare.view(A.value());
        assertThat(summary.configSchema()).isNull();
        assertThat(full.configSchema()).isNotNull();
        assertThat(summary).usingRecursiveComparison().ignoringFields("configSchema", "versions").isEqualTo(full);
        assertThat(bare.model(A.value()).state().versions().values())
                .allSatisfy(v -> assertThat(v.content()).isEqualTo(VersionContent.NONE))
                .extracting(v -> v.enabled()).containsExactly(false, true);
        assertThat(bare.copy().view(A.value()).configSchema()).isNull();
    }
}
