package org.vas.registry.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.springframework.stereotype.Component;
import org.vas.registry.infrastructure.axon.AppendObserver;

/** Links each appended event into the chain in the appending transaction, under the append lock. */
@Component
class ChainOnAppend implements AppendObserver {

    @Override
    public void appended(Connection connection, List<String> eventIdentifiers) throws SQLException {
        ChainStore.extend(connection, eventIdentifiers);
    }
}
