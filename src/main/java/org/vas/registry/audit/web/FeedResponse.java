package org.vas.registry.audit.web;

import java.util.List;
import org.vas.registry.audit.EventView;

/**
 * A page of the global log. Poll again with {@code after=next_after}; {@code head} is the newest position when the
 * page was read.
 */
record FeedResponse(List<EventView> events, long nextAfter, long head) {
}
