package org.vas.registry.manifest;

/**
 * One thing wrong with one manifest of an import. {@code manifest} is its position in the batch (0 for a single
 * manifest), {@code field} a path into it such as {@code performance.max_fps} or {@code supported_tasks[0]}.
 */
public record ManifestProblem(int manifest, String modelId, String field, String code, String message) {
}
