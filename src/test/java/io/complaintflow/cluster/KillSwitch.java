package io.complaintflow.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Lets a test crash a node the way the database sees a crash: every physical connection the node has
 * opened is closed under it — open transactions roll back, nothing is unlocked — and it opens no more.
 * (Closing the pool is not the same on H2, whose connections ignore {@code abort}.)
 */
final class KillSwitch implements BeanPostProcessor {

    private final Set<Connection> physicalConnections = ConcurrentHashMap.newKeySet();
    private volatile boolean killed;

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource dataSource && !(bean instanceof Tracking) ? new Tracking(dataSource) : bean;
    }

    void kill() {
        killed = true;
        for (Connection connection : physicalConnections) {
            try {
                connection.close();
            } catch (SQLException alreadyGone) {
                // nothing left to close
            }
        }
    }

    private final class Tracking extends DelegatingDataSource {

        Tracking(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return track(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return track(super.getConnection(username, password));
        }

        private Connection track(Connection pooled) throws SQLException {
            if (killed) {
                pooled.close();
                throw new SQLException("this node was killed");
            }
            physicalConnections.add(pooled.unwrap(Connection.class));
            return pooled;
        }
    }
}
