package nl.accountlifecycle.odoo.client;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The few Odoo ORM calls the sync needs, independent of the wire protocol (XML-RPC or JSON-2).
 * Domains are Odoo domains: a list of terms, each term a list {@code [field, operator, value]} or an operator
 * string ({@code "|"}, {@code "&"}). Contexts are passed as given ({@code {"active_test": false}} to see
 * archived records). Implementations are thread-safe, so a worker may pipeline calls from several threads.
 */
public interface OdooClient extends AutoCloseable {

    /** Authenticates when the protocol needs it and returns the Odoo user id the calls run as. */
    int uid() throws OdooException;

    /** {@code search_read}; many2one values come back as {@code [id, display_name]} or {@code false}. */
    List<Map<String, Object>> searchRead(String model, List<Object> domain, List<String> fields,
                                         Map<String, Object> context) throws OdooException;

    /** {@code create} with a list of value maps (one call for many records); returns the new ids in order. */
    List<Integer> create(String model, List<Map<String, Object>> values, Map<String, Object> context)
            throws OdooException;

    /** {@code write}: the same values on every id. */
    void write(String model, List<Integer> ids, Map<String, Object> values, Map<String, Object> context)
            throws OdooException;

    /** The field names of a model ({@code fields_get}); used to detect fields that differ per version. */
    Set<String> fieldNames(String model) throws OdooException;

    @Override
    void close();
}
