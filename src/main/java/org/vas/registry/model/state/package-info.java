/** The one fold of a model's events, which audit uses for time travel and verification. */
@NamedInterface("state")
package org.vas.registry.model.state;

import org.springframework.modulith.NamedInterface;
