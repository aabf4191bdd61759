package nl.accountlifecycle.password;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The days before expiry at which a reminder goes out (realm attribute {@value #ATTRIBUTE}, default
 * {@value #DEFAULT}), and the bands a scan looks at. Which reminders were sent for a password is kept in the table
 * {@code AL_PASSWORD_REMINDER} ({@link PasswordReminderEntity}: user, the password's creation time, threshold), so
 * a new password, with another creation time, starts its cycle afresh.
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

    /**
     * The bands a scan looks at, widest first: a password whose expiry is more than {@code narrowerDays} and at most
     * {@code days} away is due for the {@code days} reminder (and the narrower bands take over from there).
     */
    public record Band(int days, int narrowerDays) {
    }

    public static List<Band> bands(List<Integer> thresholdsWidestFirst) {
        List<Band> bands = new ArrayList<>();
        for (int i = 0; i < thresholdsWidestFirst.size(); i++) {
            int narrower = i + 1 < thresholdsWidestFirst.size() ? thresholdsWidestFirst.get(i + 1) : 0;
            bands.add(new Band(thresholdsWidestFirst.get(i), narrower));
        }
        return bands;
    }
}
