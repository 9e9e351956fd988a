package org.vas.registry.access.security;

import java.io.PrintStream;
import java.util.List;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.vas.registry.access.ApiKeyService;
import org.vas.registry.access.query.ApiKeys;

/**
 * A registry with no key at all would be unusable, and one with a default key would be open. So on the first start
 * an admin key is created and printed once, to the console only (standard output, never the logging system, so
 * no log file keeps it); only its keyed hash is stored. {@code REGISTRY_BOOTSTRAP_ADMIN_KEY} supplies the key instead,
 * for automation.
 */
@Component
class BootstrapAdminKey implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdminKey.class);
    static final String SYSTEM = "system";

    private final ApiKeys keys;
    private final ApiKeyService service;
    private final String configuredKey;
    private final PrintStream console = System.out;

    BootstrapAdminKey(ApiKeys keys, ApiKeyService service,
                      @Value("${registry.security.bootstrap-admin-key:}") String configuredKey) {
        this.keys = keys;
        this.service = service;
        this.configuredKey = configuredKey;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (keys.count() > 0) {
            if (!configuredKey.isBlank() && !keys.exists(configuredKey)) {
                log.warn("REGISTRY_BOOTSTRAP_ADMIN_KEY is ignored: the registry already has API keys");
            }
            return;
        }
        boolean generated = configuredKey.isBlank();
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(SYSTEM, null, List.of()));
        try {
            ApiKeyService.Issued issued = service.issueBootstrap(generated ? ApiKeyService.newKey() : configuredKey);
            if (generated) {
                console.println();
                console.println("  The registry had no API key, so it created an admin key. It is shown this once:");
                console.println();
                console.println("    " + issued.key());
                console.println();
                console.println("  Send it as 'X-API-Key: <key>'. Only a keyed hash is stored; to replace it, issue");
                console.println("  new keys with POST /api/v1/admin/api-keys and revoke this one.");
                console.println();
            }
            log.info("Created the bootstrap admin key ({})", issued.id());
        } catch (ConcurrencyException e) {
            log.info("Another instance created the bootstrap admin key first");
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
