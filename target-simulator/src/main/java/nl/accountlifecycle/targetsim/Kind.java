package nl.accountlifecycle.targetsim;

import java.util.List;

/** The two resource types the simulator serves, with their schema, extension and endpoint. */
enum Kind {

    USER("User", "/Users", ScimSchemas.USER, ScimSchemas.USER_ATTRS, ScimSchemas.ENTERPRISE_USER, ScimSchemas.ENTERPRISE_ATTRS),
    GROUP("Group", "/Groups", ScimSchemas.GROUP, ScimSchemas.GROUP_ATTRS, null, List.of());

    final String resourceType;
    final String endpoint;
    final String schema;
    final List<Attr> attrs;
    /** The one schema extension this type allows, or null. */
    final String extension;
    final List<Attr> extensionAttrs;

    Kind(String resourceType, String endpoint, String schema, List<Attr> attrs, String extension, List<Attr> extensionAttrs) {
        this.resourceType = resourceType;
        this.endpoint = endpoint;
        this.schema = schema;
        this.attrs = attrs;
        this.extension = extension;
        this.extensionAttrs = extensionAttrs;
    }

    /** Whether {@code urn} names this type's extension; schema URIs are case-insensitive (RFC 7643 §2.1). */
    boolean isExtension(String urn) {
        return extension != null && extension.equalsIgnoreCase(urn);
    }
}
