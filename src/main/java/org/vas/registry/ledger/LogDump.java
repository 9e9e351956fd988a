package org.vas.registry.ledger;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log tables as a plain-format {@code pg_dump} writes them ({@code COPY public.domain_event_entry (...) FROM
 * stdin;}, rows in COPY's text format, {@code \.}), read without a database. Only the two tables' COPY blocks are
 * read; everything else in the file is skipped.
 */
final class LogDump {

    private static final Pattern COPY =
            Pattern.compile("^COPY (?:[\\w\"]+\\.)?\"?(\\w+)\"? \\(([^)]*)\\) FROM stdin;$");

    private final TreeMap<Long, StoredEvent> events = new TreeMap<>();
    private final TreeMap<Long, ChainLink> links = new TreeMap<>();

    static LogDump read(Path file) throws IOException {
        LogDump dump = new LogDump();
        boolean sawEvents = false;
        boolean sawLinks = false;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                Matcher copy = COPY.matcher(line);
                if (!copy.matches()) {
                    continue;
                }
                List<String> columns = Arrays.stream(copy.group(2).split(",")).map(c -> c.trim().replace("\"", ""))
                        .toList();
                String table = copy.group(1);
                for (line = reader.readLine(); line != null && !line.equals("\\."); line = reader.readLine()) {
                    Map<String, String> row = row(columns, line);
                    if (table.equals("domain_event_entry")) {
                        StoredEvent event = event(row);
                        dump.events.put(event.position(), event);
                    } else if (table.equals("event_chain")) {
                        long position = Long.parseLong(row.get("global_index"));
                        dump.links.put(position, new ChainLink(position, Long.parseLong(row.get("previous_index")),
                                bytea(row.get("hash"))));
                    }
                }
                sawEvents |= table.equals("domain_event_entry");
                sawLinks |= table.equals("event_chain");
            }
        }
        if (!sawEvents || !sawLinks) {
            throw new IOException(file + " holds no COPY block of " + (sawEvents ? "event_chain"
                    : "domain_event_entry") + ": dump both tables in plain format (pg_dump --format=plain)");
        }
        return dump;
    }

    ChainFold.Result verify(ChainFold.Expected expected) {
        ChainFold fold = new ChainFold(expected);
        TreeSet<Long> positions = new TreeSet<>(events.keySet());
        positions.addAll(links.keySet());
        for (Long position : positions) {
            if (fold.broken()) {
                break;
            }
            fold.accept(events.get(position), links.get(position));
        }
        return fold.finish();
    }

    private static StoredEvent event(Map<String, String> row) {
        return new StoredEvent(Long.parseLong(row.get("global_index")), row.get("event_identifier"),
                row.get("aggregate_identifier"), Long.parseLong(row.get("sequence_number")), row.get("type"),
                row.get("time_stamp"), row.get("payload_type"), row.get("payload_revision"), bytea(row.get("payload")),
                bytea(row.get("meta_data")));
    }

    private static Map<String, String> row(List<String> columns, String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != columns.size()) {
            throw new IllegalArgumentException("A COPY row has " + fields.length + " fields, not " + columns.size());
        }
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < fields.length; i++) {
            row.put(columns.get(i), fields[i].equals("\\N") ? null : unescape(fields[i]));
        }
        return row;
    }

    /** bytea in PostgreSQL's default hex output: {@code \x} and two digits a byte. */
    private static byte[] bytea(String value) {
        if (value == null) {
            return null;
        }
        if (!value.startsWith("\\x")) {
            throw new IllegalArgumentException("bytea is not in hex format (set bytea_output = 'hex')");
        }
        return HexFormat.of().parseHex(value, 2, value.length());
    }

    /** COPY's text format escapes; pg_dump writes no octal or hex escape for text that is valid UTF-8. */
    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\' || i + 1 == field.length()) {
                out.append(c);
                continue;
            }
            char next = field.charAt(++i);
            switch (next) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
