package nl.accountlifecycle.odoosim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ORM methods both protocols reach, called with named parameters and counted when answered. XML-RPC passes
 * them by position ({@link #named}); JSON-2 by name, with the records' {@code ids} apart.
 */
final class Orm {

    private static final Map<String, List<String>> PARAMETERS = Map.of(
            "search_read", List.of("domain", "fields", "offset", "limit", "order"),
            "search", List.of("domain", "offset", "limit", "order"),
            "search_count", List.of("domain"),
            "read", List.of("ids", "fields"),
            "create", List.of("vals_list"),
            "write", List.of("ids", "vals"),
            "fields_get", List.of("allfields", "attributes"),
            "has_group", List.of("ids", "group_ext_id"));
    /** {@code @api.model} methods: JSON-2 refuses {@code ids} for them (addons/rpc/controllers/json2.py, 19). */
    static final Set<String> MODEL_METHODS = Set.of("search_read", "search", "search_count", "create", "fields_get");

    private final OdooStore store;
    private final Switches switches;
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

    Orm(OdooStore store, Switches switches) {
        this.store = store;
        this.switches = switches;
    }

    static boolean knows(String method) {
        return PARAMETERS.containsKey(method);
    }

    /** The method's positional arguments ({@code execute_kw}'s {@code args}) by name, over its keyword arguments. */
    static Map<String, Object> named(String method, List<Object> args, Map<String, Object> kwargs) {
        List<String> names = PARAMETERS.getOrDefault(method, List.of());
        Map<String, Object> named = new LinkedHashMap<>(kwargs);
        for (int i = 0; i < args.size() && i < names.size(); i++) {
            named.put(names.get(i), args.get(i));
        }
        return named;
    }

    @SuppressWarnings("unchecked")
    Object call(String model, String method, Map<String, Object> params) {
        if (switches.failRate > 0 && ThreadLocalRandom.current().nextDouble() < switches.failRate) {
            throw new OdooError(OdooError.Kind.APPLICATION, "simulated server failure (psycopg2.errors.SerializationFailure)");
        }
        Map<String, Object> context = params.get("context") instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of();
        Object result;
        synchronized (store) {
            if (switches.titleModelMissing && "res.partner.title".equals(model)) {
                throw OdooVersion.unknownModel(model);
            }
            store.fields(model); // unknown model → error
            if (!knows(method)) {
                // odoo/service/model.py get_public_method (18, 19)
                throw new OdooError(OdooError.Kind.ATTRIBUTE, "The method '" + model + "." + method + "' does not exist");
            }
            result = switch (method) {
                case "search_read" -> store.read(model, search(model, params, context), strings(params.get("fields")));
                case "search" -> search(model, params, context);
                case "search_count" -> store.search(model, list(params.get("domain")), context, 0, 0).size();
                case "read" -> store.read(model, ids(params.get("ids")), strings(params.get("fields")));
                case "create" -> create(model, params.get("vals_list"));
                case "write" -> {
                    store.write(model, ids(params.get("ids")), (Map<String, Object>) params.getOrDefault("vals", Map.of()));
                    yield true;
                }
                case "has_group" -> {
                    List<Integer> ids = ids(params.get("ids"));
                    if (!"res.users".equals(model) || ids.size() != 1) {
                        throw new OdooError(OdooError.Kind.APPLICATION, "Expected singleton: " + model + "(" + ids + ")");
                    }
                    yield store.hasGroup(ids.get(0), String.valueOf(params.get("group_ext_id")));
                }
                default -> fieldsGet(model);
            };
        }
        count(method);
        return result;
    }

    private List<Integer> search(String model, Map<String, Object> params, Map<String, Object> context) {
        return store.search(model, list(params.get("domain")), context, intOr(params.get("offset"), 0),
                intOr(params.get("limit"), 0));
    }

    /** One dict gives one id, a list of dicts a list of ids, as {@code @api.model_create_multi} does. */
    @SuppressWarnings("unchecked")
    private Object create(String model, Object vals) {
        if (vals instanceof Map<?, ?> one) {
            return store.create(model, List.of(new LinkedHashMap<>((Map<String, Object>) one))).get(0);
        }
        List<Map<String, Object>> valsList = new ArrayList<>();
        for (Object v : list(vals)) {
            valsList.add(new LinkedHashMap<>((Map<String, Object>) v));
        }
        return store.create(model, valsList);
    }

    private Map<String, Object> fieldsGet(String model) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String f : store.fields(model)) {
            fields.put(f, Map.of("type", f.endsWith("_id") || "title".equals(f) ? "many2one"
                    : f.endsWith("_ids") ? "many2many" : "char", "string", f));
        }
        return fields;
    }

    void count(String method) {
        calls.computeIfAbsent(method, k -> new AtomicLong()).incrementAndGet();
    }

    long callCount(String method) {
        AtomicLong count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        calls.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    void clearCounts() {
        calls.clear();
    }

    private static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        throw new OdooError(OdooError.Kind.APPLICATION, "expected a list, got " + value);
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(String::valueOf).toList();
    }

    static List<Integer> ids(Object value) {
        if (value instanceof Number n) {
            return List.of(n.intValue());
        }
        return list(value).stream().map(v -> ((Number) v).intValue()).toList();
    }

    private static int intOr(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }
}
