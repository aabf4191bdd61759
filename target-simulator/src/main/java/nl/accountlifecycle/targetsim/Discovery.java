package nl.accountlifecycle.targetsim;

import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The discovery endpoints of RFC 7644 §4 with the representations of RFC 7643 §5 to §7: {@code /ServiceProviderConfig},
 * {@code /Schemas} and {@code /ResourceTypes}.
 * <p>
 * Choice the RFC leaves open: they answer without a bearer token, so a client can read the authentication schemes
 * before it has one; everything under {@code /Users} and {@code /Groups} needs the token.
 */
final class Discovery {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Supplier<String> scimBaseUrl;

    Discovery(Supplier<String> scimBaseUrl) {
        this.scimBaseUrl = scimBaseUrl;
    }

    static boolean handles(String endpoint) {
        return endpoint.equals("ServiceProviderConfig") || endpoint.equals("Schemas") || endpoint.equals("ResourceTypes");
    }

    /** The answer for {@code /endpoint} or {@code /endpoint/id}. */
    ObjectNode answer(String endpoint, String id) {
        return switch (endpoint) {
            case "ServiceProviderConfig" -> {
                if (id != null) {
                    throw ScimError.notFound(id);
                }
                yield serviceProviderConfig();
            }
            case "Schemas" -> one(id, List.of(schema(ScimSchemas.USER, "User", ScimSchemas.USER_ATTRS),
                    schema(ScimSchemas.ENTERPRISE_USER, "EnterpriseUser", ScimSchemas.ENTERPRISE_ATTRS),
                    schema(ScimSchemas.GROUP, "Group", ScimSchemas.GROUP_ATTRS)));
            default -> one(id, List.of(resourceType(Kind.USER), resourceType(Kind.GROUP)));
        };
    }

    private ObjectNode one(String id, List<ObjectNode> all) {
        if (id == null) {
            return ScimEndpoint.listResponse(all.size(), 1, all);
        }
        return all.stream().filter(r -> r.get("id").asText().equals(id)).findFirst().orElseThrow(() -> ScimError.notFound(id));
    }

    private ObjectNode serviceProviderConfig() {
        ObjectNode c = NODES.objectNode();
        c.putArray("schemas").add(ScimSchemas.SERVICE_PROVIDER_CONFIG);
        c.putObject("patch").put("supported", true);
        c.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        c.putObject("filter").put("supported", true).put("maxResults", ScimEndpoint.MAX_RESULTS);
        c.putObject("changePassword").put("supported", false);
        c.putObject("sort").put("supported", false);
        c.putObject("etag").put("supported", false);
        c.putArray("authenticationSchemes").addObject()
                .put("type", "oauthbearertoken")
                .put("name", "OAuth Bearer Token")
                .put("description", "A bearer token: the configured one, or one from POST /oauth/token (client credentials)")
                .put("specUri", "https://www.rfc-editor.org/info/rfc6750")
                .put("primary", true);
        c.set("meta", meta("ServiceProviderConfig", "/ServiceProviderConfig"));
        return c;
    }

    private ObjectNode schema(String urn, String name, List<Attr> attrs) {
        ObjectNode s = NODES.objectNode();
        s.putArray("schemas").add(ScimSchemas.SCHEMA);
        s.put("id", urn).put("name", name).put("description", name + ", as far as the target simulator keeps it");
        ArrayNode list = s.putArray("attributes");
        attrs.stream().filter(a -> !a.common()).forEach(a -> list.add(attribute(a)));
        s.set("meta", meta("Schema", "/Schemas/" + urn));
        return s;
    }

    private static ObjectNode attribute(Attr a) {
        ObjectNode o = NODES.objectNode().put("name", a.name()).put("type", a.type()).put("multiValued", a.multiValued())
                .put("required", a.required()).put("caseExact", a.caseExact()).put("mutability", a.mutability())
                .put("returned", "default").put("uniqueness", a.uniqueness());
        if (a.type().equals("reference")) {
            o.putArray("referenceTypes").add("uri");
        }
        if (a.complex()) {
            ArrayNode subs = o.putArray("subAttributes");
            a.subAttributes().forEach(sub -> subs.add(attribute(sub)));
        }
        return o;
    }

    private ObjectNode resourceType(Kind kind) {
        ObjectNode r = NODES.objectNode();
        r.putArray("schemas").add(ScimSchemas.RESOURCE_TYPE);
        r.put("id", kind.resourceType).put("name", kind.resourceType).put("endpoint", kind.endpoint).put("schema", kind.schema);
        if (kind.extension != null) {
            r.putArray("schemaExtensions").addObject().put("schema", kind.extension).put("required", false);
        }
        r.set("meta", meta("ResourceType", "/ResourceTypes/" + kind.resourceType));
        return r;
    }

    private ObjectNode meta(String resourceType, String path) {
        return NODES.objectNode().put("resourceType", resourceType).put("location", scimBaseUrl.get() + path);
    }
}
