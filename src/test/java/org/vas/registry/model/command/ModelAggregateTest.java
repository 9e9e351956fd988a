package org.vas.registry.model.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.Performance;
import org.vas.registry.model.VersionNotFoundException;
import org.vas.registry.kernel.VersionNumber;
import org.vas.registry.model.event.AliasMoved;
import org.vas.registry.model.event.AliasRemoved;
import org.vas.registry.model.event.DefaultVersionChanged;
import org.vas.registry.model.event.ModelDisabled;
import org.vas.registry.model.event.ModelEnabled;
import org.vas.registry.model.event.ModelMetadataUpdated;
import org.vas.registry.model.event.ModelRegistered;
import org.vas.registry.model.event.ModelRetired;
import org.vas.registry.model.event.ModelVersionAdded;
import org.vas.registry.model.event.ModelVersionDisabled;
import org.vas.registry.model.event.ModelVersionEnabled;
import org.vas.registry.schema.ConfigSchemaCompiler;

class ModelAggregateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelId ID = ModelId.of("geo_fencing");
    private static final VersionNumber V1 = VersionNumber.of("1.0.0");
    private static final ModelRegistered REGISTERED = new ModelRegistered(ID, "Geo-Fencing", "Zones",
            List.of("person_detection"), Map.of("team", "ruth"));
    private static final JsonNode SCHEMA = json("{\"zones\": {\"type\": \"array\"}}");
    private static final Performance PERFORMANCE = new Performance(5, 15, 100);
    private static final ModelVersionAdded V1_ADDED = new ModelVersionAdded(ID, V1, SCHEMA, PERFORMANCE, null,
            null, null, null, null, false);

    private static final VersionNumber V2 = VersionNumber.of("2.0.0");
    private static final ModelVersionAdded V2_ADDED = new ModelVersionAdded(ID, V2, null, null, null, null, null,
            null, null, false);

    private FixtureConfiguration<ModelAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ModelAggregate.class);
        fixture.registerInjectableResource(new ConfigSchemaCompiler(JSON));
    }

    @Test
    void canRegisterAModelWhichStartsDisabled() {
        fixture.givenNoPriorActivity()
                .when(new RegisterModel(ID, " Geo-Fencing ", "Zones", List.of("person_detection",
                        "person_detection"), Map.of("team", "ruth")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(REGISTERED)
                .expectState(model -> assertThat(model).extracting("state.enabled")
                        .isEqualTo(false));
    }

    @Test
    void canUpdateMetadataRecordingOnlyTheFieldsThatChanged() {
        fixture.given(REGISTERED)
                .when(new UpdateModelMetadata(ID, "Geo-Fencing", "New description", List.of("person_detection"),
                        null, false, null))
                .expectEvents(new ModelMetadataUpdated(ID, null, "New description", null, null));
    }

    @Test
    void cannotRecordAnUpdateThatChangesNothing() {
        fixture.given(REGISTERED)
                .when(new UpdateModelMetadata(ID, "Geo-Fencing", "Zones", List.of("person_detection"),
                        Map.of("team", "ruth"), false, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canRenameAModelThatHasNoDescription() {
        ModelRegistered undescribed = new ModelRegistered(ID, "Geo-Fencing", null, List.of(), Map.of());
        fixture.given(undescribed, new ModelMetadataUpdated(ID, "Renamed", null, null, null))
                .when(new UpdateModelMetadata(ID, "Renamed again", null, null, null, false, null))
                .expectEvents(new ModelMetadataUpdated(ID, "Renamed again", null, null, null));
    }

    @Test
    void canMergeTagsWhereANullValueRemovesATag() {
        Map<String, String> changes = new HashMap<>();
        changes.put("team", null);
        changes.put("site", "north");
        fixture.given(REGISTERED)
                .when(new UpdateModelMetadata(ID, null, null, null, changes, false, null))
                .expectEvents(new ModelMetadataUpdated(ID, null, null, null, Map.of("site", "north")));
    }

    @Test
    void canReplaceAllTags() {
        fixture.given(REGISTERED)
                .when(new UpdateModelMetadata(ID, null, null, null, Map.of(), true, null))
                .expectEvents(new ModelMetadataUpdated(ID, null, null, null, Map.of()));
    }

    @Test
    void canClearTheDescription() {
        fixture.given(REGISTERED)
                .when(new UpdateModelMetadata(ID, null, "", null, null, false, null))
                .expectEvents(new ModelMetadataUpdated(ID, null, "", null, null));
    }

    @Test
    void canAddAVersionWhichStartsEnabled() {
        fixture.given(REGISTERED)
                .when(new AddModelVersion(ID, V1, SCHEMA, PERFORMANCE, null, null, null, null, null, null))
                .expectResultMessagePayload(true)
                .expectEvents(V1_ADDED);
    }

    @Test
    void canAddAPreReleaseVersion() {
        VersionNumber rc = VersionNumber.of("2.0.0-rc.1");
        fixture.given(REGISTERED)
                .when(new AddModelVersion(ID, rc, null, null, null, null, null, null, null, null))
                .expectEvents(new ModelVersionAdded(ID, rc, null, null, null, null, null, null, null, false));
    }

    @Test
    void cannotRecordTheSameVersionWithTheSameContentTwice() {
        fixture.given(REGISTERED, V1_ADDED)
                .when(new AddModelVersion(ID, V1, SCHEMA.deepCopy(), new Performance(5, 15, 100), null, null, null,
                        null, null, null))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void cannotAddOtherContentUnderAnExistingVersion() {
        fixture.given(REGISTERED, V1_ADDED)
                .when(new AddModelVersion(ID, V1, SCHEMA, new Performance(5, 30, 100), null, null, null, null, null,
                        null))
                .expectException(VersionConflictException.class)
                .expectNoEvents();
    }

    @Test
    void cannotAddAVersionWhoseConfigSchemaDoesNotCompile() {
        fixture.given(REGISTERED)
                .when(new AddModelVersion(ID, V1, json("{\"type\": \"object\", \"minProperties\": \"many\"}"), null,
                        null, null, null, null, null, null))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void cannotAddAVersionWhoseConfigSchemaFetchesARemoteReference() {
        fixture.given(REGISTERED)
                .when(new AddModelVersion(ID, V1, json("{\"$ref\": \"http://127.0.0.1:9/schema.json\"}"), null,
                        null, null, null, null, null, null))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void canEnableADisabledModel() {
        fixture.given(REGISTERED).when(new EnableModel(ID, null)).expectEvents(new ModelEnabled(ID));
    }

    @Test
    void cannotRecordEnablingAnEnabledModel() {
        fixture.given(REGISTERED, new ModelEnabled(ID)).when(new EnableModel(ID, null))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void canDisableAnEnabledModelWithAReason() {
        fixture.given(REGISTERED, new ModelEnabled(ID))
                .when(new DisableModel(ID, "false positives at night", null))
                .expectEvents(new ModelDisabled(ID, "false positives at night"));
    }

    @Test
    void cannotRecordDisablingADisabledModel() {
        fixture.given(REGISTERED).when(new DisableModel(ID, "again", null))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void cannotDisableWithoutAReason() {
        assertThatThrownBy(() -> new DisableModel(ID, " ", null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new DisableVersion(ID, V1, null, null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new RetireModel(ID, "", null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void canDisableAndReEnableAVersion() {
        fixture.given(REGISTERED, V1_ADDED)
                .when(new DisableVersion(ID, V1, "accuracy regression", null))
                .expectEvents(new ModelVersionDisabled(ID, V1, "accuracy regression", false));
        fixture.given(REGISTERED, V1_ADDED, new ModelVersionDisabled(ID, V1, "accuracy regression", false))
                .when(new EnableVersion(ID, V1, null))
                .expectEvents(new ModelVersionEnabled(ID, V1, false));
    }

    @Test
    void cannotRecordRepeatingAVersionsCurrentState() {
        fixture.given(REGISTERED, V1_ADDED).when(new EnableVersion(ID, V1, null)).expectNoEvents();
        fixture.given(REGISTERED, V1_ADDED, new ModelVersionDisabled(ID, V1, "x", false))
                .when(new DisableVersion(ID, V1, "y", null)).expectNoEvents();
    }

    @Test
    void cannotChangeAVersionTheModelDoesNotHave() {
        fixture.given(REGISTERED).when(new EnableVersion(ID, V1, null))
                .expectException(VersionNotFoundException.class);
    }

    @Test
    void canRetireAModel() {
        fixture.given(REGISTERED, new ModelEnabled(ID)).when(new RetireModel(ID, "replaced by v2 line", null))
                .expectEvents(new ModelRetired(ID, "replaced by v2 line"));
    }

    @Test
    void cannotCommandARetiredModel() {
        List<ModelCommand> commands = List.of(
                new UpdateModelMetadata(ID, "New", null, null, null, false, null),
                new AddModelVersion(ID, VersionNumber.of("2.0.0"), null, null, null, null, null, null, null, null),
                new EnableModel(ID, null),
                new DisableModel(ID, "x", null),
                new EnableVersion(ID, V1, null),
                new DisableVersion(ID, V1, "x", null),
                new RetireModel(ID, "again", null),
                new PromoteVersion(ID, V1, "x", null),
                new MoveAlias(ID, "canary", V1, "x", null),
                new RemoveAlias(ID, "canary", "x", null));
        for (ModelCommand command : commands) {
            fixture.given(REGISTERED, V1_ADDED, new ModelRetired(ID, "gone"))
                    .when(command)
                    .expectException(ModelRetiredException.class)
                    .expectNoEvents();
        }
    }

    @Test
    void canPromoteAnEnabledVersionRecordingThePreviousDefault() {
        fixture.given(REGISTERED, V1_ADDED, V2_ADDED)
                .when(new PromoteVersion(ID, V2, "2.0.0 passed the canary", null))
                .expectEvents(new DefaultVersionChanged(ID, V2, V1, "2.0.0 passed the canary"))
                .expectState(model -> assertThat(model).extracting("state.defaultVersion").isEqualTo(V2));
    }

    @Test
    void canRollBackByPromotingThePreviousDefaultAgain() {
        fixture.given(REGISTERED, V1_ADDED, V2_ADDED, new DefaultVersionChanged(ID, V2, V1, "rollout"))
                .when(new PromoteVersion(ID, V1, "false alarms on 2.0.0", null))
                .expectEvents(new DefaultVersionChanged(ID, V1, V2, "false alarms on 2.0.0"));
    }

    @Test
    void addingAVersionNeverMovesTheDefaultByItself() {
        fixture.given(REGISTERED, V1_ADDED)
                .when(new AddModelVersion(ID, V2, null, null, null, null, null, null, null, null))
                .expectEvents(V2_ADDED)
                .expectState(model -> assertThat(model).extracting("state.defaultVersion").isEqualTo(V1));
    }

    @Test
    void cannotRecordPromotingTheDefault() {
        fixture.given(REGISTERED, V1_ADDED).when(new PromoteVersion(ID, V1, "again", null))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void cannotPromoteOrPointAnAliasAtADisabledVersion() {
        fixture.given(REGISTERED, V1_ADDED, V2_ADDED, new ModelVersionDisabled(ID, V2, "drift", false))
                .when(new PromoteVersion(ID, V2, "rollout", null))
                .expectException(VersionDisabledException.class).expectNoEvents();
        fixture.given(REGISTERED, V1_ADDED, V2_ADDED, new ModelVersionDisabled(ID, V2, "drift", false))
                .when(new MoveAlias(ID, "canary", V2, "try", null))
                .expectException(VersionDisabledException.class).expectNoEvents();
    }

    @Test
    void cannotPromoteOrPointAnAliasAtAnUnknownVersion() {
        fixture.given(REGISTERED, V1_ADDED).when(new PromoteVersion(ID, V2, "rollout", null))
                .expectException(VersionNotFoundException.class).expectNoEvents();
        fixture.given(REGISTERED, V1_ADDED).when(new MoveAlias(ID, "canary", V2, "try", null))
                .expectException(VersionNotFoundException.class).expectNoEvents();
    }

    @Test
    void canDisableTheDefaultVersionWhichStaysTheDefault() {
        fixture.given(REGISTERED, V1_ADDED, V2_ADDED)
                .when(new DisableVersion(ID, V1, "accuracy regression", null))
                .expectEvents(new ModelVersionDisabled(ID, V1, "accuracy regression", false))
                .expectState(model -> assertThat(model).extracting("state.defaultVersion").isEqualTo(V1));
    }

    @Test
    void canCreateMoveAndRemoveAnAliasRecordingWhereItPointedBefore() {
        fixture.given(REGISTERED, V1_ADDED, V2_ADDED)
                .when(new MoveAlias(ID, "canary", V2, "try 2.0.0 on two cameras", null))
                .expectEvents(new AliasMoved(ID, "canary", V2, null, "try 2.0.0 on two cameras"));
        fixture.given(REGISTERED, V1_ADDED, V2_ADDED, new AliasMoved(ID, "canary", V2, null, "try"))
                .when(new MoveAlias(ID, "canary", V1, "back", null))
                .expectEvents(new AliasMoved(ID, "canary", V1, V2, "back"));
        fixture.given(REGISTERED, V1_ADDED, V2_ADDED, new AliasMoved(ID, "canary", V2, null, "try"))
                .when(new RemoveAlias(ID, "canary", "canary over", null))
                .expectEvents(new AliasRemoved(ID, "canary", V2, "canary over"));
    }

    @Test
    void cannotRecordAnAliasMoveOrRemovalThatChangesNothing() {
        fixture.given(REGISTERED, V1_ADDED, new AliasMoved(ID, "canary", V1, null, "try"))
                .when(new MoveAlias(ID, "canary", V1, "again", null)).expectNoEvents();
        fixture.given(REGISTERED, V1_ADDED).when(new RemoveAlias(ID, "canary", "none", null))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void anAliasIsANameOfLowercaseLettersDigitsDashesAndUnderscoresAndNeverDefault() {
        for (String bad : List.of("", "Canary", "1st", "a".repeat(33), "can ary", "default", "@canary")) {
            assertThatThrownBy(() -> new MoveAlias(ID, bad, V1, "x", null)).as(bad)
                    .isInstanceOf(InvalidInputException.class)
                    .extracting("code").isEqualTo("INVALID_ALIAS");
        }
        assertThat(new MoveAlias(ID, "a".repeat(32), V1, "x", null).alias()).hasSize(32);
        assertThat(new MoveAlias(ID, "canary_2-eu", V1, "x", null).alias()).isEqualTo("canary_2-eu");
    }

    @Test
    void cannotPromoteOrMoveAnAliasWithoutAReason() {
        assertThatThrownBy(() -> new PromoteVersion(ID, V1, " ", null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new MoveAlias(ID, "canary", V1, null, null))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new RemoveAlias(ID, "canary", "", null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void canCommandAtTheCurrentRevision() {
        fixture.given(REGISTERED, V1_ADDED).when(new EnableModel(ID, 1L)).expectEvents(new ModelEnabled(ID));
    }

    @Test
    void cannotCommandAtAStaleOrFutureRevision() {
        fixture.given(REGISTERED, V1_ADDED).when(new EnableModel(ID, 0L))
                .expectException(RevisionMismatchException.class).expectNoEvents();
        fixture.given(REGISTERED, V1_ADDED).when(new EnableModel(ID, 7L))
                .expectException(RevisionMismatchException.class).expectNoEvents();
    }

    @Test
    void cannotRepeatTheCurrentStateAtAStaleRevision() {
        fixture.given(REGISTERED, new ModelEnabled(ID)).when(new EnableModel(ID, 0L))
                .expectException(RevisionMismatchException.class);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
