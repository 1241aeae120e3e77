package io.complaintflow.security;

import io.complaintflow.demo.DemoUsers;
import io.complaintflow.engine.StartupOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The {@code prod} profile's gate: creates the first administrator from the environment
 * ({@code COMPLAINTFLOW_ADMIN_USER}, {@code COMPLAINTFLOW_ADMIN_PASSWORD}) and refuses to start while a demo
 * user or a well-known default password exists.
 */
@Component
@Profile("prod")
@Order(StartupOrder.IDENTITY + 3)
public class ProductionGuard implements ApplicationRunner {

    static final Set<String> DEFAULT_PASSWORDS = Set.of("demo", "admin", "camunda", "password", "123456", "changeme");
    static final int MIN_PASSWORD_LENGTH = 12;

    private final IdentityService identity;
    private final String adminUser;
    private final String adminPassword;

    public ProductionGuard(IdentityService identity,
                           @Value("${complaintflow.admin.user:}") String adminUser,
                           @Value("${complaintflow.admin.password:}") String adminPassword) {
        this.identity = identity;
        this.adminUser = adminUser.strip();
        this.adminPassword = adminPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        createFirstAdmin();
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("prod 配置拒绝启动 / refusing to start in prod: " + String.join("; ", problems));
        }
    }

    void createFirstAdmin() {
        if (identity.createUserQuery().memberOfGroup(Groups.ADMIN).count() > 0) {
            return;
        }
        if (adminUser.isEmpty() || adminPassword.length() < MIN_PASSWORD_LENGTH
                || DEFAULT_PASSWORDS.contains(adminPassword.toLowerCase())) {
            throw new IllegalStateException("no administrator yet: set COMPLAINTFLOW_ADMIN_USER and "
                    + "COMPLAINTFLOW_ADMIN_PASSWORD (at least " + MIN_PASSWORD_LENGTH + " characters, not a default)");
        }
        User user = identity.newUser(adminUser);
        user.setFirstName("系统");
        user.setLastName("管理员");
        user.setPassword(adminPassword);
        identity.saveUser(user);
        identity.createMembership(adminUser, Groups.ADMIN);
    }

    /** Every reason this identity store is not fit for production; empty when it is. */
    public List<String> problems() {
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
