package org.vas.registry.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestParserTest {

    private final ManifestParser parser = new ManifestParser();

    @Test
    void readsEveryDocumentOfAYamlStreamSkippingEmptyOnes() {
        assertThat(parser.parse(yaml("---\na: 1\n---\n---\nb: 2\n"), false)).hasSize(2);
    }

    @Test
    void readsAJsonObjectOrArray() {
        assertThat(parser.parse(yaml("{\"a\": 1}"), true)).hasSize(1);
        assertThat(parser.parse(yaml("[{\"a\": 1}, {\"b\": 2}]"), true)).hasSize(2);
    }

    @Test
    void refusesAliasesWhichCouldOtherwiseExpandOrSilentlyChangeAValue() {
        assertThatThrownBy(() -> parser.parse(yaml("a: &x [1, 2]\nb: *x\n"), false))
                .isInstanceOf(MalformedManifestException.class).hasMessageContaining("aliases");
    }

    @Test
    void refusesTagsOtherThanYamlsOwn() {
        assertThat(parser.parse(yaml("a: !!str 1\n"), false).get(0).get("a").textValue()).isEqualTo("1");
        assertThatThrownBy(() -> parser.parse(yaml("a: !!javax.script.ScriptEngineManager [x]\n"), false))
                .isInstanceOf(MalformedManifestException.class).hasMessageContaining("tag");
        assertThatThrownBy(() -> parser.parse(yaml("a: !custom x\n"), false))
                .isInstanceOf(MalformedManifestException.class).hasMessageContaining("tag");
    }

    @Test
    void refusesDeepNestingAndDuplicateKeys() {
        String deep = "a: " + "[".repeat(100) + "]".repeat(100) + "\n";
        assertThatThrownBy(() -> parser.parse(yaml(deep), false)).isInstanceOf(MalformedManifestException.class);
        assertThatThrownBy(() -> parser.parse(yaml("a: 1\na: 2\n"), false))
                .isInstanceOf(MalformedManifestException.class);
        assertThatThrownBy(() -> parser.parse(yaml("{\"a\": 1, \"a\": 2}"), true))
                .isInstanceOf(MalformedManifestException.class);
    }

    @Test
    void refusesAnEmptyBodyAndTooManyManifests() {
        assertThatThrownBy(() -> parser.parse(yaml("# nothing\n"), false))
                .isInstanceOf(MalformedManifestException.class);
        String many = "---\na: 1\n".repeat(ManifestParser.MAX_MANIFESTS + 1);
        assertThatThrownBy(() -> parser.parse(yaml(many), false)).isInstanceOf(MalformedManifestException.class)
                .hasMessageContaining("At most");
    }

    private static byte[] yaml(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
