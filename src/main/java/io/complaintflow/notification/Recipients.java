package io.complaintflow.notification;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** Mail addresses of people and groups, from the Camunda identity store. */
@Component
public class Recipients {

    private final IdentityService identity;

    public Recipients(IdentityService identity) {
        this.identity = identity;
    }

    public List<String> ofGroup(String groupId) {
        List<String> addresses = new ArrayList<>();
        for (User user : identity.createUserQuery().memberOfGroup(groupId).list()) {
            if (user.getEmail() != null && !user.getEmail().isBlank()) {
                addresses.add(user.getEmail());
            }
        }
        return addresses;
    }

    public List<String> ofUser(String userId) {
        User user = identity.createUserQuery().userId(userId).singleResult();
        return user == null || user.getEmail() == null ? List.of() : List.of(user.getEmail());
    }
}
