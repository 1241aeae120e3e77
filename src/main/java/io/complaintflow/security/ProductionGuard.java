package io.complaintflow.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The {@code prod} profile's gate, run when the engine is built — before the web server listens, so nobody can
 * claim Camunda Admin's first-administrator setup in between. It turns on the password policy
 * ({@link PasswordRules}), creates the first administrator from the environment ({@code COMPLAINTFLOW_ADMIN_USER},
 * {@code COMPLAINTFLOW_ADMIN_PASSWORD}) when there is none, and refuses to start while a demo user or a
 * well-known default password exists.
 */
@Component
@Profile("prod")
public class ProductionGuard extends AbstractProcessEnginePlugin {

    /** Probed against every user at start-up (each probe counts as a failed login, so it is undone). */
    static final Set<String> DEFAULT_PASSWORDS = Set.of("demo", "admin", "camunda", "password", "123456", "changeme");

    private final PasswordRules rules = new PasswordRules();
    private final String adminUser;
    private final String adminPassword;

    public ProductionGuard(AdminProperties admin) {
        this.adminUser = admin.user().strip();
        this.adminPassword = admin.password();
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setEnablePasswordPolicy(true);
        configuration.setPasswordPolicy(rules);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        IdentityService identity = engine.getIdentityService();
        createFirstAdmin(identity);
        List<String> problems = problems(identity);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("prod 配置拒绝启动 / refusing to start in prod: " + String.join("; ", problems));
        }
    }

    void createFirstAdmin(IdentityService identity) {
        if (identity.createUserQuery().memberOfGroup(Groups.ADMIN).count() > 0) {
            return;
        }
        User user = identity.newUser(adminUser.isEmpty() ? "-" : adminUser);
        List<String> violations = adminUser.isEmpty() ? List.of("COMPLAINTFLOW_ADMIN_USER is empty")
                : rules.violations(adminPassword, user);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("no administrator yet: set COMPLAINTFLOW_ADMIN_USER and "
                    + "COMPLAINTFLOW_ADMIN_PASSWORD (" + String.join("; ", violations) + ")");
        }
        if (identity.createGroupQuery().groupId(Groups.ADMIN).count() == 0) {
            Group admins = identity.newGroup(Groups.ADMIN);
            admins.setName(Groups.all().get(Groups.ADMIN));
            admins.setType("SYSTEM");
            identity.saveGroup(admins);
        }
        user.setFirstName("系统");
        user.setLastName("管理员");
        user.setPassword(adminPassword);
        identity.saveUser(user);
        identity.createMembership(adminUser, Groups.ADMIN);
    }

    /** Every reason this identity store is not fit for production; empty when it is. */
    public List<String> problems(IdentityService identity) {
        List<String> problems = new ArrayList<>();
        for (String demo : DemoUsers.userIds()) {
            if (identity.createUserQuery().userId(demo).count() > 0) {
                problems.add("demo user '" + demo + "' exists");
            }
        }
        for (User user : identity.createUserQuery().list()) {
            for (String password : DEFAULT_PASSWORDS) {
                // a failed check counts as a failed login and delays the next one: undo that every time
                identity.unlockUser(user.getId());
                if (identity.checkPassword(user.getId(), password)) {
                    problems.add("user '" + user.getId() + "' has a default password");
                    break;
                }
            }
            identity.unlockUser(user.getId());
        }
        return problems;
    }
}
