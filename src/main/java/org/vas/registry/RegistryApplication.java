package org.vas.registry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.vas.registry.cli.BoundedMemory;
import org.vas.registry.cli.RegistryCommandLine;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RegistryApplication {

    public static void main(String[] args) {
        quietenAxon();
        Integer bounded = BoundedMemory.relaunchIfUnbounded(args, System.err);
        if (bounded != null) {
            System.exit(bounded);
        }
        Integer status = RegistryCommandLine.run(RegistryApplication.class, args, System.out, System.err);
        if (status != null) {
            System.exit(status);
        }
        try {
            SpringApplication.run(RegistryApplication.class, args);
        } catch (RuntimeException failed) {
            // Spring Boot has reported the failure; the status says to a supervisor or script which kind it was.
            System.exit(RegistryCommandLine.startFailureStatus(failed));
        }
    }

    /**
     * Axon reads these as system properties only. The registry runs without internet access and must not
     * phone home, so the update checker is off unless an operator explicitly turns it back on.
     */
    public static void quietenAxon() {
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
    }
}
