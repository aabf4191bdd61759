package nl.accountlifecycle.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts a delivery queue's status shows ({@code pending}, {@code failed}, {@code dead}), folded from the rows of
 * one query grouped by status and by whether a row failed before: {@code [status, 1 if attempts > 0 else 0, count]}.
 * {@code failed} counts the pending rows with at least one failed attempt. Shared by the Odoo outbox and the targets.
 */
public final class QueueCounts {

    /** The select and group-by of that query over an entity alias, e.g. {@code o}. */
    public static String select(String alias) {
        return "select " + alias + ".status, case when " + alias + ".attempts > 0 then 1 else 0 end, count(" + alias + ")";
    }

    public static String groupBy(String alias) {
        return " group by " + alias + ".status, case when " + alias + ".attempts > 0 then 1 else 0 end";
    }

    private QueueCounts() {
    }

    public static Map<String, Long> fold(List<Object[]> rows, String deadStatus) {
        Map<String, Long> counts = new HashMap<>(Map.of("pending", 0L, "failed", 0L, "dead", 0L));
        for (Object[] row : rows) {
            long n = ((Number) row[2]).longValue();
            if (deadStatus.equals(row[0])) {
                counts.merge("dead", n, Long::sum);
            } else {
                counts.merge("pending", n, Long::sum);
                if (((Number) row[1]).intValue() == 1) {
                    counts.merge("failed", n, Long::sum);
                }
            }
        }
        return counts;
    }
}
