package org.vas.registry.model.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.model.state.PositionedModel;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/** A command's transaction reads its model from the read model once, for the aggregate and the projection both. */
@RegistryTest
class ModelRowsTest {

    @LocalServerPort
    int port;
    @Autowired
    ModelRows rows;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void aTransactionReadsAModelOnceAndTheNextOneReadsItAgain() {
        String id = Api.uniqueId("rows");
        new Api(port).register(id);
        ModelId modelId = ModelId.of(id);

        transaction.executeWithoutResult(status -> {
            Optional<PositionedModel> first = rows.load(modelId);
            assertThat(first).isPresent();
            assertThat(rows.load(modelId)).containsSame(first.get());
        });
        PositionedModel inOne = transaction.execute(status -> rows.load(modelId).orElseThrow());
        PositionedModel inAnother = transaction.execute(status -> rows.load(modelId).orElseThrow());
        assertThat(inAnother).isNotSameAs(inOne).isEqualTo(inOne);
        assertThat(rows.load(modelId).orElseThrow()).isNotSameAs(rows.load(modelId).orElseThrow());
    }
}
