package org.vas.registry.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/**
 * Follows the log in a tracking processor of one segment (a checkpoint folds the whole log before it, in order)
 * and has {@link Checkpoints} write those due. Appends are serialized, so once an event is delivered every
 * event below it is in the log: a checkpoint at its position misses nothing. A replay writes the same
 * checkpoints again, which are ignored.
 */
@Component
@ProcessingGroup(CheckpointWriter.NAME)
class CheckpointWriter {

    static final String NAME = "time-travel-checkpoints";

    private final Checkpoints checkpoints;

    CheckpointWriter(Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    /** Every event counts towards the interval, API keys' too: positions are the log's, not the models'. */
    @EventHandler
    void on(Object event, TrackingToken token) {
        checkpoints.reached(token.position().orElseThrow(() -> new IllegalStateException(
                NAME + " needs positioned tracking tokens, got " + token)));
    }
}
