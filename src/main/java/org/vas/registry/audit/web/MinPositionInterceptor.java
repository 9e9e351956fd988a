package org.vas.registry.audit.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.vas.registry.kernel.InvalidInputException;
import org.vas.registry.model.query.ReadModelProgress;

/**
 * Read-your-writes across clients and instances: a request carrying {@code Registry-Min-Position: N} (the
 * {@code Registry-Position} a command answered with) is served only once the read model has reached N. The wait
 * is bounded; past it the answer is 503 with {@code Retry-After}.
 */
@Configuration(proxyBeanMethods = false)
class MinPositionInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    static final String HEADER = "Registry-Min-Position";
    private static final long POLL_MILLIS = 20;

    private final ReadModelProgress progress;
    private final Duration timeout;

    MinPositionInterceptor(ReadModelProgress progress,
                           @Value("${registry.read.min-position-timeout:2s}") Duration timeout) {
        this.progress = progress;
        this.timeout = timeout;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws InterruptedException {
        String header = request.getHeader(HEADER);
        if (header == null) {
            return true;
        }
        long wanted = parse(header);
        long deadline = System.nanoTime() + timeout.toNanos();
        long reached = progress.position();
        while (reached < wanted) {
            if (System.nanoTime() > deadline) {
                throw new ReadModelBehindException(wanted, reached);
            }
            Thread.sleep(POLL_MILLIS);
            reached = progress.position();
        }
        return true;
    }

    private static long parse(String header) {
        try {
            long position = Long.parseLong(header.strip());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // Reported below, like a negative number.
        }
        throw new InvalidInputException("INVALID_POSITION", HEADER, HEADER + " must be a log position, 0 or more");
    }
}
