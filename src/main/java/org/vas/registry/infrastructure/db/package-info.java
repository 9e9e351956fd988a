/** Database facts the modules share (the range PostgreSQL timestamps hold). */
@NamedInterface("db")
package org.vas.registry.infrastructure.db;

import org.springframework.modulith.NamedInterface;
