/** The read model and its reads (used by validation, import and audit, which also rebuilds it). */
@NamedInterface("queries")
package org.vas.registry.model.query;

import org.springframework.modulith.NamedInterface;
