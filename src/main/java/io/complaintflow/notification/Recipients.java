package io.complaintflow.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Mail addresses of people and groups, from the Camunda identity store.
 * <p>A group's addresses are remembered for {@link MailProperties#groupMembersFor} per node: a deadline storm
 * escalates thousands of complaints to the same few lead groups, one identity query each otherwise. A change of users,
 * groups or memberships committed through this node's engine ({@link IdentityChangeCount}) makes the next look read
 * again at once; one made on another node counts here within the interval — as {@code security/BasicLogins} does with
 * logins.
 */
@Component
public class Recipients {

    /** Bounds the memory: past this many groups, forget them all and read again. */
    static final int MAX_GROUPS = 1_000;

    private record Remembered(List<String> addresses, long readAt, long changes) {
    }

    private final IdentityService identity;
    private final IdentityChangeCount changes;
    private final long forNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Remembered> groups = new ConcurrentHashMap<>();
    private final AtomicLong groupReads = new AtomicLong();

    @Autowired
    public Recipients(IdentityService identity, IdentityChangeCount changes, MailProperties settings) {
        this(identity, changes, settings, System::nanoTime);
    }

    /** {@code nanoTime}: a monotonic clock (tests stand in for another node's, and move it). */
    Recipients(IdentityService identity, IdentityChangeCount changes, MailProperties settings, LongSupplier nanoTime) {
        this.identity = identity;
        this.changes = changes;
        this.forNanos = settings.groupMembersFor().toNanos();
        this.nanoTime = nanoTime;
    }

    /** The addresses of the group's members who have one (an unmodifiable list). */
    public List<String> ofGroup(String groupId) {
        long readAt = nanoTime.getAsLong();
        // counted before the read: a change committed while it reads makes what it read count as older
        long changed = changes.identityChanges();
        Remembered known = groups.get(groupId);
        if (known != null && known.changes() == changed && readAt - known.readAt() < forNanos) {
            return known.addresses();
        }
        groupReads.incrementAndGet();
        List<String> addresses = new ArrayList<>();
        for (User user : identity.createUserQuery().memberOfGroup(groupId).list()) {
            if (user.getEmail() != null && !user.getEmail().isBlank()) {
                addresses.add(user.getEmail());
            }
        }
        if (groups.size() >= MAX_GROUPS) {
            groups.clear();
        }
        Remembered read = new Remembered(List.copyOf(addresses), readAt, changed);
        groups.put(groupId, read);
        return read.addresses();
    }

    /** How many times a group's members were read (the rest were answered from memory). */
    long groupReads() {
        return groupReads.get();
    }

    public List<String> ofUser(String userId) {
        User user = identity.createUserQuery().userId(userId).singleResult();
        return user == null || user.getEmail() == null ? List.of() : List.of(user.getEmail());
    }
}
