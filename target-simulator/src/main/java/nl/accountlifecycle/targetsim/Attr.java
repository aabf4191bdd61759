package nl.accountlifecycle.targetsim;

import java.util.List;

/**
 * One attribute definition of a SCIM schema (RFC 7643 §7), as far as the simulator keeps and checks it. Common
 * attributes ({@code id}, {@code externalId}, {@code meta}) are defined here too, so paths and filters can name
 * them, but they are left out of {@code /Schemas} as RFC 7643 §3.1 says.
 */
record Attr(String name, String type, boolean multiValued, boolean required, boolean caseExact, String mutability,
        String uniqueness, List<Attr> subAttributes, boolean common) {

    static Attr string(String name) {
        return typed(name, "string");
    }

    static Attr typed(String name, String type) {
        return new Attr(name, type, false, false, false, "readWrite", "none", List.of(), false);
    }

    static Attr bool(String name) {
        return new Attr(name, "boolean", false, false, false, "readWrite", "none", List.of(), false);
    }

    static Attr reference(String name) {
        return new Attr(name, "reference", false, false, true, "readWrite", "none", List.of(), false);
    }

    static Attr complex(String name, Attr... subAttributes) {
        return new Attr(name, "complex", false, false, false, "readWrite", "none", List.of(subAttributes), false);
    }

    Attr multi() {
        return new Attr(name, type, true, required, caseExact, mutability, uniqueness, subAttributes, common);
    }

    Attr asRequired() {
        return new Attr(name, type, multiValued, true, caseExact, mutability, uniqueness, subAttributes, common);
    }

    Attr asCaseExact() {
        return new Attr(name, type, multiValued, required, true, mutability, uniqueness, subAttributes, common);
    }

    Attr serverUnique() {
        return new Attr(name, type, multiValued, required, caseExact, mutability, "server", subAttributes, common);
    }

    Attr readOnly() {
        return new Attr(name, type, multiValued, required, caseExact, "readOnly", uniqueness, subAttributes, common);
    }

    Attr immutable() {
        return new Attr(name, type, multiValued, required, caseExact, "immutable", uniqueness, subAttributes, common);
    }

    Attr asCommon() {
        return new Attr(name, type, multiValued, required, caseExact, mutability, uniqueness, subAttributes, true);
    }

    boolean complex() {
        return "complex".equals(type);
    }

    boolean isReadOnly() {
        return "readOnly".equals(mutability);
    }

    /** The sub-attribute of that name, matched case-insensitively (RFC 7643 §2.1), or null. */
    Attr sub(String subName) {
        return find(subAttributes, subName);
    }

    static Attr find(List<Attr> attrs, String name) {
        for (Attr a : attrs) {
            if (a.name.equalsIgnoreCase(name)) {
                return a;
            }
        }
        return null;
    }
}
