package org.vas.registry.model.state;

/** A model's state and the log position of the event that made it so: what the read model stores of a model. */
public record PositionedModel(ModelState state, long position) {
}
