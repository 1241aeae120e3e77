/**
 * What the features' Flyway migrations written in Java share ({@link io.complaintflow.schema.JavaSchemaMigration}):
 * version, description and checksum given once, the connection, the database's product. The migrations themselves
 * live in the package that owns their tables; the SQL migrations in {@code src/main/resources/db/migration}.
 */
package io.complaintflow.schema;
