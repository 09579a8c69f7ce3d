package dev.hoist.dockerfile.instruction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One expanded EXPOSE entry: a port or a range, and a protocol.
 *
 * @param first the first port
 * @param last the last port (equal to {@code first} for a single port)
 * @param protocol {@code tcp}, {@code udp} or {@code sctp}
 */
public record PortSpec(int first, int last, String protocol) {

    private static final Pattern SPEC = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?(?:/([A-Za-z]+))?");

    /**
     * Parses {@code 80}, {@code 443/tcp}, {@code 53/udp} or {@code 8000-8010/tcp}.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static PortSpec parse(String text) {
        Matcher m = SPEC.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid port \"" + text + "\": expected PORT[-PORT][/PROTOCOL]");
        }
        int first = Integer.parseInt(m.group(1));
        int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
        String protocol = m.group(3) == null ? "tcp" : m.group(3).toLowerCase(Locale.ROOT);
        if (first < 1 || last > 65535 || last < first) {
            throw new IllegalArgumentException("invalid port range \"" + text + "\": ports go from 1 to 65535");
        }
        if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
            throw new IllegalArgumentException("invalid protocol \"" + m.group(3) + "\" in \"" + text + "\": use tcp, udp or sctp");
        }
        return new PortSpec(first, last, protocol);
    }

    /** The keys of the image config's {@code ExposedPorts}, one per port: {@code 8000/tcp}, {@code 8001/tcp}, ... */
    public List<String> configKeys() {
        List<String> out = new ArrayList<>(last - first + 1);
        for (int p = first; p <= last; p++) {
            out.add(p + "/" + protocol);
        }
        return out;
    }
}
