package org.vas.registry.access.security;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.ManagedList;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
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
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.vas.registry.access.Role;
import org.vas.registry.access.query.ApiKeys;

/**
 * Secure by default and stateless: health status and the API description are public, everything else needs a
 * credential, and every endpoint names the role it needs. Time travel ({@code as_of}) asks for the auditor role
 * on top of the rule of the endpoints that can answer it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    private static final String ADMIN = Role.ADMIN.name();
    private static final String AUDITOR = Role.AUDITOR.name();
    private static final String READER = Role.READER.name();
    private static final String METRICS = Role.METRICS.name();

    /** Health details: every component's figures, for operators. */
    private static final RequestMatcher HEALTH_DETAILS = new OrRequestMatcher(path("/actuator/health/details"),
            path("/actuator/health/details/**"));

    /**
     * Answered to anyone, and without looking at any credential a caller sends: a probe or a browser that sends a
     * key it was configured with gets its answer even while the database that would check the key is down, and
     * its key is neither counted as a failure nor rate limited. Health answers its status only here.
     */
    static final RequestMatcher PUBLIC = new AndRequestMatcher(new OrRequestMatcher(
            path("/actuator/health"), path("/actuator/health/**"),
            path("/v3/api-docs"), path("/v3/api-docs/**"), path("/v3/api-docs.yaml"),
            path("/swagger-ui.html"), path("/swagger-ui/**"), path("/error")),
            new NegatedRequestMatcher(HEALTH_DETAILS));

    @Bean
    SecurityFilterChain api(HttpSecurity http, ApiKeys keys, SecurityProblems problems, FailedAuthLimiter limiter,
                            JwtProperties jwt, RoleHierarchy roles) throws Exception {
        AuthorizationManager<RequestAuthorizationContext> readsNowOrThePast = readerAndAuditorForThePast(roles);
        http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, problems, limiter, PUBLIC),
                        AnonymousAuthenticationFilter.class)
                // Decided by method and route alone: no query parameter or header chooses the rule. A parameter
                // may only add a requirement to the rule of the endpoint that understands it (as_of below).
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers(HEALTH_DETAILS).hasAnyRole(AUDITOR, ADMIN)
                        .requestMatchers(PUBLIC).permitAll()
                        // Discovery and validation carry nearly all the traffic: decided before the rarer rules.
                        // Neither overlaps them: one path segment after ai-models is never history or activity.
                        .requestMatchers(HttpMethod.GET, "/api/v1/ai-models", "/api/v1/ai-models/*")
                        .access(readsNowOrThePast)
                        .requestMatchers(HttpMethod.POST, "/api/v1/ai-models/validate-assignment",
                                "/api/v1/ai-models/validate-assignments").access(readsNowOrThePast)
                        .requestMatchers(HttpMethod.GET, "/api/v1/ai-models/*/history", "/api/v1/ai-models/*/activity",
                                "/api/v1/registry/events",
                                "/api/v1/admin/projections", "/api/v1/admin/verify").hasRole(AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/registry/checkpoint", "/api/v1/registry/proof",
                                "/api/v1/registry/public-key").hasRole(AUDITOR)
                        .requestMatchers("/api/v1/admin/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole(READER)
                        .requestMatchers("/api/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasAnyRole(METRICS, AUDITOR)
                        .requestMatchers("/actuator/**").hasRole(AUDITOR)
                        .anyRequest().authenticated());
        if (jwt.enabled()) {
            JwtDecoder decoder = decoder(jwt);
            http.oauth2ResourceServer(server -> server
                    .bearerTokenResolver(jwtShapedOnly(PUBLIC))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems)
                    .jwt(token -> token.decoder(decoder).jwtAuthenticationConverter(converter(jwt))));
        }
        return http.build();
    }

    /**
     * The rules' paths are matched as Spring MVC matches them ({@code PathPattern}), by the pattern alone. Without
     * this, each rule's matcher asks Spring MVC which handler the request goes to (an {@code MvcRequestMatcher}).
     */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean pathPatterns() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /**
     * Spring Security puts a filter before its chain that finds every request's Spring MVC handler in advance
     * ({@code HandlerMappingIntrospector}'s cache), for the {@code MvcRequestMatcher}s and the CORS configuration
     * that would ask for it later. With {@link #pathPatterns()} and no CORS nothing asks, and the lookup was a sixth
     * of a {@code GET /{id}}'s CPU, done again by the dispatcher. Spring Security deprecates that filter; taking it
     * out leaves the chain as it is.
     */
    @Bean
    static BeanFactoryPostProcessor securityChainWithoutHandlerLookup() {
        return factory -> {
            String name = AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME;
            if (factory.containsBeanDefinition(name)) {
                withoutHandlerLookup(factory.getBeanDefinition(name));
            }
        };
    }

    /** The chain is wrapped once or twice (each wrapper lists its filters and the chain it wraps). */
    private static void withoutHandlerLookup(BeanDefinition chain) {
        ConstructorArgumentValues.ValueHolder filters =
                chain.getConstructorArgumentValues().getIndexedArgumentValue(0, List.class);
        if (filters != null && filters.getValue() instanceof ManagedList<?> list) {
            list.removeIf(filter -> filter instanceof BeanDefinition definition && definition.getBeanClassName() != null
                    && definition.getBeanClassName().endsWith("HandlerMappingIntrospectorCacheFilterFactoryBean"));
            list.forEach(filter -> {
                if (filter instanceof BeanDefinition wrapped) {
                    withoutHandlerLookup(wrapped);
                }
            });
        }
    }

    /** Admins and auditors may also read. */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("ROLE_ADMIN > ROLE_READER\nROLE_AUDITOR > ROLE_READER");
    }

    /**
     * The endpoints that read the registry as it stands ({@code reader}) and, with {@code as_of}, as it stood: time
     * travel is an auditor's question, asked on top of the endpoint's own rule.
     */
    private static AuthorizationManager<RequestAuthorizationContext> readerAndAuditorForThePast(RoleHierarchy roles) {
        AuthorityAuthorizationManager<RequestAuthorizationContext> reader =
                AuthorityAuthorizationManager.hasRole(READER);
        AuthorityAuthorizationManager<RequestAuthorizationContext> auditor =
                AuthorityAuthorizationManager.hasRole(AUDITOR);
        reader.setRoleHierarchy(roles);
        auditor.setRoleHierarchy(roles);
        AuthorizationManager<RequestAuthorizationContext> past = AuthorizationManagers.allOf(reader, auditor);
        return (authentication, context) -> context.getRequest().getParameter("as_of") == null
                ? reader.check(authentication, context) : past.check(authentication, context);
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    /**
     * Bearer tokens that are not JWTs are API keys, which the API key filter has already handled; on public
     * endpoints no token is read at all.
     */
    private static BearerTokenResolver jwtShapedOnly(RequestMatcher publicEndpoints) {
        DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();
        return (HttpServletRequest request) -> {
            if (publicEndpoints.matches(request)) {
                return null;
            }
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

    /** Roles outside the registry's own are ignored, not refused: an identity provider knows other systems. */
    private static Collection<GrantedAuthority> roles(Jwt token, String claim) {
        List<String> names = token.hasClaim(claim) ? token.getClaimAsStringList(claim) : List.of();
        return names.stream()
                .filter(name -> Arrays.stream(Role.values()).anyMatch(role -> role.wireName().equals(name)))
                .map(name -> (GrantedAuthority) new SimpleGrantedAuthority(Role.parse(name).authority()))
                .toList();
    }
}
