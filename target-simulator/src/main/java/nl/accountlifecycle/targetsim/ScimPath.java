package nl.accountlifecycle.targetsim;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An attribute path (RFC 7644 §3.10 and the PATCH "path" grammar of §3.5.2): an optional schema URI, an attribute,
 * an optional value filter in brackets and an optional sub-attribute, as in
 * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department}, {@code name.familyName} or
 * {@code members[value eq "2819c223"]}. {@code attr} is null when the path names the whole extension.
 */
record ScimPath(String extension, Attr attr, ScimFilter valueFilter, Attr subAttr, String text) {

    /** Parses a PATCH path; a path the schema does not know is 400 {@code invalidPath}. */
    static ScimPath parse(String text, Kind kind, boolean allowValueFilter) {
        String rest = text.strip();
        String extension = null;
        List<Attr> names = kind.attrs;
        if (rest.regionMatches(true, 0, "urn:", 0, 4)) {
            String ext = kind.extension;
            if (ext != null && rest.regionMatches(true, 0, ext, 0, ext.length())
                    && (rest.length() == ext.length() || rest.charAt(ext.length()) == ':')) {
                if (rest.length() == ext.length()) {
                    return new ScimPath(ext, null, null, null, text);
                }
                extension = ext;
                names = kind.extensionAttrs;
                rest = rest.substring(ext.length() + 1);
            } else if (rest.regionMatches(true, 0, kind.schema + ":", 0, kind.schema.length() + 1)) {
                rest = rest.substring(kind.schema.length() + 1);
            } else {
                throw ScimError.invalidPath("'" + text + "' names a schema the " + kind.resourceType + " resource does not have");
            }
        }
        int bracket = rest.indexOf('[');
        int dot = rest.indexOf('.');
        int end = bracket >= 0 ? bracket : dot >= 0 ? dot : rest.length();
        Attr attr = Attr.find(names, rest.substring(0, end));
        if (attr == null) {
            throw ScimError.invalidPath("'" + text + "' is not an attribute of " + kind.resourceType);
        }
        ScimFilter filter = null;
        String after = rest.substring(end);
        if (bracket >= 0 && bracket == end) {
            int close = closingBracket(after);
            if (!allowValueFilter || close < 0 || !attr.multiValued() || !attr.complex()) {
                throw ScimError.invalidPath("'" + text + "' has a value filter where none is allowed");
            }
            filter = ScimFilter.within(after.substring(1, close), attr);
            after = after.substring(close + 1);
        }
        Attr sub = null;
        if (!after.isEmpty()) {
            sub = after.startsWith(".") ? attr.sub(after.substring(1)) : null;
            if (sub == null) {
                throw ScimError.invalidPath("'" + text + "' names no sub-attribute of '" + attr.name() + "'");
            }
        }
        return new ScimPath(extension, attr, filter, sub, text);
    }

    /** The object holding the attribute: the resource, or its extension object (created when {@code create}). */
    ObjectNode container(ObjectNode resource, boolean create) {
        if (extension == null) {
            return resource;
        }
        JsonNode ext = resource.get(extension);
        if (ext instanceof ObjectNode o) {
            return o;
        }
        return create ? resource.putObject(extension) : null;
    }

    /** The attribute the path ends at: the sub-attribute if any, a multi-valued complex attribute's "value" otherwise. */
    Attr leaf() {
        if (subAttr != null) {
            return subAttr;
        }
        return attr.multiValued() && attr.complex() ? attr.sub("value") : attr;
    }

    /** Every value the path reaches in a resource, for filters ("emails.value" reaches each email's value). */
    List<JsonNode> values(JsonNode resource) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode container = extension == null ? resource : resource.get(extension);
        JsonNode v = container == null || attr == null ? null : container.get(attr.name());
        if (v == null || v.isNull()) {
            return out;
        }
        if (attr.multiValued()) {
            Attr leaf = leaf();
            for (JsonNode item : v) {
                JsonNode x = leaf == attr ? item : item.get(leaf.name());
                if (x != null && !x.isNull()) {
                    out.add(x);
                }
            }
        } else if (subAttr != null) {
            JsonNode x = v.get(subAttr.name());
            if (x != null && !x.isNull()) {
                out.add(x);
            }
        } else {
            out.add(v);
        }
        return out;
    }

    private static int closingBracket(String s) {
        boolean quoted = false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ']' && !quoted) {
                return i;
            }
        }
        return -1;
    }
}
