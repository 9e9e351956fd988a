package org.vas.registry.access.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * JWT bearer tokens, a second way in beside API keys, accepted once one of {@code issuer-uri},
 * {@code jwk-set-uri} or {@code public-key-location} is set.
 *
 * @param issuerUri         an OpenID issuer; its JWK set is discovered from it
 * @param jwkSetUri         a JWK set to verify signatures with
 * @param publicKeyLocation an RSA public key (PEM) to verify signatures with, for operators without a JWK endpoint
 * @param rolesClaim        the claim holding the caller's roles ({@code reader}, {@code admin}, {@code auditor})
 * @param principalClaim    the claim naming the caller, recorded as the actor of its commands
 */
@ConfigurationProperties("registry.security.jwt")
record JwtProperties(String issuerUri, String jwkSetUri, Resource publicKeyLocation,
                     @DefaultValue("roles") String rolesClaim, @DefaultValue("sub") String principalClaim) {

    boolean enabled() {
        return isSet(issuerUri) || isSet(jwkSetUri) || publicKeyLocation != null;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
