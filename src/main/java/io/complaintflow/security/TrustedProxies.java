package io.complaintflow.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;


/**
 * Who the client is behind load balancers: the right-most {@code X-Forwarded-For} address that was not added by
 * one of {@code complaintflow.security.trusted-proxies} — and the connection's own peer when that peer is not a
 * trusted proxy (then the header is the client's own claim and ignored). Entries are IP addresses, CIDR ranges
 * ({@code 10.0.0.0/8}) or host names (the compose balancer {@code lb}; resolved again every minute).
 */

public class TrustedProxies {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final Duration RESOLVE_AGAIN = Duration.ofMinutes(1);

    private List<String> trustedProxies = new ArrayList<>();
    private volatile List<Range> ranges;
    private volatile Instant resolvedAt = Instant.EPOCH;

    public List<String> getTrustedProxies() {
        return trustedProxies;
    }

    public void setTrustedProxies(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies == null ? new ArrayList<>() : trustedProxies;
        this.ranges = null;
    }

    /** The client's address, given the connection's peer and the X-Forwarded-For header values in order. */
    public String clientAddress(String peer, Enumeration<String> forwardedFor) {
        if (!isTrusted(peer) || forwardedFor == null) {
            return peer;
        }
        List<String> chain = new ArrayList<>();
        for (String header : Collections.list(forwardedFor)) {
            for (String part : header.split(",")) {
                if (!part.isBlank()) {
                    chain.add(part.strip());
                }
            }
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            String address = literal(chain.get(i));
            if (address == null) {
                return i == chain.size() - 1 ? peer : literal(chain.get(i + 1)); // garbage: stop at what we trust
            }
            if (!isTrusted(address)) {
                return address;
            }
        }
        return chain.isEmpty() ? peer : literal(chain.get(0));
    }

    boolean isTrusted(String address) {
        byte[] bytes = bytes(literal(address));
        if (bytes == null) {
            return false;
        }
        for (Range range : ranges()) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private List<Range> ranges() {
        List<Range> current = ranges;
        if (current == null || Instant.now().isAfter(resolvedAt.plus(RESOLVE_AGAIN)) && hasHostNames()) {
            List<Range> resolved = new ArrayList<>();
            for (String entry : trustedProxies) {
                resolved.addAll(Range.of(entry.strip()));
            }
            current = List.copyOf(resolved);
            ranges = current;
            resolvedAt = Instant.now();
        }
        return current;
    }

    private boolean hasHostNames() {
        return trustedProxies.stream().anyMatch(e -> literal(e.split("/")[0].strip()) == null);
    }

    /** An IP literal without port or brackets, or null when it is not one (never a DNS lookup). */
    static String literal(String address) {
        if (address == null) {
            return null;
        }
        String a = address.strip();
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            a = end > 0 ? a.substring(1, end) : a;
        } else if (a.indexOf(':') > 0 && a.indexOf(':') == a.lastIndexOf(':') && a.contains(".")) {
            a = a.substring(0, a.indexOf(':')); // IPv4 with a port
        }
        return IPV4.matcher(a).matches() || IPV6.matcher(a).matches() ? a : null;
    }

    private static byte[] bytes(String literal) {
        if (literal == null) {
            return null;
        }
        try {
            return InetAddress.getByName(literal).getAddress(); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Range(byte[] network, int prefix) {

        static List<Range> of(String entry) {
            if (entry.isEmpty()) {
                return List.of();
            }
            String[] parts = entry.split("/");
            String host = parts[0].strip();
            List<byte[]> addresses = new ArrayList<>();
            if (literal(host) != null) {
                addresses.add(bytes(literal(host)));
            } else {
                try {
                    for (InetAddress a : InetAddress.getAllByName(host)) {
                        addresses.add(a.getAddress());
                    }
                } catch (UnknownHostException e) {
                    return List.of(); // the balancer is not up yet: nothing trusted until it resolves
                }
            }
            List<Range> ranges = new ArrayList<>();
            for (byte[] a : addresses) {
                if (a != null) {
                    ranges.add(new Range(a, parts.length > 1 ? Integer.parseInt(parts[1].strip()) : a.length * 8));
                }
            }
            return ranges;
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int bits = prefix;
            for (int i = 0; i < address.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((address[i] & mask) != (network[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
