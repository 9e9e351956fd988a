package org.vas.registry.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class VersionNumberTest {

    @Test
    void versionsOrderBySemVerPrecedenceNotByText() {
        List<String> sorted = Stream.of("1.10.0", "1.2.0", "2.0.0-rc.1", "2.0.0", "2.0.0-alpha", "1.2.0-rc.10",
                        "1.2.0-rc.2")
                .map(VersionNumber::of).sorted().map(VersionNumber::value).toList();

        assertThat(sorted).containsExactly("1.2.0-rc.2", "1.2.0-rc.10", "1.2.0", "1.10.0", "2.0.0-alpha",
                "2.0.0-rc.1", "2.0.0");
    }

    @Test
    void thePreferredVersionIsTheHighestReleaseAndAPreReleaseOnlyWhenThereIsNoRelease() {
        assertThat(VersionNumber.preferred(List.of(VersionNumber.of("1.0.0"), VersionNumber.of("3.0.0-rc.1"),
                VersionNumber.of("2.1.0")))).contains(VersionNumber.of("2.1.0"));
        assertThat(VersionNumber.preferred(List.of(VersionNumber.of("3.0.0-rc.1"), VersionNumber.of("3.0.0-beta"))))
                .contains(VersionNumber.of("3.0.0-rc.1"));
        assertThat(VersionNumber.preferred(List.of())).isEmpty();
    }

    @Test
    void onlyStrictSemanticVersionsAreAccepted() {
        for (String bad : new String[] {"1", "1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0+", " 1.0.0", "latest", ""}) {
            assertThatThrownBy(() -> VersionNumber.of(bad)).as(bad).isInstanceOf(InvalidInputException.class);
        }
        assertThat(VersionNumber.of("1.0.0+build.7").value()).isEqualTo("1.0.0+build.7");
        assertThat(VersionNumber.of("2.0.0-rc.1").isPreRelease()).isTrue();
    }

    @Test
    void modelIdsFollowThePlatformsFormat() {
        for (String good : new String[] {"geo_fencing", "fall-detection", "ruth-person-detection-v1", "a",
                "a".repeat(128)}) {
            assertThat(ModelId.of(good).value()).isEqualTo(good);
        }
        for (String bad : new String[] {"", "Geo", "-lead", "_lead", "a b", "a/b", "../etc", "a".repeat(129)}) {
            assertThatThrownBy(() -> ModelId.of(bad)).as(bad).isInstanceOf(InvalidInputException.class);
        }
    }
}
