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
    void aJarBuiltFromAcloneNamesItsCommitAndNothingElseSaysUnknown() {
        info.run(context -> assertThat(commit(context).get("id").toString()).matches("[0-9a-f]{7,40}"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> commit(ApplicationContext context) {
        Info.Builder builder = new Info.Builder();
        context.getBeansOfType(InfoContributor.class).values().forEach(contributor -> contributor.contribute(builder));
        return (Map<String, Object>) ((Map<String, Object>) builder.build().getDetails().get("git")).get("commit");
    }
}
