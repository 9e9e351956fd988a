/** The model's events: the persisted contract, read by the audit module's log, feed and folds. */
@NamedInterface("events")
package org.vas.registry.model.event;

import org.springframework.modulith.NamedInterface;
