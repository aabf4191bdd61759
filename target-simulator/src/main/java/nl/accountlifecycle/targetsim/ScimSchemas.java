package nl.accountlifecycle.targetsim;

import java.util.List;

/**
 * The schemas the simulator speaks (RFC 7643 §4 and §8.7.1), reduced to the attributes it keeps: core User with
 * the Enterprise User extension, and core Group.
 */
final class ScimSchemas {

    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    static final Attr ID = Attr.string("id").asCaseExact().serverUnique().readOnly().asCommon();
    static final Attr EXTERNAL_ID = Attr.string("externalId").asCaseExact().asCommon();
    static final Attr META = Attr.complex("meta", Attr.string("resourceType"), Attr.typed("created", "dateTime"),
            Attr.typed("lastModified", "dateTime"), Attr.reference("location")).readOnly().asCommon();

    static final List<Attr> USER_ATTRS = List.of(ID, EXTERNAL_ID, META,
            Attr.string("userName").asRequired().serverUnique(),
            Attr.complex("name", Attr.string("formatted"), Attr.string("familyName"), Attr.string("givenName"),
                    Attr.string("middleName")),
            Attr.string("displayName"),
            Attr.string("title"),
            Attr.bool("active"),
            Attr.complex("emails", Attr.string("value"), Attr.string("type"), Attr.bool("primary")).multi(),
            Attr.complex("phoneNumbers", Attr.string("value"), Attr.string("type")).multi(),
            Attr.complex("groups", Attr.string("value").readOnly(), Attr.reference("$ref").readOnly(),
                    Attr.string("display").readOnly(), Attr.string("type").readOnly()).multi().readOnly());

    static final List<Attr> ENTERPRISE_ATTRS = List.of(
            Attr.string("employeeNumber"),
            Attr.string("organization"),
            Attr.string("department"),
            Attr.complex("manager", Attr.string("value"), Attr.reference("$ref"), Attr.string("displayName").readOnly()));

    static final List<Attr> GROUP_ATTRS = List.of(ID, EXTERNAL_ID, META,
            Attr.string("displayName").asRequired(),
            Attr.complex("members", Attr.string("value").immutable(), Attr.reference("$ref").immutable(),
                    Attr.string("type").immutable(), Attr.string("display").readOnly()).multi());

    private ScimSchemas() {
    }
}
