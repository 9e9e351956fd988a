package org.vas.registry.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.vas.registry.infrastructure.web.IllFormedTextException;
import org.vas.registry.infrastructure.web.WellFormedJsonFactory;
import org.vas.registry.infrastructure.web.WellFormedJsonParser;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads manifests as plain data trees. YAML is read by Jackson's streaming parser, which never instantiates
 * types from tags; on top of that, tags other than YAML's own and aliases are refused outright (an alias would
 * otherwise be read as its anchor's name, silently), and input size and nesting depth are bounded.
 */
final class ManifestParser {

    static final int MAX_MANIFESTS = 500;
    private static final int MAX_NESTING = 64;
    private static final int MAX_CODE_POINTS = 4 * 1024 * 1024;
    private static final Set<String> YAML_CORE_TAGS = Set.of("map", "seq", "str", "int", "float", "bool", "null")
            .stream().map(tag -> "tag:yaml.org,2002:" + tag).collect(Collectors.toUnmodifiableSet());

    private final YAMLMapper yaml;
    private final ObjectMapper json;

    ManifestParser() {
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                .maxStringLength(1024 * 1024)
                .maxNumberLength(100)
                .build();
        // Jackson drives SnakeYAML's parser, not its composer: of the loader options only the code point limit
        // applies. Depth is bounded by the stream constraints; aliases, tags and duplicate keys as below.
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        YAMLFactory yamlFactory = YAMLFactory.builder().loaderOptions(options).streamReadConstraints(limits).build();
        this.yaml = YAMLMapper.builder(yamlFactory)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .build();
        this.json = JsonMapper.builder(new WellFormedJsonFactory(JsonFactory.builder().streamReadConstraints(limits)
                        .build()))
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** One manifest, or a batch: a multi-document YAML stream or a JSON array. */
    List<JsonNode> parse(byte[] body, boolean isJson) {
        try {
            List<JsonNode> manifests = isJson ? parseJson(body) : parseYaml(body);
            if (manifests.isEmpty()) {
                throw malformed("The request holds no manifest");
            }
            if (manifests.size() > MAX_MANIFESTS) {
                throw malformed("At most " + MAX_MANIFESTS + " manifests per import, got " + manifests.size());
            }
            return manifests;
        } catch (IOException | RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof MalformedManifestException malformed) {
                    throw malformed;
                }
            }
            // The parsers word their errors in their own classes and methods (SnakeYAML's events, Jackson's
            // features and limits): the registry says what is wrong in its words, and where.
            if (e instanceof JsonProcessingException unreadable) {
                String reason = unreadable instanceof IllFormedTextException ? unreadable.getOriginalMessage()
                        : unreadable instanceof StreamConstraintsException
                        ? "a limit is exceeded (nesting depth, or length of a string, number or name)"
                        : "not well-formed YAML, or not one JSON value";
                throw malformed("The manifests cannot be read: " + reason
                        + (unreadable.getLocation() == null ? "" : " (line " + unreadable.getLocation().getLineNr()
                        + ", column " + unreadable.getLocation().getColumnNr() + ")"));
            }
            throw malformed("The manifests cannot be read as YAML or JSON");
        }
    }

    private List<JsonNode> parseJson(byte[] body) throws IOException {
        JsonNode root = json.readTree(body);
        if (root == null || root.isMissingNode()) {
            return List.of();
        }
        List<JsonNode> manifests = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(manifests::add);
        } else {
            manifests.add(root);
        }
        return manifests;
    }

    private List<JsonNode> parseYaml(byte[] body) throws IOException {
        List<JsonNode> manifests = new ArrayList<>();
        try (JsonParser parser = new WellFormedJsonParser(new Guarded((YAMLParser) yaml.getFactory()
                .createParser(body)));
             MappingIterator<JsonNode> documents = yaml.readValues(parser, JsonNode.class)) {
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                // An empty document (two separators in a row, as concatenated files give) reads as "".
                boolean empty = document == null || document.isNull() || document.isMissingNode()
                        || document.isTextual() && document.textValue().isEmpty();
                if (!empty) {
                    manifests.add(document);
                }
                if (manifests.size() > MAX_MANIFESTS) {
                    break;
                }
            }
        }
        return manifests;
    }

    private static MalformedManifestException malformed(String message) {
        return new MalformedManifestException(message);
    }

    /** Refuses YAML features that have no place in a manifest before the tree is built from them. */
    private static final class Guarded extends JsonParserDelegate {

        private final YAMLParser yaml;

        Guarded(YAMLParser yaml) {
            super(yaml);
            this.yaml = yaml;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = super.nextToken();
            if (yaml.isCurrentAlias()) {
                throw new MalformedManifestException("YAML aliases are not accepted in a manifest (line "
                        + yaml.currentLocation().getLineNr() + ")");
            }
            String tag = yaml.getTypeId();
            if (tag != null && !YAML_CORE_TAGS.contains(tag)) {
                throw new MalformedManifestException("YAML tag '!" + tag + "' is not accepted in a manifest (line "
                        + yaml.currentLocation().getLineNr() + ")");
            }
            return token;
        }
    }
}
