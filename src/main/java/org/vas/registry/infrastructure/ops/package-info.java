/** What an operator is told about the running registry (its data directory). */
@NamedInterface("ops")
package org.vas.registry.infrastructure.ops;

import org.springframework.modulith.NamedInterface;
