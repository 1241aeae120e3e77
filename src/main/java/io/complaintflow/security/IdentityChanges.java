package io.complaintflow.security;

import io.complaintflow.notification.IdentityChangeCount;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
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
import org.springframework.stereotype.Component;

/**
 * Counts the changes of users, groups, memberships or tenants committed through this node's engine (Admin,
 * {@code /engine-rest}, Java). {@link BasicLogins} answers a remembered login only while this count is the one it
 * was remembered at, so after such a change the next request here reads the new stamp at once — within its interval
 * it would not read it at all. The mail's recipients (notification/Recipients) are remembered per group the same
 * way. Refuses nothing, and depends on nothing: identity commands run while the engine and
 * its services are still being created (the first administrator of a {@code prod} start).
 */
@Component
class IdentityChanges implements CommandGuard, IdentityChangeCount {

    private static final Set<Class<?>> CHANGES = Set.of(SaveUserCmd.class, DeleteUserCmd.class, UnlockUserCmd.class,
            CreateMembershipCmd.class, DeleteMembershipCmd.class, SaveGroupCmd.class, DeleteGroupCmd.class,
            SaveTenantCmd.class, DeleteTenantCmd.class, CreateTenantUserMembershipCmd.class,
            CreateTenantGroupMembershipCmd.class, DeleteTenantUserMembershipCmd.class,
            DeleteTenantGroupMembershipCmd.class);

    private final AtomicLong committed = new AtomicLong();

    /** How many identity changes this node has committed since it started. */
    long count() {
        return committed.get();
    }

    @Override
    public long identityChanges() {
        return count();
    }

    @Override
    public boolean guards(Command<?> command) {
        return CHANGES.contains(command.getClass());
    }

    @Override
    public void check(Command<?> command, CommandContext context, Authentication caller) {
        context.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                done -> committed.incrementAndGet());
    }
}
