/** The model's commands and the gateway that sends them (used by the manifest import). */
@NamedInterface("commands")
package org.vas.registry.model.command;

import org.springframework.modulith.NamedInterface;
