package org.vas.registry.architecture;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.vas.registry.RegistryApplication;

class ModularityTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(RegistryApplication.class);

    @Test
    void modulesDependOnEachOtherWithoutCyclesAndOnlyThroughWhatTheyPublish() {
        MODULES.verify();
    }

    @Test
    void theModuleDiagramsCanBeWritten() {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
