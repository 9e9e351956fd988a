package org.vas.registry.ledger;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.vas.registry.infrastructure.web.Problems;

/** The log no longer matches its chain: the registry signs nothing until an operator has looked. */
class LogChainBrokenException extends ErrorResponseException {

    LogChainBrokenException(ChainReport.ChainBreak first) {
        super(HttpStatus.CONFLICT, problem(first), null);
    }

    private static ProblemDetail problem(ChainReport.ChainBreak first) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "LOG_CHAIN_BROKEN", "The event log does not match "
                + "its hash chain at position " + first.position() + ": " + first.detail());
        problem.setProperty("first_break", first);
        return problem;
    }
}
