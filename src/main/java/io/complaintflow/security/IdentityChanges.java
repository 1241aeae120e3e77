package io.complaintflow.security;

import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.cmd.CreateMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantGroupMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantUserMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteGroupCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantGroupMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantUserMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.SaveGroupCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTenantCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockUserCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A change of users, groups, memberships or tenants through this node's engine (Admin, {@code /engine-rest}, Java)
 * makes {@link BasicLogins} forget every remembered login once it commits, so the next request here reads the new
 * stamp at once — within its interval it would not read it at all. Refuses nothing.
 */
@Component
class IdentityChanges implements CommandGuard {

    private static final Set<Class<?>> CHANGES = Set.of(SaveUserCmd.class, DeleteUserCmd.class, UnlockUserCmd.class,
            CreateMembershipCmd.class, DeleteMembershipCmd.class, SaveGroupCmd.class, DeleteGroupCmd.class,
            SaveTenantCmd.class, DeleteTenantCmd.class, CreateTenantUserMembershipCmd.class,
            CreateTenantGroupMembershipCmd.class, DeleteTenantUserMembershipCmd.class,
            DeleteTenantGroupMembershipCmd.class);

    private final ObjectProvider<BasicLogins> logins;

    IdentityChanges(ObjectProvider<BasicLogins> logins) {
        this.logins = logins;
    }

    @Override
    public boolean guards(Command<?> command) {
        return CHANGES.contains(command.getClass());
    }

    @Override
    public void check(Command<?> command, CommandContext context, Authentication caller) {
        BasicLogins known = logins.getIfAvailable();
        if (known != null) {
            context.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed -> known.forget());
        }
    }
}
