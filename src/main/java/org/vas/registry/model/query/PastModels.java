package org.vas.registry.model.query;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.vas.registry.kernel.ModelId;

/**
 * The registry as it stood at a point of its log ({@code as_of}), answered from the log rather than the read
 * model. The audit module, which owns the log, implements it; the models API and validation ask it through this
 * interface, so they do not depend on the audit module.
 */
public interface PastModels {

    Optional<ModelView> model(ModelId modelId, AsOf asOf);

    ModelPage list(ModelFilter filter, AsOf asOf, String cursor, int limit);

    /** The validation targets of the given models that existed then; the others are absent. */
    Map<String, ValidationTarget> targets(Collection<String> modelIds, AsOf asOf);
}
