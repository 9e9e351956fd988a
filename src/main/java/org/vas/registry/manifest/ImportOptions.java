package org.vas.registry.manifest;

/**
 * How to import: {@code dryRun} plans only and writes nothing; {@code enable} enables the imported models, which
 * otherwise stay as they are (new ones disabled); {@code promote} makes each model's newest imported version its
 * default, which otherwise only a model's first version becomes.
 */
public record ImportOptions(boolean dryRun, boolean enable, boolean promote) {
}
