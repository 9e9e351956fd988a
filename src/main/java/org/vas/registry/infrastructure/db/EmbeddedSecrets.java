package org.vas.registry.infrastructure.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The passwords of the embedded cluster's superuser and of the application's role, generated once and kept in a
 * file next to the cluster's data directory ({@code data/postgres.pgpass} beside {@code data/postgres}), readable
 * by its owner only. Not inside the data directory itself: initdb needs an empty one, and a copy of the cluster
 * (pg_basebackup, a volume snapshot of PGDATA) should not carry the keys to it. The file is in PostgreSQL's
 * password file format, so an operator reaches the database with {@code PGPASSFILE=data/postgres.pgpass psql -h
 * 127.0.0.1 -p <port> -U postgres} without the secret ever appearing on a command line or in a log.
 */
record EmbeddedSecrets(Path file, String superuserPassword, String appRole, String appPassword) {

    static final String SUPERUSER = "postgres";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    static Path fileFor(Path dataDir) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".pgpass");
    }

    /** The secrets of this data directory, if a start has generated them. */
    static Optional<EmbeddedSecrets> read(Path dataDir, String appRole) throws IOException {
        Path file = fileFor(dataDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        // Tightened rather than refused: a restore from a backup tool may not have kept the mode.
        if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return Optional.of(new EmbeddedSecrets(file, password(lines, SUPERUSER, file), appRole,
                password(lines, appRole, file)));
    }

    /** The secrets of this data directory, generated and written the first time. */
    static EmbeddedSecrets readOrCreate(Path dataDir, String appRole) throws IOException {
        Optional<EmbeddedSecrets> existing = read(dataDir, appRole);
        if (existing.isPresent()) {
            return existing.get();
        }
        EmbeddedSecrets secrets = new EmbeddedSecrets(fileFor(dataDir), generate(), appRole, generate());
        writeOwnerOnly(secrets.file(), line(SUPERUSER, secrets.superuserPassword())
                + line(appRole, secrets.appPassword()));
        return secrets;
    }

    /**
     * Writes a file that exists only with owner-only permissions from its creation (no moment in which the umask's
     * mode applies), replacing any previous one in one step.
     */
    static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** 256 random bits; URL-safe Base64 has no character that the password file format or SQL would need escaped. */
    private static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Any host and port: the embedded cluster's port may change between starts. */
    private static String line(String role, String password) {
        return "*:*:*:" + role.replace("\\", "\\\\").replace(":", "\\:") + ":" + password + "\n";
    }

    private static String password(List<String> lines, String role, Path file) throws IOException {
        String entry = line(role, "");
        String prefix = entry.substring(0, entry.length() - 1);
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .findFirst().orElseThrow(() -> new IOException(file + " holds no password for the role " + role));
    }

    @Override
    public String toString() {
        return "EmbeddedSecrets[" + file + "]";
    }
}
