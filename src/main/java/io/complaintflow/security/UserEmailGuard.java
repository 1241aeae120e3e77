package io.complaintflow.security;

import io.complaintflow.notification.MailAddress;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/** A person's mail address in the identity store (where group mails go) is one address, or none. */
@Component
public class UserEmailGuard implements CommandGuard {

    @Override
    public boolean guards(Command<?> command) {
        return command instanceof SaveUserCmd;
    }

    @Override
    public void check(Command<?> command, CommandContext context, Authentication caller) {
        User user = CommandFields.get(command, "user");
        String email = user == null ? null : user.getEmail();
        if (email != null && !email.isBlank() && !MailAddress.isSingle(email)) {
            throw new BadUserRequestException("email: 须为一个邮箱地址 / must be a single mail address");
        }
    }
}
