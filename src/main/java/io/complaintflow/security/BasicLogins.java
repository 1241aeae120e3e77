package io.complaintflow.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic against Camunda's identity store without Camunda's three identity transactions on every request.
 *
 * <p>API clients (intake channels, scripts, the bench's handlers) send user and password with each request. Checked
 * the engine's way that is a password check, a group query and a tenant query, each its own transaction: about ten
 * statements per request, the largest single item of a closed complaint (bench/README.md). Here each request reads
 * the user's <em>identity stamp</em> in one statement — the user row's revision, password hash and salt, failed
 * attempts and lock, the user's groups and tenants — and the engine's password check runs only when this node has
 * not yet seen these credentials succeed against exactly this stamp. Anything that could take access away changes
 * the stamp and so sends the next request through the engine's check: a new password (hash and salt), a wrong
 * password (attempts, lock), an unlock, a deleted user (no row), a removed or added group or tenant.
 *
 * <p>The stamp is read at most once per {@code complaintflow.security.login-stamp-interval} (10 s) per user and node
 * for credentials that succeeded against it: a handler's or an intake channel's burst of requests costs one read, not
 * one per request. A change of an account committed through this node's engine ends every remembered login
 * ({@link IdentityChanges} counts them), so here it counts at once; one made on another node counts here within the
 * interval. Other credentials (a wrong password, another user's) always read the stamp and go to the engine.
 *
 * <p>Passwords are never kept: a successful check is remembered as an HMAC of user and password under a key drawn
 * at start-up and never written anywhere, compared in constant time.
 */
@Component
public class BasicLogins {

    /** A checked login: who, and the groups and tenants the engine and the access rules see. */
    public record Login(String user, List<String> groups, List<String> tenants) {
    }

    /** Bounds the memory: one entry per user who logged in with Basic; past this, forget everything and re-check. */
    static final int MAX_USERS = 10_000;

    // One statement, no transaction. Tenants as Camunda's tenant query with includingGroupsOfUser(true) finds them.
    private static final String STAMP = """
            select 'u' as kind, id_ as id, cast(rev_ as varchar(20)) as rev, pwd_ as pwd, salt_ as salt,
                   cast(attempts_ as varchar(20)) as attempts, cast(lock_exp_time_ as varchar(40)) as locked
              from act_id_user where id_ = ?
            union all
            select 'g', g.id_, cast(null as varchar(20)), cast(null as varchar(255)), cast(null as varchar(255)),
                   cast(null as varchar(20)), cast(null as varchar(40))
              from act_id_membership m join act_id_group g on g.id_ = m.group_id_ where m.user_id_ = ?
            union all
            select 't', t.tenant_id_, cast(null as varchar(20)), cast(null as varchar(255)),
                   cast(null as varchar(255)), cast(null as varchar(20)), cast(null as varchar(40))
              from (select distinct tenant_id_ from act_id_tenant_member
                     where user_id_ = ? or group_id_ in (select group_id_ from act_id_membership where user_id_ = ?)) t
            """;

    private record Stamp(String state, List<String> groups, List<String> tenants) {
    }

    private record Checked(byte[] credentials, String state, Login login, long stampReadAt, long changes) {
    }

    private final IdentityService identity;
    private final JdbcTemplate jdbc;
    private final SecretKeySpec key;
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();
    private final AtomicLong passwordChecks = new AtomicLong();
    private final AtomicLong stampReads = new AtomicLong();
    private final IdentityChanges changes;
    private final long intervalNanos;

    private final LongSupplier nanoTime;

    @Autowired
    public BasicLogins(IdentityService identity, JdbcTemplate jdbc, SecurityProperties settings,
                       IdentityChanges changes) {
        this(identity, jdbc, settings, changes, System::nanoTime);
    }

    /** {@code nanoTime}: a monotonic clock (tests stand in for another node's, and move it). */
    BasicLogins(IdentityService identity, JdbcTemplate jdbc, SecurityProperties settings, IdentityChanges changes,
                LongSupplier nanoTime) {
        this.identity = identity;
        this.changes = changes;
        this.jdbc = jdbc;
        this.nanoTime = nanoTime;
        if (settings.loginStampInterval().isNegative()) {
            throw new IllegalArgumentException("complaintflow.security.login-stamp-interval must not be negative");
        }
        this.intervalNanos = settings.loginStampInterval().toNanos();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The login if user and password are right and the account is not locked; empty otherwise. */
    public Optional<Login> check(String user, String password) {
        if (user == null || user.isBlank() || password == null) {
            return Optional.empty();
        }
        byte[] credentials = mac(user, password);
        Checked known = checked.get(user);
        // the window is timed from the stamp's read, before the check that used it
        long readAt = nanoTime.getAsLong();
        // counted before the stamp's read: a change committed while it is read makes the login count as older
        long changed = changes.count();
        if (known != null && readAt - known.stampReadAt() < intervalNanos && known.changes() == changed
                && MessageDigest.isEqual(known.credentials(), credentials)) {
            return Optional.of(known.login());
        }
        // the stamp is read before the engine's check: a change after this read alters the stamp the next request
        // sees, so a success is never remembered against a state newer than the one it was checked in
        Stamp stamp = stampOf(user);
        if (stamp == null) {
            checked.remove(user);
            return Optional.empty();
        }
        Login login = new Login(user, stamp.groups(), stamp.tenants());
        if (known == null || !known.state().equals(stamp.state())
                || !MessageDigest.isEqual(known.credentials(), credentials)) {
            passwordChecks.incrementAndGet();
            if (!identity.checkPassword(user, password)) {
                checked.remove(user);
                return Optional.empty();
            }
        }
        remember(user, new Checked(credentials, stamp.state(), login, readAt, changed));
        return Optional.of(login);
    }

    private void remember(String user, Checked login) {
        if (checked.size() >= MAX_USERS) {
            checked.clear();
        }
        checked.put(user, login);
    }

    /** How many times the engine's password check ran (the rest were answered by the stamp). */
    long passwordChecks() {
        return passwordChecks.get();
    }

    /** How many times a stamp was read (the rest were answered within the interval). */
    long stampReads() {
        return stampReads.get();
    }

    private Stamp stampOf(String user) {
        stampReads.incrementAndGet();
        StringBuilder state = new StringBuilder();
        List<String> groups = new ArrayList<>();
        List<String> tenants = new ArrayList<>();
        boolean[] found = {false};
        jdbc.query(STAMP, rs -> {
            String kind = rs.getString("kind");
            String id = rs.getString("id");
            switch (kind) {
                case "u" -> {
                    found[0] = true;
                    state.append(rs.getString("rev")).append('|').append(rs.getString("pwd")).append('|')
                            .append(rs.getString("salt")).append('|').append(rs.getString("attempts")).append('|')
                            .append(rs.getString("locked"));
                }
                case "g" -> groups.add(id);
                default -> tenants.add(id);
            }
        }, user, user, user, user);
        if (!found[0]) {
            return null;
        }
        List<String> sortedGroups = groups.stream().sorted().toList();
        List<String> sortedTenants = tenants.stream().sorted().toList();
        state.append("|g=").append(String.join(",", sortedGroups)).append("|t=").append(String.join(",", sortedTenants));
        // kept as a digest: the stored password hash does not linger in this node's memory
        return new Stamp(HexFormat.of().formatHex(sha256(state.toString())), sortedGroups, sortedTenants);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private byte[] mac(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
