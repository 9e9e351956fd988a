package org.vas.registry.infrastructure.ops;

import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.info.GitProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A jar built without git (from a source archive) has an empty git.properties, or none, and Spring Boot then shows
 * no commit in {@code /actuator/info}: an operator would not know whether the commit is unknown or the endpoint
 * broken. This says so, after (and instead of) Spring Boot's own git contribution.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class UnknownCommitInfo implements InfoContributor {

    private final ObjectProvider<GitProperties> git;

    UnknownCommitInfo(ObjectProvider<GitProperties> git) {
        this.git = git;
    }

    @Override
    public void contribute(Info.Builder builder) {
        GitProperties properties = git.getIfAvailable();
        if (properties == null || properties.getCommitId() == null) {
            builder.withDetail("git", Map.of("commit", Map.of("id", "unknown"),
                    "note", "built without git information (no .git directory at build time)"));
        }
    }
}
