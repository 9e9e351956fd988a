package org.vas.registry.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;
import org.vas.registry.model.Performance;
import org.vas.registry.model.event.AliasMoved;
import org.vas.registry.model.event.ModelEnabled;
import org.vas.registry.model.event.ModelEvent;
import org.vas.registry.model.event.ModelRegistered;
import org.vas.registry.model.event.ModelRetired;
import org.vas.registry.model.event.ModelVersionAdded;
import org.vas.registry.model.event.ModelVersionDisabled;
import org.vas.registry.model.query.ValidationTarget;
import org.vas.registry.model.state.ModelState;
import org.vas.registry.schema.ConfigSchemaCompiler;

/**
 * Every rule of assignment validation, in memory: the models are folded from events and handed to the validator
 * as the source it judges against, with their schemas at hand, so no database is read.
 */
class AssignmentValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AssignmentValidator validator = new AssignmentValidator(null,
            new CompiledSchemas(new ConfigSchemaCompiler(JSON), meters, DataSize.ofMegabytes(1),
                    DataSize.ofMegabytes(1), DataSize.ofMegabytes(1), TimeMeter.SYSTEM_NANOTIME),
            new ValidationMetrics(meters), new SpareCores(1));
    private final Map<String, ValidationTarget> models = new HashMap<>();

    private void model(ModelEvent... events) {
        ModelState state = null;
        for (int i = 0; i < events.length; i++) {
            state = ModelState.evolve(state, events[i], i, T0.plusSeconds(i));
        }
        models.put(state.modelId().value(), ValidationTarget.of(state));
    }

    private static ModelRegistered registered(String id) {
        return new ModelRegistered(ModelId.of(id), "Name", "", List.of("detection"), Map.of());
    }

    private static ModelVersionAdded added(String id, String version, int maxFps, JsonNode schema) {
        return new ModelVersionAdded(ModelId.of(id), VersionNumber.of(version), schema,
                new Performance(5, maxFps, 100), null, null, null, null, null, false);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private ValidationResult judge(String modelId, String version, Integer fps, Integer priority, String params) {
        return validator.validateAll(List.of(new Assignment(UUID.randomUUID(), modelId, true, fps, priority,
                params == null ? null : json(params), version)), ids -> models).get(0);
    }

    private static List<String> codes(ValidationResult result) {
        return result.violations().stream().map(Violation::code).toList();
    }

    @Test
    void anEnabledModelsDefaultVersionAcceptsAnAssignmentThatKeepsItsRules() {
        model(registered("zones"), added("zones", "1.0.0", 15, json("{\"properties\":{\"t\":{\"type\":\"number\"}}}")),
                added("zones", "1.1.0-rc.1", 15, null), new ModelEnabled(ModelId.of("zones")));

        ValidationResult result = judge("zones", null, 15, 100, "{\"t\":0.5}");

        assertThat(result.valid()).isTrue();
        assertThat(result.resolvedVersion()).isEqualTo("1.0.0");
        assertThat(result.violations()).isEmpty();
    }

    @Test
    void anUnknownModelIsInvalidAndTheAssignmentsOwnRangesAreStillReported() {
        ValidationResult result = judge("nobody", null, 31, -1, null);

        assertThat(result.valid()).isFalse();
        assertThat(result.resolvedVersion()).isNull();
        assertThat(codes(result)).containsExactly("UNKNOWN_MODEL", "INVALID_FPS", "INVALID_PRIORITY");
    }

    @Test
    void aRetiredModelIsInvalidWhateverItsVersions() {
        model(registered("old"), added("old", "1.0.0", 15, null), new ModelEnabled(ModelId.of("old")),
                new ModelRetired(ModelId.of("old"), "replaced"));

        ValidationResult result = judge("old", "1.0.0", 10, null, null);

        assertThat(codes(result)).containsExactly("MODEL_RETIRED");
        assertThat(result.resolvedVersion()).isNull();
    }

    @Test
    void aDisabledModelIsInvalidButStillNamesTheVersionItWouldRun() {
        model(registered("off"), added("off", "1.0.0", 15, null));

        ValidationResult result = judge("off", null, 10, null, null);

        assertThat(codes(result)).containsExactly("MODEL_DISABLED");
        assertThat(result.resolvedVersion()).isEqualTo("1.0.0");
    }

    @Test
    void withoutAVersionThereIsNoDefaultToRun() {
        model(registered("empty"), new ModelEnabled(ModelId.of("empty")));

        assertThat(codes(judge("empty", null, 10, null, null))).containsExactly("NO_DEFAULT_VERSION");
    }

    @Test
    void aDisabledDefaultIsInvalidAndNothingFallsBackToAnEnabledVersion() {
        model(registered("closed"), added("closed", "1.0.0", 15, null), added("closed", "2.0.0", 15, null),
                new ModelVersionDisabled(ModelId.of("closed"), VersionNumber.of("1.0.0"), "drift", false),
                new ModelEnabled(ModelId.of("closed")));

        ValidationResult result = judge("closed", null, 10, null, null);
        assertThat(codes(result)).containsExactly("VERSION_DISABLED");
        assertThat(result.resolvedVersion()).isEqualTo("1.0.0");
        assertThat(codes(judge("closed", "@default", 10, null, null))).containsExactly("VERSION_DISABLED");
        assertThat(judge("closed", "2.0.0", 10, null, null).valid()).isTrue();
    }

    @Test
    void anAliasResolvesToItsVersionAndAnUnknownOneIsInvalid() {
        ModelId id = ModelId.of("aliased");
        model(registered("aliased"), added("aliased", "1.0.0", 15, null), added("aliased", "2.0.0", 30, null),
                new AliasMoved(id, "canary", VersionNumber.of("2.0.0"), null, "try"), new ModelEnabled(id));

        ValidationResult canary = judge("aliased", "@canary", 20, null, null);
        assertThat(canary.valid()).isTrue();
        assertThat(canary.resolvedVersion()).isEqualTo("2.0.0");
        assertThat(codes(judge("aliased", null, 20, null, null))).containsExactly("FPS_ABOVE_MAX");
        assertThat(codes(judge("aliased", "@stable", 10, null, null))).containsExactly("UNKNOWN_ALIAS");
    }

    @Test
    void aNamedVersionMustExistAndBeEnabled() {
        model(registered("named"), added("named", "1.0.0", 15, null), added("named", "2.0.0", 15, null),
                new ModelVersionDisabled(ModelId.of("named"), VersionNumber.of("2.0.0"), "drift", false),
                new ModelEnabled(ModelId.of("named")));

        assertThat(codes(judge("named", "3.0.0", 10, null, null))).containsExactly("UNKNOWN_VERSION");
        assertThat(codes(judge("named", "not-semver", 10, null, null))).containsExactly("UNKNOWN_VERSION");
        ValidationResult disabled = judge("named", "2.0.0", 10, null, null);
        assertThat(codes(disabled)).containsExactly("VERSION_DISABLED");
        assertThat(disabled.resolvedVersion()).isEqualTo("2.0.0");
    }

    @Test
    void theFpsMayNotExceedTheVersionsMaximum() {
        model(registered("fast"), added("fast", "1.0.0", 15, null), new ModelEnabled(ModelId.of("fast")));

        assertThat(codes(judge("fast", null, 16, null, null))).containsExactly("FPS_ABOVE_MAX");
        assertThat(judge("fast", null, 15, null, null).valid()).isTrue();
    }

    @Test
    void parametersAreCheckedAgainstTheVersionsSchemaAndRefusedWhereItDeclaresNone() {
        model(registered("params"), added("params", "1.0.0", 15, null),
                added("params", "2.0.0", 15, json("{\"type\":\"object\",\"required\":[\"zones\"],"
                        + "\"properties\":{\"zones\":{\"type\":\"array\"}}}")),
                new ModelEnabled(ModelId.of("params")));

        ValidationResult wrongType = judge("params", "2.0.0", 10, null, "{\"zones\":5}");
        assertThat(codes(wrongType)).containsExactly("INVALID_PARAMETERS");
        assertThat(wrongType.violations().get(0).field()).isEqualTo("parameters.zones");
        assertThat(codes(judge("params", "2.0.0", 10, null, null))).containsExactly("INVALID_PARAMETERS");
        assertThat(judge("params", "2.0.0", 10, null, "{\"zones\":[]}").valid()).isTrue();
        assertThat(codes(judge("params", "1.0.0", 10, null, "{\"zones\":[]}"))).containsExactly("INVALID_PARAMETERS");
        assertThat(judge("params", "1.0.0", 10, null, "{}").valid()).isTrue();
    }

    @Test
    void aSchemaThatCannotBeCompiledProvesNothingValid() {
        model(registered("broken"), added("broken", "1.0.0", 15, json("{\"type\":\"no-such-type\"}")),
                new ModelEnabled(ModelId.of("broken")));

        ValidationResult result = judge("broken", null, 10, null, "{}");

        assertThat(result.valid()).isFalse();
        assertThat(codes(result)).containsExactly("SCHEMA_UNAVAILABLE");
    }
}
