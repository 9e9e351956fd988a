package org.vas.registry.infrastructure.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.info.InfoContributorAutoConfiguration;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/** The git part of {@code /actuator/info}, with and without the git.properties a build from a clone writes. */
class UnknownCommitInfoTest {

    private final ApplicationContextRunner info = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ProjectInfoAutoConfiguration.class,
                    InfoContributorAutoConfiguration.class))
            .withBean(UnknownCommitInfo.class);

    @Test
    void aJarBuiltWithoutGitSaysItsCommitIsUnknown() {
        info.withPropertyValues("spring.info.git.location=classpath:no-such-git.properties")
                .run(context -> assertThat(commit(context)).containsEntry("id", "unknown"));
    }

    @Test
    void aJarBuiltFromASourceArchiveWhoseGitPropertiesAreEmptySaysItsCommitIsUnknown() {
        // What git-commit-id-maven-plugin writes when there is no .git directory.
        info.withPropertyValues("spring.info.git.location=classpath:source-archive/git.properties")
                .run(context -> assertThat(commit(context)).containsEntry("id", "unknown"));
    }

    @Test
    void aJarBuiltFromAcloneNamesItsCommitAndNothingElseSaysUnknown() {
        info.run(context -> assertThat(commit(context).get("id").toString()).matches("[0-9a-f]{7,40}"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> commit(ApplicationContext context) {
        Info.Builder builder = new Info.Builder();
        // In the order the info endpoint calls them.
        context.getBeanProvider(InfoContributor.class).orderedStream().forEach(contributor -> contributor.contribute(builder));
        return (Map<String, Object>) ((Map<String, Object>) builder.build().getDetails().get("git")).get("commit");
    }
}
