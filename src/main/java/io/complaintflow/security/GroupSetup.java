package io.complaintflow.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import io.complaintflow.engine.StartupOrder;

/** Makes sure every group the models and filters name exists in the identity store (idempotent). */
@Component
@Order(StartupOrder.IDENTITY)
public class GroupSetup implements ApplicationRunner {

    private final IdentityService identity;

    public GroupSetup(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public void run(ApplicationArguments args) {
        Groups.all().forEach((id, name) -> {
            Group group = identity.createGroupQuery().groupId(id).singleResult();
            if (group == null) {
                group = identity.newGroup(id);
                group.setName(name);
                group.setType(id.equals(Groups.ADMIN) ? "SYSTEM" : "WORKFLOW");
                identity.saveGroup(group);
            }
        });
    }
}
