package io.complaintflow.security;

import io.complaintflow.complaint.Department;
import io.complaintflow.complaint.ReadScope;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The caller's {@link ReadScope}, from their groups. */
@Component
public class ReadScopes implements ReadScope.Caller {

    @Override
    public ReadScope readScope() {
        return current();
    }

    public static ReadScope current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            // not a web request (a job, a delegate, a test calling services): the engine's own rules apply
            return new ReadScope(true, null, List.of());
        }
        return of(auth.getName(), auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
    }

    public static ReadScope of(String user, Collection<String> groups) {
        // privacy officers read every complaint to answer a customer's access request; they work no tasks
        if (groups.contains(Groups.ADMIN) || groups.contains(Groups.PRIVACY_OFFICERS)
                || groups.stream().anyMatch(Groups.READ_ALL::contains)) {
            return new ReadScope(true, user, List.of());
        }
        Set<String> groupSet = Set.copyOf(groups);
        List<String> departments = java.util.Arrays.stream(Department.values())
                .filter(d -> groupSet.contains(Groups.department(d.code()))
                        || groupSet.contains(Groups.departmentLead(d.code())))
                .map(Department::code).collect(Collectors.toList());
        return new ReadScope(false, user, departments);
    }
}
