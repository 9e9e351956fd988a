package org.vas.registry.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    /**
     * Beside the embedded database's data directory by default, like its password file; with an external database
     * and several instances, every instance must be given the same file (see docs/operations.md).
     */
    @Bean
    SigningKey signingKey(@Value("${registry.ledger.signing-key-file}") Path file)
            throws IOException, GeneralSecurityException {
        return SigningKey.readOrCreate(file);
    }
}
