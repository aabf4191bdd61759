package nl.accountlifecycle.odoosim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code res.groups} and {@code ir.model.data} (the groups' XML ids): Odoo's own groups, what each implies
 * ({@code implied_ids}), and the x2many commands that change a user's groups.
 */
final class Groups {

    final Map<Integer, Map<String, Object>> groups = new TreeMap<>();
    final Map<Integer, Map<String, Object>> xmlIds = new TreeMap<>();

    void reset() {
        groups.clear();
        xmlIds.clear();
        group(OdooSimulator.GROUP_USER, "Role / User", "base.group_user");
        group(OdooSimulator.GROUP_ERP_MANAGER, "Administration / Access Rights", "base.group_erp_manager", OdooSimulator.GROUP_USER);
        group(OdooSimulator.GROUP_SYSTEM, "Role / Administrator", "base.group_system", OdooSimulator.GROUP_ERP_MANAGER);
        group(OdooSimulator.GROUP_SALES, "Sales / User", "sales_team.group_sale_salesman", OdooSimulator.GROUP_USER);
    }

    private void group(int id, String name, String xmlId, Integer... implied) {
        groups.put(id, new LinkedHashMap<>(Map.of("id", id, "name", name, "active", true,
                "implied_ids", new ArrayList<>(List.of(implied)))));
        String[] parts = xmlId.split("\\.", 2);
        int dataId = xmlIds.size() + 1;
        xmlIds.put(dataId, new LinkedHashMap<>(Map.of("id", dataId, "module", parts[0], "name", parts[1],
                "model", "res.groups", "res_id", id, "complete_name", xmlId, "active", true)));
    }

    /** The groups and every group they imply, transitively. */
    @SuppressWarnings("unchecked")
    Set<Integer> withImplied(Collection<Integer> assigned) {
        Set<Integer> all = new TreeSet<>();
        Deque<Integer> todo = new ArrayDeque<>(assigned);
        while (!todo.isEmpty()) {
            Integer g = todo.pop();
            if (all.add(g) && groups.containsKey(g)) {
                todo.addAll((List<Integer>) groups.get(g).get("implied_ids"));
            }
        }
        return all;
    }

    /** The group with this XML id, as {@code env.ref} finds it. */
    int byXmlId(String xmlId) {
        return xmlIds.values().stream().filter(x -> xmlId.equals(x.get("complete_name")))
                .map(x -> (Integer) x.get("res_id")).findFirst()
                .orElseThrow(() -> new OdooError(OdooError.Kind.APPLICATION, "External ID not found in the system: " + xmlId));
    }

    /** Applies x2many commands (4 link, 3 unlink, 5 clear, 6 set) to a user's assigned groups. */
    void apply(Set<Integer> current, Object commands, String field) {
        if (!(commands instanceof List<?> list)) {
            throw new OdooError(OdooError.Kind.APPLICATION, "Wrong value for res.users." + field + ": " + commands);
        }
        for (Object c : list) {
            if (!(c instanceof List<?> cmd) || cmd.isEmpty() || !(cmd.get(0) instanceof Number op)) {
                throw new OdooError(OdooError.Kind.APPLICATION, "Wrong value for res.users." + field + ": " + c);
            }
            switch (op.intValue()) {
                case 4 -> current.add(existing(cmd.get(1)));
                case 3 -> current.remove(existing(cmd.get(1)));
                case 5 -> current.clear();
                case 6 -> {
                    current.clear();
                    for (Object g : (List<?>) cmd.get(2)) {
                        current.add(existing(g));
                    }
                }
                default -> throw new OdooError(OdooError.Kind.APPLICATION, "Unsupported command " + op);
            }
        }
    }

    private int existing(Object value) {
        int id = ((Number) value).intValue();
        if (!groups.containsKey(id)) {
            throw OdooError.missing("res.groups", id);
        }
        return id;
    }
}
