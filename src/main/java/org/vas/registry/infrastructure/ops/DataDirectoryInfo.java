package org.vas.registry.infrastructure.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.vas.registry.infrastructure.db.EmbeddedPostgresProperties;

/**
 * Where the registry keeps its data, in {@code /actuator/info}: a relative data directory is resolved against the
 * directory the process started in, so an operator who started it elsewhere sees at once that it is not the
 * registry they meant.
 */
@Component
public class DataDirectoryInfo implements InfoContributor {

    private final EmbeddedPostgresProperties embedded;
    private final Environment environment;

    DataDirectoryInfo(EmbeddedPostgresProperties embedded, Environment environment) {
        this.embedded = embedded;
        this.environment = environment;
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("registry", details());
    }

    /** Which database, and for the embedded one its data directory as an absolute path. */
    public Map<String, Object> details() {
        Map<String, Object> registry = new LinkedHashMap<>();
        String url = environment.getProperty("spring.datasource.url");
        if (url == null || url.isBlank()) {
            registry.put("database", "embedded");
            registry.put("data_dir", embedded.dataDir().toAbsolutePath().normalize().toString());
        } else {
            registry.put("database", "external");
        }
        return registry;
    }
}
