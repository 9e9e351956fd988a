package org.vas.registry.model.command;

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
            null, null, null, null);

    private FixtureConfiguration<ModelAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ModelAggregate.class);
        fixture.registerInjectableResource(new ConfigSchemaCompiler());
    }

    @Test
    void canRegisterAModelWhichStartsDisabled() {
        fixture.givenNoPriorActivity()
                .when(new RegisterModel(ID, " Geo-Fencing ", "Zones", List.of("person_detection",
                        "person_detection"), Map.of("team", "ruth")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(REGISTERED)
                .expectState(model -> org.assertj.core.api.Assertions.assertThat(model).extracting("state.enabled")
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
                .expectEvents(new ModelVersionAdded(ID, rc, null, null, null, null, null, null, null));
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
                .expectEvents(new ModelVersionDisabled(ID, V1, "accuracy regression"));
        fixture.given(REGISTERED, V1_ADDED, new ModelVersionDisabled(ID, V1, "accuracy regression"))
                .when(new EnableVersion(ID, V1, null))
                .expectEvents(new ModelVersionEnabled(ID, V1));
    }

    @Test
    void cannotRecordRepeatingAVersionsCurrentState() {
        fixture.given(REGISTERED, V1_ADDED).when(new EnableVersion(ID, V1, null)).expectNoEvents();
        fixture.given(REGISTERED, V1_ADDED, new ModelVersionDisabled(ID, V1, "x"))
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
                new RetireModel(ID, "again", null));
        for (ModelCommand command : commands) {
            fixture.given(REGISTERED, V1_ADDED, new ModelRetired(ID, "gone"))
                    .when(command)
                    .expectException(ModelRetiredException.class)
                    .expectNoEvents();
        }
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
