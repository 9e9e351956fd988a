package org.vas.registry.infrastructure.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.util.unit.DataSize;
import org.vas.registry.support.RegistryTest;

@RegistryTest
class TomcatSocketBuffersTest {

    @Autowired
    ServletWebServerApplicationContext context;

    @Test
    void theRunningConnectorWritesThirtyTwoKilobytesAtATimeAndHoldsAtMostAThousandConnections() {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();

        assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString("32768");
        assertThat(connector.getProperty("maxConnections")).hasToString("1000");
    }

    @Test
    void aWriteBufferOutsideEightKilobytesToOneMegabyteStopsTheStart() {
        assertThatThrownBy(() -> new TomcatSocketBuffers(DataSize.ofKilobytes(4)))
                .hasMessage("registry.http.socket-write-buffer must be from 8KB to 1MB, not 4096B");
        assertThatThrownBy(() -> new TomcatSocketBuffers(DataSize.ofMegabytes(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
