package nl.accountlifecycle.password;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The days before expiry at which a reminder goes out (realm attribute {@value #ATTRIBUTE}, default
 * {@value #DEFAULT}), and the record of which were sent for one password: {@code <created millis>:14,7}.
 * A new password has another creation time, so its cycle starts afresh.
 */
public final class ReminderThresholds {

    public static final String ATTRIBUTE = "accountLifecycle.password.reminderDays";
    public static final String DEFAULT = "14,7,1";

    private ReminderThresholds() {
    }

    /**
     * The valid thresholds, widest first. Values that are not whole numbers, zero, negative or not below the
     * policy's days are left out (and the default is used when none is left), so a bad setting never stops the scan.
     */
    public static List<Integer> parse(String configured, int policyDays) {
        List<Integer> valid = valid(configured == null || configured.isBlank() ? DEFAULT : configured, policyDays);
        return valid.isEmpty() ? valid(DEFAULT, policyDays) : valid;
    }

    /** The problems in a configured value, for a clear message; empty when it is fine. */
    public static List<String> problems(String configured, int policyDays) {
        List<String> problems = new ArrayList<>();
        for (String part : configured.split(",")) {
            String item = part.trim();
            try {
                int days = Integer.parseInt(item);
                if (days <= 0 || days >= policyDays) {
                    problems.add(item + " is not between 1 and " + (policyDays - 1));
                }
            } catch (NumberFormatException e) {
                problems.add("'" + item + "' is not a number of days");
            }
        }
        return problems;
    }

    private static List<Integer> valid(String value, int policyDays) {
        TreeSet<Integer> days = new TreeSet<>(Comparator.reverseOrder());
        for (String part : value.split(",")) {
            try {
                int d = Integer.parseInt(part.trim());
                if (d > 0 && d < policyDays) {
                    days.add(d);
                }
            } catch (NumberFormatException ignored) {
                // reported by problems(); left out here
            }
        }
        return new ArrayList<>(days);
    }

    /** The narrowest threshold that {@code secondsLeft} falls within, or null when none. */
    public static Integer current(List<Integer> thresholdsWidestFirst, long secondsLeft) {
        Integer current = null;
        for (int days : thresholdsWidestFirst) {
            if (secondsLeft <= days * 86400L) {
                current = days;
            }
        }
        return current;
    }

    public static boolean alreadySent(String stored, long created, int threshold) {
        // a narrower reminder already sent covers the wider ones too
        return sent(stored, created).stream().anyMatch(d -> d <= threshold);
    }

    public static String record(String stored, long created, int threshold) {
        TreeSet<Integer> sent = sent(stored, created);
        sent.add(threshold);
        return format(created, sent);
    }

    public static String forget(String stored, long created, int threshold) {
        TreeSet<Integer> sent = sent(stored, created);
        sent.remove(threshold);
        return format(created, sent);
    }

    static TreeSet<Integer> sent(String stored, long created) {
        TreeSet<Integer> sent = new TreeSet<>(Comparator.reverseOrder());
        if (stored == null || !stored.startsWith(created + ":")) {
            return sent; // nothing recorded, or recorded for an earlier password
        }
        for (String part : stored.substring(stored.indexOf(':') + 1).split(",")) {
            try {
                sent.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException ignored) {
                // a damaged record only means a reminder may be sent again
            }
        }
        return sent;
    }

    private static String format(long created, TreeSet<Integer> sent) {
        StringBuilder out = new StringBuilder().append(created).append(':');
        sent.forEach(d -> out.append(out.charAt(out.length() - 1) == ':' ? "" : ",").append(d));
        return out.toString();
    }
}
