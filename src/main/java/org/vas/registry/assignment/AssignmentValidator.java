package org.vas.registry.assignment;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;
import org.vas.registry.model.ModelNotFoundException;
import org.vas.registry.model.VersionNotFoundException;
import org.vas.registry.model.query.ValidationReads;
import org.vas.registry.model.query.ValidationTarget;
import org.vas.registry.model.state.ModelState;
import org.vas.registry.schema.ConfigSchema;

/**
 * Decides whether assignments are valid. It fails closed: whatever the registry cannot prove valid (an unknown
 * model or version, a schema it cannot compile) is invalid, and a database it cannot read is an error, never a
 * yes.
 */
@Component
public class AssignmentValidator {

    static final int MIN_FPS = 1;
    static final int MAX_FPS = 30;
    static final int MIN_PRIORITY = 0;
    static final int MAX_PRIORITY = 100;

    private final ValidationReads queries;
    private final CompiledSchemas schemas;
    private final ValidationMetrics metrics;
    private final SpareCores cores;

    AssignmentValidator(ValidationReads queries, CompiledSchemas schemas, ValidationMetrics metrics,
                        SpareCores cores) {
        this.queries = queries;
        this.schemas = schemas;
        this.metrics = metrics;
        this.cores = cores;
    }

    /**
     * Results in the order of the assignments, from one read of the models they name. That read is a single
     * statement, so it needs no transaction around it.
     */
    public List<ValidationResult> validateAll(List<Assignment> assignments) {
        return validateAll(assignments, queries::validationTargets);
    }

    /**
     * Validation against models as some source knows them: the read model, or the registry as it was at a past
     * instant, rebuilt from the log.
     */
    public List<ValidationResult> validateAll(List<Assignment> assignments,
                                              Function<Collection<String>, Map<String, ValidationTarget>> source) {
        Map<String, ValidationTarget> targets = source.apply(
                assignments.stream().map(Assignment::modelId).distinct().toList());
        CompiledSchemas.SchemaSet held = schemas.forCall();
        read(assignments, targets, held);
        List<ValidationResult> results = cores.map(assignments,
                assignment -> judge(assignment, targets.get(assignment.modelId()), held));
        metrics.record(results);
        return results;
    }

    /**
     * Each assignment judged twice, against the read model as it is and as it would be with {@code version} for
     * the model's default. Nothing is written, and nothing is counted as a validation.
     */
    public RolloutPreview preview(List<Assignment> assignments, ModelId modelId, VersionNumber version) {
        List<String> ids = Stream.concat(Stream.of(modelId.value()), assignments.stream().map(Assignment::modelId))
                .distinct().toList();
        Map<String, ValidationTarget> now = queries.validationTargets(ids);
        ValidationTarget model = now.get(modelId.value());
        if (model == null) {
            throw new ModelNotFoundException(modelId);
        }
        if (!model.versions().containsKey(version.value())) {
            throw new VersionNotFoundException(modelId, version);
        }
        Map<String, ValidationTarget> then = new HashMap<>(now);
        then.put(modelId.value(), model.withDefault(version.value()));
        CompiledSchemas.SchemaSet held = schemas.forCall();
        read(assignments, now, held);
        read(assignments, then, held);
        return RolloutPreview.of(modelId.value(), version.value(), model.defaultVersion(),
                cores.map(assignments, assignment -> RolloutPreview.PreviewResult.of(
                        judge(assignment, now.get(assignment.modelId()), held),
                        judge(assignment, then.get(assignment.modelId()), held))));
    }

    /**
     * Every schema the assignments resolve to, read on the caller's thread before any is judged: judging, which
     * may run on other threads, then reads no database, so an outage fails the call here and nowhere else.
     */
    private void read(List<Assignment> assignments, Map<String, ValidationTarget> targets,
                      CompiledSchemas.SchemaSet held) {
        List<Violation> ignored = new ArrayList<>();
        for (Assignment assignment : assignments) {
            ValidationTarget model = targets.get(assignment.modelId());
            ValidationTarget.Version version = usableVersion(assignment, model, ignored);
            ignored.clear();
            if (version != null && version.declaresSchema()) {
                held.read(version.schemaDigest(), () -> version.configSchema() != null ? version.configSchema()
                        : queries.configSchema(model.modelId(), version.version()));
            }
        }
    }

    private static ValidationResult judge(Assignment assignment, ValidationTarget model,
                                          CompiledSchemas.SchemaSet held) {
        List<Violation> violations = new ArrayList<>();
        if (assignment.desiredFps() != null
                && (assignment.desiredFps() < MIN_FPS || assignment.desiredFps() > MAX_FPS)) {
            violations.add(new Violation("INVALID_FPS", "desired_fps must be between " + MIN_FPS + " and "
                    + MAX_FPS + ", was " + assignment.desiredFps(), "desired_fps"));
        }
        if (assignment.priority() != null
                && (assignment.priority() < MIN_PRIORITY || assignment.priority() > MAX_PRIORITY)) {
            violations.add(new Violation("INVALID_PRIORITY", "priority must be between " + MIN_PRIORITY + " and "
                    + MAX_PRIORITY + ", was " + assignment.priority(), "priority"));
        }
        ValidationTarget.Version version = usableVersion(assignment, model, violations);
        if (version != null) {
            checkFps(assignment, version, violations);
            checkParameters(assignment, version, held, violations);
        }
        return ValidationResult.of(model == null ? assignment.modelId() : model.modelId(),
                version == null ? null : version.version(), violations);
    }

    /**
     * The version whose rules the assignment is judged by, or null when there is none: no such model, a retired
     * one, or no version to resolve to. Reading the schemas before judging asks the same, so the two cannot differ.
     */
    private static ValidationTarget.Version usableVersion(Assignment assignment, ValidationTarget model,
                                                          List<Violation> violations) {
        if (model == null) {
            violations.add(0, new Violation("UNKNOWN_MODEL", "Model '" + assignment.modelId()
                    + "' is not registered", "model_id"));
            return null;
        }
        if (model.retired()) {
            violations.add(0, new Violation("MODEL_RETIRED", "Model '" + model.modelId() + "' is retired",
                    "model_id"));
            return null;
        }
        if (!model.enabled()) {
            violations.add(0, new Violation("MODEL_DISABLED", "Model '" + model.modelId() + "' is disabled",
                    "model_id"));
        }
        return resolve(assignment, model, violations);
    }

    /**
     * The version the assignment names, or the one its alias ({@code @canary}; none or {@code @default}: the
     * default) points at. A disabled version is a violation however it was reached: nothing falls back to another.
     */
    private static ValidationTarget.Version resolve(Assignment assignment, ValidationTarget model,
                                                    List<Violation> violations) {
        String requested = assignment.modelVersion();
        ValidationTarget.Version version;
        String via;
        if (requested == null || requested.startsWith(ModelState.ALIAS_PREFIX)) {
            String alias = requested == null ? ModelState.DEFAULT_ALIAS
                    : requested.substring(ModelState.ALIAS_PREFIX.length());
            boolean isDefault = alias.equals(ModelState.DEFAULT_ALIAS);
            String target = isDefault ? model.defaultVersion() : model.aliases().get(alias);
            if (target == null) {
                violations.add(isDefault
                        ? new Violation("NO_DEFAULT_VERSION", "Model '" + model.modelId()
                                + "' has no default version", "model_version")
                        : new Violation("UNKNOWN_ALIAS", "Model '" + model.modelId() + "' has no alias '" + alias
                                + "'", "model_version"));
                return null;
            }
            version = model.versions().get(target);
            via = isDefault ? ", the default," : ", alias '" + alias + "',";
        } else {
            version = model.versions().get(normalised(requested));
            if (version == null) {
                violations.add(new Violation("UNKNOWN_VERSION", "Model '" + model.modelId() + "' has no version '"
                        + requested + "'", "model_version"));
                return null;
            }
            via = "";
        }
        if (!version.enabled()) {
            violations.add(new Violation("VERSION_DISABLED", "Version " + version.version() + via + " of model '"
                    + model.modelId() + "' is disabled", "model_version"));
        }
        return version;
    }

    /** A version that is not valid SemVer cannot exist; it is looked up as given and simply not found. */
    private static String normalised(String version) {
        try {
            return VersionNumber.of(version).value();
        } catch (InvalidInputException e) {
            return version;
        }
    }

    private static void checkFps(Assignment assignment, ValidationTarget.Version version,
                                 List<Violation> violations) {
        if (assignment.desiredFps() != null && version.maxFps() != null
                && assignment.desiredFps() > version.maxFps()) {
            violations.add(new Violation("FPS_ABOVE_MAX", "desired_fps " + assignment.desiredFps()
                    + " is above version " + version.version() + "'s max_fps of " + version.maxFps(),
                    "desired_fps"));
        }
    }

    private static void checkParameters(Assignment assignment, ValidationTarget.Version version,
                                        CompiledSchemas.SchemaSet held, List<Violation> violations) {
        boolean hasParameters = assignment.parameters() != null && !assignment.parameters().isEmpty();
        if (!version.declaresSchema()) {
            if (hasParameters) {
                violations.add(new Violation("INVALID_PARAMETERS", "Version " + version.version()
                        + " declares no configuration parameters", "parameters"));
            }
            return;
        }
        CompiledSchemas.Compiled compiled = held.compiled(version.schemaDigest());
        if (compiled.schema() == null) {
            violations.add(new Violation("SCHEMA_UNAVAILABLE", "The config_schema of version " + version.version()
                    + " cannot be used, so no parameters can be proven valid: " + compiled.error(), "parameters"));
            return;
        }
        ConfigSchema.Evaluation evaluation = compiled.schema().evaluate(hasParameters
                ? assignment.parameters() : JsonNodeFactory.instance.objectNode());
        switch (evaluation.outcome()) {
            case CHECKED -> evaluation.problems().forEach(problem -> violations.add(new Violation(
                    "INVALID_PARAMETERS", problem.getMessage().replaceFirst("^\\$", "parameters"),
                    field(problem.getInstanceLocation().toString()))));
            case UNCHECKABLE -> violations.add(new Violation("INVALID_PARAMETERS", "parameters cannot be checked "
                    + "against the config_schema of version " + version.version() + ": " + evaluation.reason(),
                    field(evaluation.location())));
            case FAILED -> violations.add(new Violation("SCHEMA_UNAVAILABLE", "The config_schema of version "
                    + version.version() + " cannot be used, so no parameters can be proven valid: "
                    + evaluation.reason(), "parameters"));
        }
    }

    private static String field(String location) {
        return "parameters" + (location.startsWith("$") ? location.substring(1) : location);
    }
}
