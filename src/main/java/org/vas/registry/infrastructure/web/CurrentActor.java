package org.vas.registry.infrastructure.web;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Who is acting: the authenticated principal of the current request, recorded as the actor of its events. */
@Component
public class CurrentActor {

    public static final String ANONYMOUS = "anonymous";

    public String name() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || authentication instanceof AnonymousAuthenticationToken
                ? ANONYMOUS : authentication.getName();
    }
}
