package nl.accountlifecycle.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One finding of the hygiene report: who, what, and the repair that fixes it. */
record HygieneRow(HygieneKind kind, String userId, String username, String email, String detail) {

    static final List<String> COLUMNS = List.of("kind", "userId", "username", "email", "detail",
            "repairAction", "repairMethod", "repairUrl");

    /** The JSON shape; {@code repairUrl} is the repair endpoint's path on this server. */
    Map<String, Object> view(String repairUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("action", kind.repair().wire());
        Map<String, Object> repair = new LinkedHashMap<>();
        repair.put("action", kind.repair().wire());
        repair.put("method", "POST");
        repair.put("url", repairUrl);
        repair.put("body", body);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("kind", kind.wire());
        view.put("userId", userId);
        view.put("username", username);
        view.put("email", email);
        view.put("detail", detail);
        view.put("repair", repair);
        return view;
    }

    /** The CSV line, in the order of {@link #COLUMNS}. */
    String csv(String repairUrl) {
        return Csv.line(java.util.Arrays.asList(kind.wire(), userId, username, email, detail, kind.repair().wire(),
                "POST", repairUrl));
    }
}
