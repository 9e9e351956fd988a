package org.vas.registry.access.security;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.security.interfaces.RSAPublicKey;
import java.util.Collection;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.vas.registry.access.Role;
import org.vas.registry.access.query.ApiKeys;

/**
 * Secure by default and stateless: health and the API description are public, everything else needs a credential,
 * and every endpoint names the role it needs. Time travel ({@code as_of}) is an auditor's question, whichever
 * endpoint it is asked of.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String ADMIN = Role.ADMIN.name();
    private static final String AUDITOR = Role.AUDITOR.name();
    private static final String READER = Role.READER.name();

    @Bean
    SecurityFilterChain api(HttpSecurity http, ApiKeys keys, ProblemResponses problems, FailedAuthLimiter limiter,
                            JwtProperties jwt) throws Exception {
        RequestMatcher asksAboutThePast = request -> request.getParameter("as_of") != null;
        http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, problems, limiter),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
                                "/swagger-ui/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(asksAboutThePast).hasRole(AUDITOR)
                        // Discovery and validation carry nearly all the traffic: decided before the rarer rules.
                        // Neither overlaps them: one path segment after ai-models is never history or activity.
                        .requestMatchers(HttpMethod.GET, "/api/v1/ai-models", "/api/v1/ai-models/*").hasRole(READER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/ai-models/validate-assignment",
                                "/api/v1/ai-models/validate-assignments").hasRole(READER)
                        .requestMatchers(HttpMethod.GET, "/api/v1/ai-models/*/history", "/api/v1/ai-models/*/activity",
                                "/api/v1/registry/events",
                                "/api/v1/admin/projections", "/api/v1/admin/verify").hasRole(AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/registry/checkpoint", "/api/v1/registry/proof",
                                "/api/v1/registry/public-key").hasRole(AUDITOR)
                        .requestMatchers("/api/v1/admin/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole(READER)
                        .requestMatchers("/api/**").hasRole(ADMIN)
                        .requestMatchers("/actuator/**").hasRole(AUDITOR)
                        .anyRequest().authenticated());
        if (jwt.enabled()) {
            JwtDecoder decoder = decoder(jwt);
            http.oauth2ResourceServer(server -> server
                    .bearerTokenResolver(jwtShapedOnly())
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems)
                    .jwt(token -> token.decoder(decoder).jwtAuthenticationConverter(converter(jwt))));
        }
        return http.build();
    }

    /** Admins and auditors may also read. */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("ROLE_ADMIN > ROLE_READER\nROLE_AUDITOR > ROLE_READER");
    }

    /** Bearer tokens that are not JWTs are API keys, which the API key filter has already handled. */
    private static BearerTokenResolver jwtShapedOnly() {
        DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();
        return (HttpServletRequest request) -> {
            String token = resolver.resolve(request);
            return token != null && ApiKeyAuthenticationFilter.looksLikeJwt(token) ? token : null;
        };
    }

    private static JwtDecoder decoder(JwtProperties jwt) throws IOException {
        if (jwt.jwkSetUri() != null && !jwt.jwkSetUri().isBlank()) {
            return NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
        }
        if (jwt.publicKeyLocation() != null) {
            try (InputStream pem = jwt.publicKeyLocation().getInputStream()) {
                RSAPublicKey key = RsaKeyConverters.x509().convert(pem);
                return NimbusJwtDecoder.withPublicKey(key).build();
            }
        }
        return NimbusJwtDecoder.withIssuerLocation(jwt.issuerUri()).build();
    }

    private static JwtAuthenticationConverter converter(JwtProperties jwt) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setPrincipalClaimName(jwt.principalClaim());
        converter.setJwtGrantedAuthoritiesConverter((Jwt token) -> roles(token, jwt.rolesClaim()));
        return converter;
    }

    /** Roles outside the registry's three are ignored, not refused: an identity provider knows other systems. */
    private static Collection<GrantedAuthority> roles(Jwt token, String claim) {
        List<String> names = token.hasClaim(claim) ? token.getClaimAsStringList(claim) : List.of();
        return names.stream()
                .filter(name -> List.of("reader", "admin", "auditor").contains(name))
                .map(name -> (GrantedAuthority) new SimpleGrantedAuthority(Role.parse(name).authority()))
                .toList();
    }
}
