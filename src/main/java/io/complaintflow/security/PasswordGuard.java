package io.complaintflow.security;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.stereotype.Component;

/**
 * When the password policy is on (prod), a password that breaks it is refused as a bad request naming each rule,
 * before the engine's own check (which answers {@code /engine-rest} with a 500).
 */
@Component
public class PasswordGuard implements CommandGuard {

    private static final PasswordRules RULES = new PasswordRules();

    @Override
    public boolean guards(Command<?> command) {
        return command instanceof SaveUserCmd;
    }

    @Override
    public void check(Command<?> command, CommandContext context, Authentication caller) {
        if (!context.getProcessEngineConfiguration().isEnablePasswordPolicy()) {
            return;
        }
        User user = CommandFields.get(command, "user");
        if (!(user instanceof UserEntity entity) || !entity.hasNewPassword()) {
            return;
        }
        String password = CommandFields.get(entity, "newPassword");
        List<String> violations = RULES.violations(password, user);
        if (!violations.isEmpty()) {
            throw new BadUserRequestException("password: " + String.join("; ", violations));
        }
    }
}
