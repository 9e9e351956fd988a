package org.vas.registry.model.event;

import org.vas.registry.kernel.ModelId;

/**
 * Everything that can happen to a model. Events are the registry's persisted contract: they are stored in the
 * append-only log and read back for as long as the registry lives, so they are never renamed or moved. A change
 * of shape gets a new {@code @Revision} and an upcaster.
 */
public sealed interface ModelEvent
        permits ModelRegistered, ModelMetadataUpdated, ModelVersionAdded, ModelEnabled, ModelDisabled,
        ModelVersionEnabled, ModelVersionDisabled, ModelRetired, DefaultVersionChanged, AliasMoved, AliasRemoved {

    ModelId modelId();
}
