package io.complaintflow.web;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Webapp logins live in Spring Session JDBC. Cockpit fires a dozen requests at once right after login, and each
 * may add the same new session attribute (Camunda's CSRF token, its authentication cache); the stock INSERT then
 * fails with a duplicate key and the login is lost. Writing attributes as an upsert makes the last one win, as
 * Spring Session's reference documentation suggests for PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
class SessionAttributeUpsert {

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> upsertSessionAttributes(DataSource dataSource) {
        String product = databaseProduct(dataSource);
        return repository -> {
            if (product.contains("postgres")) {
                repository.setCreateSessionAttributeQuery("""
                        INSERT INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
                        VALUES (?, ?, ?)
                        ON CONFLICT (SESSION_PRIMARY_ID, ATTRIBUTE_NAME)
                        DO UPDATE SET ATTRIBUTE_BYTES = EXCLUDED.ATTRIBUTE_BYTES""");
            } else if (product.contains("h2")) {
                repository.setCreateSessionAttributeQuery("""
                        MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
                        KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) VALUES (?, ?, ?)""");
            }
        };
    }

    private static String databaseProduct(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database product", e);
        }
    }
}
