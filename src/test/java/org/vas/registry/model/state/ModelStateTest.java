package org.vas.registry.model.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.Performance;
import org.vas.registry.kernel.VersionNumber;
import org.vas.registry.model.event.AliasMoved;
import org.vas.registry.model.event.AliasRemoved;
import org.vas.registry.model.event.DefaultVersionChanged;
import org.vas.registry.model.event.ModelDisabled;
import org.vas.registry.model.event.ModelEnabled;
import org.vas.registry.model.event.ModelEvent;
import org.vas.registry.model.event.ModelMetadataUpdated;
import org.vas.registry.model.event.ModelRegistered;
import org.vas.registry.model.event.ModelRetired;
import org.vas.registry.model.event.ModelVersionAdded;
import org.vas.registry.model.event.ModelVersionDisabled;
import org.vas.registry.model.event.ModelVersionEnabled;

class ModelStateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelId ID = ModelId.of("geo_fencing");
    private static final VersionNumber V1 = VersionNumber.of("1.0.0");
    private static final VersionNumber V2 = VersionNumber.of("2.0.0");
    private static final VersionNumber V3_RC = VersionNumber.of("3.0.0-rc.1");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456Z");
    private static final Instant T1 = Instant.parse("2026-01-02T00:00:00Z");

    private static final ModelRegistered REGISTERED = new ModelRegistered(ID, "Geo-Fencing", "",
            List.of("person_detection"), Map.of("team", "ruth"));

    /** One example of every event; a new event type without one here fails the coverage test below. */
    private static final List<ModelEvent> ONE_OF_EACH = List.of(REGISTERED,
            new ModelMetadataUpdated(ID, "Zones", null, null, null), added(V1), new ModelEnabled(ID),
            new ModelVersionDisabled(ID, V1, "drift", false), new ModelVersionEnabled(ID, V1, false), added(V2),
            new DefaultVersionChanged(ID, V2, V1, "rollout"), new AliasMoved(ID, "canary", V1, null, "try"),
            new AliasRemoved(ID, "canary", V1, "done"), new ModelDisabled(ID, "maintenance"),
            new ModelRetired(ID, "replaced"));

    @Test
    void everyEventTypeHasARuleInTheFold() {
        Set<Class<?>> covered = ONE_OF_EACH.stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(Arrays.asList(ModelEvent.class.getPermittedSubclasses()));
        ModelState state = null;
        long revision = 0;
        for (ModelEvent event : ONE_OF_EACH) {
            ModelState next = ModelState.evolve(state, event, revision, T1);
            assertThat(next).as(event.getClass().getSimpleName()).isNotEqualTo(state);
            assertThat(next.revision()).isEqualTo(revision);
            state = next;
            revision++;
        }
    }

    @Test
    void aRegisteredModelIsDisabledWithNoVersionsAndAnEmptyDescriptionMeansNone() {
        ModelState state = ModelState.evolve(null, REGISTERED, 0, T0);
        assertThat(state.enabled()).isFalse();
        assertThat(state.retired()).isFalse();
        assertThat(state.description()).isNull();
        assertThat(state.versions()).isEmpty();
        assertThat(state.defaultVersion()).isNull();
        assertThat(state.aliases()).isEmpty();
        assertThat(state.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123Z"));
        assertThat(state.updatedAt()).isEqualTo(state.createdAt());
    }

    @Test
    void aMetadataChangeKeepsWhatItDoesNotNameAndAnEmptyDescriptionClearsIt() {
        ModelState state = fold(REGISTERED, new ModelMetadataUpdated(ID, null, "Zones", null, Map.of("a", "b")));
        assertThat(state.name()).isEqualTo("Geo-Fencing");
        assertThat(state.description()).isEqualTo("Zones");
        assertThat(state.supportedTasks()).containsExactly("person_detection");
        assertThat(state.tags()).containsExactly(Map.entry("a", "b"));
        ModelState cleared = ModelState.evolve(state, new ModelMetadataUpdated(ID, null, "", null, null), 2, T1);
        assertThat(cleared.description()).isNull();
        assertThat(cleared.updatedAt()).isEqualTo(T1);
    }

    @Test
    void theFirstVersionAddedBecomesTheDefaultAndLaterVersionsDoNot() {
        ModelState state = fold(REGISTERED, added(V2), added(V1), added(V3_RC));
        assertThat(state.defaultVersion()).isEqualTo(V2);
        assertThat(state.versions().keySet()).containsExactly(V3_RC, V2, V1);
    }

    @Test
    void aPromotionMovesTheDefaultAndNothingElse() {
        ModelState state = fold(REGISTERED, added(V1), added(V2));
        ModelState promoted = ModelState.evolve(state, new DefaultVersionChanged(ID, V2, V1, "rollout"), 3, T1);
        assertThat(promoted.defaultVersion()).isEqualTo(V2);
        assertThat(promoted.alias("default")).contains(V2);
        assertThat(promoted.versions()).isEqualTo(state.versions());
        assertThat(promoted.updatedAt()).isEqualTo(T1);
        ModelState rolledBack = ModelState.evolve(promoted, new DefaultVersionChanged(ID, V1, V2, "back"), 4, T1);
        assertThat(rolledBack.defaultVersion()).isEqualTo(V1);
    }

    @Test
    void disablingOrEnablingAVersionLeavesTheDefaultAndTheAliasesWhereTheyPoint() {
        ModelState state = fold(REGISTERED, added(V1), added(V2), new AliasMoved(ID, "canary", V2, null, "try"));
        state = ModelState.evolve(state, new ModelVersionDisabled(ID, V1, "drift", false), 4, T1);
        state = ModelState.evolve(state, new ModelVersionDisabled(ID, V2, "drift", false), 5, T1);
        assertThat(state.defaultVersion()).isEqualTo(V1);
        assertThat(state.alias("canary")).contains(V2);
        state = ModelState.evolve(state, new ModelVersionEnabled(ID, V2, false), 6, T1);
        assertThat(state.defaultVersion()).isEqualTo(V1);
    }

    @Test
    void aliasesAreMovedAndRemovedByName() {
        ModelState state = fold(REGISTERED, added(V1), added(V2), new AliasMoved(ID, "canary", V2, null, "try"),
                new AliasMoved(ID, "stable", V1, null, "pin"), new AliasMoved(ID, "canary", V1, V2, "back"));
        assertThat(state.aliases()).containsExactly(Map.entry("canary", V1), Map.entry("stable", V1));
        state = ModelState.evolve(state, new AliasRemoved(ID, "canary", V1, "done"), 6, T1);
        assertThat(state.aliases()).containsExactly(Map.entry("stable", V1));
        assertThat(state.alias("canary")).isEmpty();
        assertThat(state.alias("default")).contains(V1);
    }

    @Test
    void aDefaultOrAliasForAnUnknownVersionIsRefused() {
        ModelState state = fold(REGISTERED, added(V1));
        assertThatThrownBy(() -> ModelState.evolve(state, new DefaultVersionChanged(ID, V2, V1, "x"), 2, T1))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ModelState.evolve(state, new AliasMoved(ID, "canary", V2, null, "x"), 2, T1))
                .isInstanceOf(IllegalStateException.class);
    }

    /** Events written before explicit defaults are read with implicit_default, and fold as the old rule did. */
    @Test
    void eventsWrittenBeforeExplicitDefaultsMoveTheDefaultToTheHighestEnabledReleaseAsTheyDid() {
        ModelState state = fold(REGISTERED, oldAdded(V1), oldAdded(V2), oldAdded(V3_RC));
        assertThat(state.defaultVersion()).isEqualTo(V2);
        state = ModelState.evolve(state, new ModelVersionDisabled(ID, V2, "drift", true), 4, T1);
        assertThat(state.defaultVersion()).isEqualTo(V1);
        state = ModelState.evolve(state, new ModelVersionDisabled(ID, V1, "drift", true), 5, T1);
        assertThat(state.defaultVersion()).isEqualTo(V3_RC);
        state = ModelState.evolve(state, new ModelVersionDisabled(ID, V3_RC, "drift", true), 6, T1);
        assertThat(state.defaultVersion()).isNull();
        state = ModelState.evolve(state, new ModelVersionEnabled(ID, V1, true), 7, T1);
        assertThat(state.defaultVersion()).isEqualTo(V1);
    }

    @Test
    void afterTheOldEventsTheDefaultTheyLeftStaysUntilAPromotion() {
        ModelState state = fold(REGISTERED, oldAdded(V1), oldAdded(V2), added(V3_RC));
        assertThat(state.defaultVersion()).isEqualTo(V2);
        state = ModelState.evolve(state, new ModelVersionDisabled(ID, V2, "drift", false), 4, T1);
        assertThat(state.defaultVersion()).isEqualTo(V2);
    }

    @Test
    void aModelTheOldRuleLeftWithoutADefaultTakesTheNextVersionAdded() {
        ModelState state = fold(REGISTERED, oldAdded(V1), new ModelVersionDisabled(ID, V1, "drift", true));
        assertThat(state.defaultVersion()).isNull();
        state = ModelState.evolve(state, new ModelVersionEnabled(ID, V1, false), 3, T1);
        assertThat(state.defaultVersion()).isNull();
        state = ModelState.evolve(state, added(V2), 4, T1);
        assertThat(state.defaultVersion()).isEqualTo(V2);
    }

    @Test
    void aVersionStatusChangeKeepsTheReasonAndTheTimeAndLeavesTheOtherVersionsAsTheyWere() {
        ModelState state = fold(REGISTERED, added(V1), added(V2));
        ModelState disabled = ModelState.evolve(state, new ModelVersionDisabled(ID, V1, "drift", false), 3, T1);
        VersionState v1 = disabled.versions().get(V1);
        assertThat(v1.enabled()).isFalse();
        assertThat(v1.statusReason()).isEqualTo("drift");
        assertThat(v1.updatedAt()).isEqualTo(T1);
        assertThat(v1.createdAt()).isEqualTo(state.versions().get(V1).createdAt());
        assertThat(disabled.versions().get(V2)).isSameAs(state.versions().get(V2));
        VersionState enabledAgain = ModelState.evolve(disabled, new ModelVersionEnabled(ID, V1, false), 4, T1)
                .versions().get(V1);
        assertThat(enabledAgain.enabled()).isTrue();
        assertThat(enabledAgain.statusReason()).isNull();
    }

    @Test
    void disablingEnablingAndRetiringSetTheStatusAndItsReason() {
        ModelState enabled = fold(REGISTERED, new ModelEnabled(ID));
        assertThat(enabled.enabled()).isTrue();
        ModelState disabled = ModelState.evolve(enabled, new ModelDisabled(ID, "maintenance"), 2, T1);
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.statusReason()).isEqualTo("maintenance");
        ModelState retired = ModelState.evolve(ModelState.evolve(disabled, new ModelEnabled(ID), 3, T1),
                new ModelRetired(ID, "replaced"), 4, T1);
        assertThat(retired.retired()).isTrue();
        assertThat(retired.enabled()).isFalse();
        assertThat(retired.statusReason()).isEqualTo("replaced");
    }

    @Test
    void aJsonNullDocumentAndAMissingOneAreTheSameContent() {
        JsonNode schema = JSON.createObjectNode().put("type", "object");
        VersionContent declared = new VersionContent(schema, new Performance(5, 15, null), null, null, null,
                null, null);
        VersionContent readBack = new VersionContent(schema, new Performance(5, 15, null), NullNode.instance,
                NullNode.instance, null, NullNode.instance, null);
        assertThat(readBack).isEqualTo(declared);
        assertThat(readBack.input()).isNull();
        assertThat(declared.maxFps()).isEqualTo(15);
    }

    @Test
    void anEventBeforeTheRegistrationOrASecondRegistrationIsRefused() {
        assertThatThrownBy(() -> ModelState.evolve(null, new ModelEnabled(ID), 0, T0))
                .isInstanceOf(IllegalStateException.class);
        ModelState state = fold(REGISTERED);
        assertThatThrownBy(() -> ModelState.evolve(state, REGISTERED, 1, T0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStateSharesTheMapsItsEventLeftAsTheyWere() {
        ModelState state = fold(REGISTERED, added(V1), added(V2), new AliasMoved(ID, "canary", V1, null, "try"));
        ModelState disabled = ModelState.evolve(state, new ModelDisabled(ID, "maintenance"), 4, T1);

        assertThat(disabled.versions()).isSameAs(state.versions());
        assertThat(disabled.tags()).isSameAs(state.tags());
        assertThat(disabled.aliases()).isSameAs(state.aliases());
    }

    @Test
    void aStateKeepsItsOwnCopyOfAMapItIsHanded() {
        TreeMap<String, String> tags = new TreeMap<>(Map.of("team", "ruth"));
        ModelState state = new ModelState(ID, "Zones", null, List.of(), tags, false, false, null, 0, T0, T0,
                Map.of(), null, Map.of());
        tags.put("site", "north");

        assertThat(state.tags()).containsExactly(Map.entry("team", "ruth"));
        assertThatThrownBy(() -> state.tags().put("site", "north")).isInstanceOf(UnsupportedOperationException.class);
    }

    private static ModelState fold(ModelEvent... events) {
        ModelState state = null;
        for (int i = 0; i < events.length; i++) {
            state = ModelState.evolve(state, events[i], i, T0);
        }
        return state;
    }

    private static ModelVersionAdded added(VersionNumber version) {
        return new ModelVersionAdded(ID, version, JSON.createObjectNode().put("type", "object"),
                new Performance(5, 15, 100), null, null, null, null, null, false);
    }

    private static ModelVersionAdded oldAdded(VersionNumber version) {
        return new ModelVersionAdded(ID, version, JSON.createObjectNode().put("type", "object"),
                new Performance(5, 15, 100), null, null, null, null, null, true);
    }
}
