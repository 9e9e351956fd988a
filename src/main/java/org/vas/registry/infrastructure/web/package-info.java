/** The one path to problem bodies, and the well-formed JSON parsing the import reuses. */
@NamedInterface("web")
package org.vas.registry.infrastructure.web;

import org.springframework.modulith.NamedInterface;
