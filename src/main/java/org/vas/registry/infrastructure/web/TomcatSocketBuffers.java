package org.vas.registry.infrastructure.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Tomcat copies a response through a write buffer of each connection and sends it to the socket one buffer at a
 * time: with its default of 8 KB, a list page of 50 models (about 80 KB) took ten writes, each waking the reader.
 * The buffer is allocated with the connection, open or idle, so its size times {@code server.tomcat.max-connections}
 * is heap the registry may need (docs/operations.md, "Memory").
 */
@Component
class TomcatSocketBuffers implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    static final DataSize MIN = DataSize.ofKilobytes(8);
    static final DataSize MAX = DataSize.ofMegabytes(1);

    private final DataSize writeBuffer;

    TomcatSocketBuffers(@Value("${registry.http.socket-write-buffer}") DataSize writeBuffer) {
        if (writeBuffer.compareTo(MIN) < 0 || writeBuffer.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("registry.http.socket-write-buffer must be from " + MIN.toKilobytes()
                    + "KB to " + MAX.toMegabytes() + "MB, not " + writeBuffer);
        }
        this.writeBuffer = writeBuffer;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            if (!connector.setProperty("socket.appWriteBufSize", Long.toString(writeBuffer.toBytes()))) {
                throw new IllegalStateException("Tomcat's connector has no socket.appWriteBufSize");
            }
        });
    }
}
