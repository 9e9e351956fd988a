package org.vas.registry.infrastructure.ops;

import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.info.GitProperties;
import org.springframework.stereotype.Component;

/**
 * A jar built without git (from a source archive) has no git.properties, and Spring Boot then leaves {@code git}
 * out of {@code /actuator/info}: an operator would not know whether the commit is unknown or the endpoint broken.
 * This says so.
 */
@Component
class UnknownCommitInfo implements InfoContributor {

    private final ObjectProvider<GitProperties> git;

    UnknownCommitInfo(ObjectProvider<GitProperties> git) {
        this.git = git;
    }

    @Override
    public void contribute(Info.Builder builder) {
        if (git.getIfAvailable() == null) {
            builder.withDetail("git", Map.of("commit", Map.of("id", "unknown"),
                    "note", "built without git information (no .git directory at build time)"));
        }
    }
}
