package org.vas.registry.infrastructure.web;

import java.io.IOException;

/** A request body grew past the limit while it was being read. */
class PayloadTooLargeException extends IOException {

    PayloadTooLargeException(long limit) {
        super("The request body exceeds " + limit + " bytes", null);
    }
}
