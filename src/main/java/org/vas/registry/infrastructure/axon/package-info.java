/** Event store wiring that projections use (positions, the serialized append). */
@NamedInterface("axon")
package org.vas.registry.infrastructure.axon;

import org.springframework.modulith.NamedInterface;
