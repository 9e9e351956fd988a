package org.vas.registry.access.security;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.vas.registry.access.ApiKeyService;
import org.vas.registry.access.query.ApiKeys;

/**
 * A registry with no key at all would be unusable, and one with a default key would be open. So on the first start
 * an admin key is created and handed over once; only its keyed hash is stored. By default it is written to a new
 * file readable by its owner only ({@code registry.security.bootstrap-admin-key-file}, next to the embedded
 * database's data directory) and only the file's path is logged, so the key reaches no log. With that setting
 * empty it is printed to standard output instead, which under a supervisor (systemd, Docker, Kubernetes) is the
 * log. {@code REGISTRY_BOOTSTRAP_ADMIN_KEY} supplies the key instead, for automation. A command of the command
 * line serves no API and makes no key.
 */
@Component
@ConditionalOnWebApplication
class BootstrapAdminKey implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdminKey.class);
    static final String SYSTEM = "system";
    private static final EnumSet<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final ApiKeys keys;
    private final ApiKeyService service;
    private final String configuredKey;
    private final String keyFile;
    private final PrintStream console = System.out;

    BootstrapAdminKey(ApiKeys keys, ApiKeyService service,
                      @Value("${registry.security.bootstrap-admin-key:}") String configuredKey,
                      @Value("${registry.security.bootstrap-admin-key-file:}") String keyFile) {
        this.keys = keys;
        this.service = service;
        this.configuredKey = configuredKey;
        this.keyFile = keyFile;
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
        String key = generated ? ApiKeyService.newKey() : configuredKey;
        // Written before the key exists in the database: a key is never issued that nobody can read.
        Path file = generated && !keyFile.isBlank() ? writeOnce(Path.of(keyFile).toAbsolutePath().normalize(), key)
                : null;
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(SYSTEM, null, List.of()));
        try {
            ApiKeyService.Issued issued = service.issueBootstrap(key);
            if (file != null) {
                log.info("Created the bootstrap admin key ({}); it is in {}, readable by its owner only. Store it "
                        + "elsewhere and delete the file.", issued.id(), file);
            } else if (generated) {
                printOnce(issued.key());
            } else {
                log.info("Created the bootstrap admin key ({})", issued.id());
            }
        } catch (ConcurrencyException e) {
            log.info("Another instance created the bootstrap admin key first");
            if (file != null) {
                delete(file);
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /**
     * Creates the file with the key, readable and writable by its owner only from the moment it exists. An
     * existing file is never replaced: it may hold the key of an earlier database, or be someone else's.
     */
    private static Path writeOnce(Path file, String key) {
        try {
            Files.createDirectories(file.getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(file, key + System.lineSeparator(), StandardCharsets.UTF_8);
            return file;
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("The registry has no API key, and " + file + " exists already: it is not "
                    + "replaced. Remove it (its key is not in this database), or set REGISTRY_BOOTSTRAP_ADMIN_KEY.",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the bootstrap admin key to " + file, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}, whose key was not issued", file);
        }
    }

    private void printOnce(String key) {
        console.println();
        console.println("  The registry had no API key, so it created an admin key. It is shown this once:");
        console.println();
        console.println("    " + key);
        console.println();
        console.println("  Send it as 'X-API-Key: <key>'. Only a keyed hash of it is stored; to replace it, issue");
        console.println("  new keys with POST /api/v1/admin/api-keys and revoke this one. Standard output is the");
        console.println("  log under a supervisor: see registry.security.bootstrap-admin-key-file.");
        console.println();
    }
}
