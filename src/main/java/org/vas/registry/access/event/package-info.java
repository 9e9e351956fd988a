/** The access events: the persisted contract, which the audit log renders. */
@NamedInterface("events")
package org.vas.registry.access.event;

import org.springframework.modulith.NamedInterface;
