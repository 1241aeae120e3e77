package io.complaintflow.security;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * No REVOKE authorizations, so the engine need not look for them. In mode {@code auto} Camunda probes the grants
 * table for a REVOKE ({@code TYPE_ = 2}) before the checks of every command that checks anything — 13 statements per
 * closed complaint — although {@link AuthorizationPolicy} only grants. {@code authorizationCheckRevokes: never}
 * (application.yaml) drops the probe, and is exact only while no REVOKE exists, so:
 * <ul>
 * <li>none is created: the engine's authorization manager ({@link AuthorizationQueries}) refuses inserting or saving
 * one — every way in ({@code /engine-rest}, Camunda Admin, Java, a command inside another) ends there, administrators
 * included — with a 400 naming the field {@code type};</li>
 * <li>one already there (an older version, SQL) makes the start fall back to {@code auto}, which honours it, and says so
 * in the log and in health component {@code revokeAuthorizations}.</li>
 * </ul>
 * A REVOKE written by SQL while the nodes run is seen at their next start.
 */
@Component("revokeAuthorizationsHealthIndicator")
public class RevokeAuthorizations extends AbstractProcessEnginePlugin implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(RevokeAuthorizations.class);

    static final String FIELD = "type";

    private volatile ProcessEngine engine;
    private volatile String configured;
    private volatile long found;

    /** Refuses a REVOKE authorization before the engine writes it. */
    static void refuse(DbEntity entity) {
        if (entity instanceof AuthorizationEntity authorization
                && authorization.getAuthorizationType() == Authorization.AUTH_TYPE_REVOKE) {
            throw new BadUserRequestException(FIELD + ": REVOKE authorizations (type " + Authorization.AUTH_TYPE_REVOKE
                    + ") are refused, for administrators too. The engine does not check revokes "
                    + "(authorizationCheckRevokes: never), so one would not take effect: take the permission out of "
                    + "the grant instead (docs/security.md, Engine authorizations).");
        }
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        this.engine = engine;
        this.configured = configuration().getAuthorizationCheckRevokes();
        decide();
    }

    /**
     * What the start decides: {@code never} as configured while the database holds no REVOKE authorization, else
     * {@code auto}. Returns the mode the engine now runs with.
     */
    public String decide() {
        ProcessEngineConfigurationImpl configuration = configuration();
        found = engine.getAuthorizationService().createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_REVOKE).count();
        if (ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_NEVER.equalsIgnoreCase(configured) && found > 0) {
            configuration.setAuthorizationCheckRevokes(ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_AUTO);
            log.warn("{} REVOKE authorization(s) in the database: the engine checks revokes (authorizationCheckRevokes "
                    + "'auto' instead of the configured 'never'), ≈ 13 statements more per closed complaint. Take the "
                    + "permissions out of the grants instead, delete the REVOKE authorizations in Admin and restart "
                    + "(docs/security.md, Engine authorizations)", found);
        } else {
            configuration.setAuthorizationCheckRevokes(configured);
        }
        return configuration.getAuthorizationCheckRevokes();
    }

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    /** Health component {@code revokeAuthorizations}: always UP (revokes are honoured either way), as decided at start. */
    @Override
    public Health health() {
        if (engine == null) {
            return Health.unknown().build();
        }
        Health.Builder health = Health.up()
                .withDetail("configured", configured)
                .withDetail("checkRevokes", configuration().getAuthorizationCheckRevokes())
                .withDetail("revokeAuthorizationsAtStart", found);
        if (found > 0 && ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_NEVER.equalsIgnoreCase(configured)) {
            health.withDetail("action", "REVOKE authorizations make every checked command probe for them: take the "
                    + "permissions out of the grants, delete the REVOKE authorizations in Admin and restart the nodes "
                    + "(docs/security.md)");
        }
        return health.build();
    }
}
