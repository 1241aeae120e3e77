package io.complaintflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A database created by the last release upgrades to this one when the application starts with its own Flyway
 * settings. Migrations are numbered per team range, so a new one may sort below a released one (V56 after V80):
 * without {@code spring.flyway.out-of-order} Flyway refuses to start on every existing installation, while tests on
 * fresh databases never notice.
 */
class SchemaUpgradeTest {

    /** The schema versions of the last release (stop 25). Add the versions of each release as it ships. */
    private static final Set<String> LAST_RELEASE =
            Set.of("1", "2", "3", "4", "10", "20", "21", "30", "40", "50", "51", "55", "60", "71", "75", "80");

    @Test
    void aDatabaseOfTheLastReleaseUpgradesWithTheApplicationsFlywaySettings(@TempDir Path released) throws IOException {
        Resource[] all = new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*__*.sql");
        for (Resource migration : all) {
            String name = migration.getFilename();
            if (LAST_RELEASE.contains(name.substring(1, name.indexOf("__")))) {
                try (InputStream in = migration.getInputStream()) {
                    Files.copy(in, released.resolve(name));
                }
            }
        }
        assertThat(Files.list(released).count()).as("the released migrations are still shipped")
                .isEqualTo(LAST_RELEASE.size());

        String url = "jdbc:h2:mem:schema-upgrade-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("filesystem:" + released).load().migrate();

        Flyway upgrade = Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration")
                .outOfOrder(applicationOutOfOrder()).load();
        upgrade.migrate();

        Map<String, MigrationState> states = Arrays.stream(upgrade.info().all())
                .collect(Collectors.toMap(m -> m.getVersion().getVersion(), MigrationInfo::getState));
        assertThat(states.values()).as("every migration applied").allMatch(MigrationState::isApplied);
        assertThat(states).hasSize(all.length);
    }

    private static boolean applicationOutOfOrder() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yaml"));
        return Boolean.parseBoolean(yaml.getObject().getProperty("spring.flyway.out-of-order", "false"));
    }
}
