package org.vas.registry.access;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jakarta.servlet.Filter;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/**
 * Security decides a request by its method and path alone. It never asks Spring MVC which handler the request goes
 * to: the dispatcher finds that afterwards anyway, and each lookup tries every mapping (a sixth of a read's CPU).
 */
@RegistryTest
class SecurityChainTest {

    /** Where Spring MVC keeps a lookup made ahead of the dispatcher, for the rest of the request. */
    private static final String LOOKED_UP_AHEAD = HandlerMappingIntrospector.class.getName() + ".CachedResult";

    @Autowired
    @Qualifier("springSecurityFilterChain")
    private Filter security;

    @Autowired
    private WebApplicationContext application;

    @Test
    void aReadIsAuthorizedWithoutLookingUpItsHandler() throws Exception {
        Logger introspector = (Logger) LoggerFactory.getLogger(HandlerMappingIntrospector.class);
        ListAppender<ILoggingEvent> lookups = new ListAppender<>();
        Level level = introspector.getLevel();
        lookups.start();
        // Every lookup a matcher makes on its own is logged at TRACE (the first at WARN).
        introspector.setLevel(Level.TRACE);
        introspector.addAppender(lookups);
        try {
            // The server's own context: Spring Security chooses its matchers by the servlets registered there.
            MockHttpServletRequest request = new MockHttpServletRequest(application.getServletContext(), "GET",
                    "/api/v1/ai-models/any-model");
            request.addHeader("X-API-Key", Api.ADMIN_KEY);
            AtomicReference<Object> aheadOfDispatcher = new AtomicReference<>("never reached");

            security.doFilter(request, new MockHttpServletResponse(),
                    (passed, response) -> aheadOfDispatcher.set(passed.getAttribute(LOOKED_UP_AHEAD)));

            assertThat(aheadOfDispatcher).as("the handler looked up before the dispatcher").hasValue(null);
            assertThat(lookups.list).as("handler lookups by the rules' matchers").isEmpty();
        } finally {
            introspector.detachAppender(lookups);
            introspector.setLevel(level);
        }
    }
}
