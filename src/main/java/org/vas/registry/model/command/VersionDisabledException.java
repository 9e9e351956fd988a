package org.vas.registry.model.command;

import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.RegistryException;
import org.vas.registry.kernel.VersionNumber;

/** A disabled version cannot become the default or an alias's target: assignments would resolve to nothing usable. */
class VersionDisabledException extends RegistryException {

    VersionDisabledException(ModelId modelId, VersionNumber version) {
        super(409, "VERSION_DISABLED", "Version " + version + " of model '" + modelId
                + "' is disabled; enable it before pointing assignments at it");
    }
}
