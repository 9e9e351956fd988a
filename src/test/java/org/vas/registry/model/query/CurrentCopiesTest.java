package org.vas.registry.model.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class CurrentCopiesTest {

    @Test
    void aCopyAnswersOnlyAtTheReadModelVersionItWasReadAt() {
        CurrentCopies<String, String> copies = new CurrentCopies<>("test_copies", new SimpleMeterRegistry(), 10,
                value -> 1);
        copies.keep("a", 7, "as read at 7");

        assertThat(copies.at("a", 7)).isEqualTo("as read at 7");
        assertThat(copies.at("a", 8)).isNull();
        assertThat(copies.at("a", 6)).isNull();
        assertThat(copies.at("b", 7)).isNull();
    }
}
