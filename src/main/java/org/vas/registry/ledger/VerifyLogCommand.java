package org.vas.registry.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;

/**
 * {@code java -jar registry.jar verify-log}: the chain verified without the registry running, against a database
 * or a plain-format dump of the log tables, optionally against a checkpoint an auditor kept. Starts no server and
 * writes nothing: its connection is read-only. Exit status 0 when the log is intact (and passes through the
 * checkpoint), 1 when it is not, 2 when it could not be checked.
 */
public final class VerifyLogCommand {

    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int UNCHECKED = 2;

    private static final String USAGE = """
            usage: verify-log [--dump=<plain pg_dump file>] [--checkpoint=<checkpoint.json>] [--public-key=<key.pem>]
                              [--url=<jdbc url>] [--user=<role>]
              Without --dump, reads the database at --url (or SPRING_DATASOURCE_URL) as --user (or
              SPRING_DATASOURCE_USERNAME); the password comes from SPRING_DATASOURCE_PASSWORD, PGPASSWORD or a
              PostgreSQL password file (PGPASSFILE, ~/.pgpass).
              --checkpoint: a checkpoint saved from GET /api/v1/registry/checkpoint; the log must pass through it.
              --public-key: the registry's public key saved earlier (PEM); the checkpoint's signature is checked.
            """;

    private VerifyLogCommand() {
    }

    public static int run(String[] args, Map<String, String> environment, PrintStream out) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                out.print(USAGE);
                return UNCHECKED;
            }
            options.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        try {
            ChainFold.Expected expected = null;
            if (options.containsKey("checkpoint")) {
                expected = checkpoint(Path.of(options.get("checkpoint")), options.get("public-key"), out);
                if (expected == null) {
                    return BROKEN;
                }
            }
            ChainFold.Result result = options.containsKey("dump")
                    ? LogDump.read(Path.of(options.get("dump"))).verify(expected)
                    : fromDatabase(options, environment, expected);
            report(result, out);
            return result.intact() ? INTACT : BROKEN;
        } catch (IOException | SQLException | GeneralSecurityException | RuntimeException e) {
            out.println("verify-log: the log could not be checked: " + e.getMessage());
            return UNCHECKED;
        }
    }

    private static ChainFold.Result fromDatabase(Map<String, String> options, Map<String, String> environment,
                                                 ChainFold.Expected expected) throws SQLException {
        String url = options.getOrDefault("url", environment.get("SPRING_DATASOURCE_URL"));
        if (url == null) {
            throw new IllegalArgumentException("no database: give --url=jdbc:postgresql://host:port/db or --dump");
        }
        Properties login = new Properties();
        String user = options.getOrDefault("user", environment.get("SPRING_DATASOURCE_USERNAME"));
        if (user != null) {
            login.setProperty("user", user);
        }
        String password = environment.getOrDefault("SPRING_DATASOURCE_PASSWORD", environment.get("PGPASSWORD"));
        if (password != null) {
            login.setProperty("password", password);
        }
        login.setProperty("readOnly", "true");
        try (Connection connection = DriverManager.getConnection(url, login)) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return ChainStore.verify(connection, expected);
            } finally {
                connection.rollback();
            }
        }
    }

    /** The checkpoint's position and hash; null (after saying why) if its signature does not hold. */
    private static ChainFold.Expected checkpoint(Path file, String publicKeyFile, PrintStream out)
            throws IOException, GeneralSecurityException {
        JsonNode checkpoint = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        long position = checkpoint.required("position").asLong();
        String hash = checkpoint.required("hash").asText();
        if (publicKeyFile != null) {
            PublicKey key = SigningKey.publicKeyFromPem(Files.readString(Path.of(publicKeyFile),
                    StandardCharsets.US_ASCII));
            String text = Checkpoint.signedText(position, hash, Instant.parse(checkpoint.required("time").asText()));
            byte[] signature = Base64.getDecoder().decode(checkpoint.required("signature").asText());
            if (!SigningKey.verify(key, text.getBytes(StandardCharsets.US_ASCII), signature)) {
                out.println("verify-log: the checkpoint's signature does not hold for this public key");
                return null;
            }
            out.println("checkpoint signature: valid");
        }
        return new ChainFold.Expected(position, HexFormat.of().parseHex(hash));
    }

    private static void report(ChainFold.Result result, PrintStream out) {
        if (result.intact()) {
            out.println("intact: " + result.checked() + " events chained up to position " + result.head()
                    + ", head hash " + result.headHash());
        } else {
            ChainFold.Break first = result.firstBreak();
            out.println("broken at position " + first.position() + " ("
                    + first.kind().label() + "): " + first.detail()
                    + "; intact up to position " + result.head());
        }
    }
}
