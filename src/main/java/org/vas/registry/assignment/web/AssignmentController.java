package org.vas.registry.assignment.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vas.registry.assignment.Assignment;
import org.vas.registry.assignment.AssignmentValidator;
import org.vas.registry.assignment.RolloutPreview;
import org.vas.registry.assignment.ValidationResult;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;
import org.vas.registry.model.query.AsOf;
import org.vas.registry.model.query.PastModels;

/**
 * "Is this assignment valid?" A semantic problem is a violation in a 200 answer; only an unreadable body is a
 * 400, and a registry that cannot read its own state answers 503, never {@code valid: true}.
 */
@RestController
@RequestMapping(path = "/api/v1/ai-models", produces = MediaType.APPLICATION_JSON_VALUE,
        consumes = MediaType.APPLICATION_JSON_VALUE)
class AssignmentController {

    static final int MAX_BATCH = 500;

    private final AssignmentValidator validator;
    private final PastModels past;

    AssignmentController(AssignmentValidator validator, PastModels past) {
        this.validator = validator;
        this.past = past;
    }

    /** With {@code as_of}, the answer the registry would have given then, from the log as it stood. */
    @PostMapping("/validate-assignment")
    @Operation(operationId = "validateAssignment", tags = "Assignments", summary = "Validate an assignment",
            description = """
            Whether a camera-to-model assignment is valid: model and version usable, fps within bounds, \
            parameters valid against the version's config_schema. A semantic problem is a violation in a 200 \
            answer; it fails closed. With as_of, the answer the registry would have given then.""")
    @ApiResponse(responseCode = "200", description = "The verdict", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    @ApiResponse(responseCode = "413", ref = "PAYLOAD_TOO_LARGE")
    @ApiResponse(responseCode = "415", ref = "UNSUPPORTED_MEDIA_TYPE")
    ValidationResult validate(@RequestBody AssignmentRequest request,
                              @Parameter(ref = "as_of") @RequestParam(name = "as_of", required = false) String asOf) {
        return validate(List.of(request.toAssignment("")), AsOf.parse(asOf)).get(0);
    }

    @PostMapping("/validate-assignments")
    @Operation(operationId = "validateAssignments", tags = "Assignments", summary = "Validate assignments",
            description = "Up to 500 assignments, answered in order from one read of the models they name.")
    @ApiResponse(responseCode = "200", description = "The verdicts", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    @ApiResponse(responseCode = "413", ref = "PAYLOAD_TOO_LARGE")
    @ApiResponse(responseCode = "415", ref = "UNSUPPORTED_MEDIA_TYPE")
    BatchResponse validateAll(@RequestBody BatchRequest request,
                              @Parameter(ref = "as_of") @RequestParam(name = "as_of", required = false) String asOf) {
        List<ValidationResult> results = validate(assignments(request), AsOf.parse(asOf));
        int valid = (int) results.stream().filter(ValidationResult::valid).count();
        return new BatchResponse(results, results.size(), valid);
    }

    /**
     * What the batch's assignments would resolve to if {@code version} were the model's default, beside what they
     * resolve to now: the check before a promotion. Nothing is written.
     */
    @PostMapping("/{modelId}/versions/{version}/preview")
    @Operation(operationId = "previewPromotion", tags = "Versions", summary = "Preview a promotion", description = """
            Up to 500 assignments (the bodies of validate-assignments), each validated as things are and as they \
            would be with this version for the model's default, with the violations that would appear. Nothing is \
            written.""")
    @ApiResponse(responseCode = "200", description = "Each assignment's result now and then",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    @ApiResponse(responseCode = "404", ref = "NOT_FOUND")
    @ApiResponse(responseCode = "413", ref = "PAYLOAD_TOO_LARGE")
    @ApiResponse(responseCode = "415", ref = "UNSUPPORTED_MEDIA_TYPE")
    RolloutPreview preview(@Parameter(ref = "modelId") @PathVariable String modelId,
                           @Parameter(ref = "version") @PathVariable String version,
                           @RequestBody BatchRequest request) {
        return validator.preview(assignments(request), ModelId.of(modelId), VersionNumber.of(version));
    }

    private static List<Assignment> assignments(BatchRequest request) {
        if (request.assignments() == null) {
            throw new InvalidInputException("MISSING_FIELD", "assignments", "assignments is required");
        }
        if (request.assignments().size() > MAX_BATCH) {
            throw new InvalidInputException("TOO_MANY_ASSIGNMENTS", "assignments",
                    "at most " + MAX_BATCH + " assignments per call, got " + request.assignments().size());
        }
        List<Assignment> assignments = new ArrayList<>();
        for (int i = 0; i < request.assignments().size(); i++) {
            AssignmentRequest item = request.assignments().get(i);
            if (item == null) {
                throw new InvalidInputException("INVALID_TYPE", "assignments[" + i + "]",
                        "each assignment must be an object");
            }
            assignments.add(item.toAssignment("assignments[" + i + "]."));
        }
        return assignments;
    }

    private List<ValidationResult> validate(List<Assignment> assignments, AsOf asOf) {
        return asOf == null ? validator.validateAll(assignments)
                : validator.validateAll(assignments, ids -> past.targets(ids, asOf));
    }
}
