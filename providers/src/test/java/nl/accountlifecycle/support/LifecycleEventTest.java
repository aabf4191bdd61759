package nl.accountlifecycle.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

class LifecycleEventTest {

    static AdminEvent admin(ResourceType resource, OperationType op, String path) {
        AdminEvent event = new AdminEvent();
        event.setRealmId("r1");
        event.setResourceType(resource);
        event.setOperationType(op);
        event.setResourcePath(path);
        return event;
    }

    @Test
    void anAdminEventOnAUserNamesTheUserAndWhatFollows() {
        LifecycleEvent e = LifecycleEvent.of(null, admin(ResourceType.USER, OperationType.ACTION, "users/u1/reset-password"));
        assertTrue(e.isAdminEvent());
        assertEquals("u1", e.userId());
        assertTrue(e.onUser(ResourceType.USER, OperationType.ACTION, "reset-password"));
        assertFalse(e.onUser(ResourceType.USER, OperationType.ACTION), "not the user itself");
        assertTrue(e.underUser(ResourceType.USER, OperationType.ACTION));
        assertFalse(e.onUser(ResourceType.USER, OperationType.UPDATE, "reset-password"), "another operation");
    }

    @Test
    void anAdminEventOnTheUserItself() {
        LifecycleEvent e = LifecycleEvent.of(null, admin(ResourceType.USER, OperationType.UPDATE, "users/u1"));
        assertTrue(e.onUser(ResourceType.USER, OperationType.UPDATE));
        assertFalse(e.onUser(ResourceType.REALM, OperationType.UPDATE));
        LifecycleEvent membership = LifecycleEvent.of(null, admin(ResourceType.GROUP_MEMBERSHIP, OperationType.CREATE,
                "users/u1/groups/g1"));
        assertTrue(membership.underUser(ResourceType.GROUP_MEMBERSHIP, OperationType.CREATE));
        assertEquals("u1", membership.userId());
    }

    @Test
    void keycloaksScimApiWritesAreOnTheUserItself() {
        LifecycleEvent created = LifecycleEvent.of(null, admin(ResourceType.USER, OperationType.CREATE, "scim/v2/Users/u1"));
        assertEquals("u1", created.userId());
        assertTrue(created.onUser(ResourceType.USER, OperationType.CREATE));
        LifecycleEvent patched = LifecycleEvent.of(null, admin(ResourceType.USER, OperationType.UPDATE, "scim/v2/Users/u1"));
        assertTrue(patched.onUser(ResourceType.USER, OperationType.UPDATE));
        for (String path : new String[] {"scim/v2/Users/", "scim/v2/Users/u1/x", "scim/v2/Groups/g1"}) {
            assertNull(LifecycleEvent.of(null, admin(ResourceType.USER, OperationType.UPDATE, path)).userId(), path);
        }
        assertNull(LifecycleEvent.of(null, admin(ResourceType.GROUP, OperationType.UPDATE, "scim/v2/Users/u1")).userId(),
                "only user events");
    }

    @Test
    void anAdminEventElsewhereNamesNoUser() {
        for (String path : new String[] {"clients/c1", "users", "users/", "groups/g1/members", null}) {
            LifecycleEvent e = LifecycleEvent.of(null, admin(ResourceType.USER, OperationType.UPDATE, path));
            assertNull(e.userId(), String.valueOf(path));
            assertFalse(e.underUser(ResourceType.USER, OperationType.UPDATE), String.valueOf(path));
            assertNull(e.user(), "no lookup without a user id");
        }
    }

    @Test
    void aUserEventKeepsItsTypeAndDetails() {
        Event event = new Event();
        event.setType(EventType.UPDATE_EMAIL);
        event.setRealmId("r1");
        event.setUserId("u1");
        event.setDetails(java.util.Map.of("previous_email", "old@example.org"));
        LifecycleEvent e = LifecycleEvent.of(null, event);
        assertFalse(e.isAdminEvent());
        assertEquals(EventType.UPDATE_EMAIL, e.type());
        assertEquals("u1", e.userId());
        assertEquals("old@example.org", e.detail("previous_email"));
        assertFalse(e.onUser(ResourceType.USER, OperationType.UPDATE));
    }
}
