package org.vas.registry.infrastructure.web;

import org.springframework.stereotype.Component;

/** Who is acting. Until authentication exists every caller is {@code anonymous}. */
@Component
public class CurrentActor {

    public static final String ANONYMOUS = "anonymous";

    public String name() {
        return ANONYMOUS;
    }
}
