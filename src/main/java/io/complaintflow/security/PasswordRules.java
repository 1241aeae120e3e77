package io.complaintflow.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;

/**
 * The production password policy, Camunda's plug point ({@link PasswordPolicy}): the engine checks it whenever a
 * password is set (Admin, {@code /engine-rest/user}, Java), and Admin shows the rules next to the field.
 * At least {@value #MIN_LENGTH} characters, not a well-known default or common password, not the user's own id
 * or name.
 */
public final class PasswordRules implements PasswordPolicy {

    public static final int MIN_LENGTH = 12;

    /** Defaults of Camunda, this project and common products, and the most common long passwords. */
    public static final Set<String> KNOWN_DEFAULTS = Set.of("demo", "admin", "camunda", "password", "123456",
            "changeme", "secret", "root", "test", "guest", "12345678", "123456789", "1234567890", "123456789012",
            "1234567890ab", "qwerty", "qwertyuiop", "qwertyuiop12", "qwerty123456", "1q2w3e4r5t6y", "password123",
            "password1234", "passw0rd1234", "adminadmin12", "admin1234567", "administrator", "changeme1234",
            "camunda12345", "camunda123456", "complaintflow", "complaintflow1", "iloveyou1234", "a1b2c3d4e5f6",
            "abcdefghijkl", "abc123456789", "111111111111", "000000000000", "welcome12345", "letmein12345");

    private final List<PasswordPolicyRule> rules = List.of(new MinLength(), new NotKnownDefault(), new NotUserData());

    @Override
    public List<PasswordPolicyRule> getRules() {
        return rules;
    }

    /** Each rule the password breaks, in words an operator understands; empty when it passes. */
    public List<String> violations(String password, User user) {
        List<String> violations = new ArrayList<>();
        if (password == null || password.length() < MIN_LENGTH) {
            violations.add("at least " + MIN_LENGTH + " characters");
        }
        if (password != null && isKnownDefault(password)) {
            violations.add("not a well-known default or common password");
        }
        if (password != null && user != null && containsUserData(password, user)) {
            violations.add("not the user's id or name");
        }
        return violations;
    }

    static boolean isKnownDefault(String password) {
        String p = password.toLowerCase(Locale.ROOT);
        return KNOWN_DEFAULTS.contains(p) || p.chars().distinct().count() <= 2;
    }

    static boolean containsUserData(String password, User user) {
        String p = password.toLowerCase(Locale.ROOT);
        for (String data : new String[] {user.getId(), user.getFirstName(), user.getLastName()}) {
            if (data != null && data.length() >= 3 && p.contains(data.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** Camunda Admin translates this placeholder and shows the parameter. */
    private static final class MinLength implements PasswordPolicyRule {
        @Override
        public String getPlaceholder() {
            return "PASSWORD_POLICY_LENGTH";
        }

        @Override
        public Map<String, String> getParameters() {
            return Map.of("minLength", String.valueOf(MIN_LENGTH));
        }

        @Override
        public boolean execute(String password) {
            return password != null && password.length() >= MIN_LENGTH;
        }
    }

    private static final class NotKnownDefault implements PasswordPolicyRule {
        @Override
        public String getPlaceholder() {
            return "PASSWORD_POLICY_NOT_KNOWN_DEFAULT";
        }

        @Override
        public Map<String, String> getParameters() {
            return Map.of();
        }

        @Override
        public boolean execute(String password) {
            return password != null && !isKnownDefault(password);
        }
    }

    /** Same placeholder as Camunda's own user-data rule, so Admin shows its text. */
    private static final class NotUserData implements PasswordPolicyRule {
        @Override
        public String getPlaceholder() {
            return "PASSWORD_POLICY_USER_DATA";
        }

        @Override
        public Map<String, String> getParameters() {
            return Map.of();
        }

        @Override
        public boolean execute(String password) {
            return true;
        }

        @Override
        public boolean execute(String password, User user) {
            return password != null && (user == null || !containsUserData(password, user));
        }
    }
}
