package nl.accountlifecycle.odoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import nl.accountlifecycle.support.LifecycleEvent;
import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

class OdooOutboxTest {

    static ChangeKind admin(ResourceType resource, OperationType op, String path) {
        AdminEvent event = new AdminEvent();
        event.setResourceType(resource);
        event.setOperationType(op);
        event.setResourcePath(path);
        return OdooOutbox.adminChange(LifecycleEvent.of(null, event));
    }

    static ChangeKind user(EventType type) {
        Event event = new Event();
        event.setType(type);
        return OdooOutbox.userChange(LifecycleEvent.of(null, event));
    }

    @Test
    void adminChangesOfAUserAreQueuedWithTheirKind() {
        assertEquals(ChangeKind.CREATED, admin(ResourceType.USER, OperationType.CREATE, "users/u1"));
        assertEquals(ChangeKind.UPDATED, admin(ResourceType.USER, OperationType.UPDATE, "users/u1"));
        assertEquals(ChangeKind.DELETED, admin(ResourceType.USER, OperationType.DELETE, "users/u1"));
        assertEquals(ChangeKind.IMPORTED, admin(ResourceType.REALM, OperationType.CREATE, "users/u1"), "partial import");
        assertEquals(ChangeKind.GROUPS, admin(ResourceType.GROUP_MEMBERSHIP, OperationType.DELETE, "users/u1/groups/g1"));
        assertNull(admin(ResourceType.USER, OperationType.ACTION, "users/u1/reset-password"));
        assertNull(admin(ResourceType.USER, OperationType.UPDATE, "users/u1/credentials/c1"));
        assertNull(admin(ResourceType.REALM, OperationType.UPDATE, "realms/r1"));
    }

    @Test
    void selfServiceChangesAreQueuedAndLoginsAreNot() {
        assertEquals(ChangeKind.CREATED, user(EventType.REGISTER));
        assertEquals(ChangeKind.PROFILE, user(EventType.UPDATE_PROFILE));
        assertEquals(ChangeKind.EMAIL_CONFIRMED, user(EventType.UPDATE_EMAIL));
        assertEquals(ChangeKind.DELETED, user(EventType.DELETE_ACCOUNT));
        assertNull(user(EventType.LOGIN));
        assertEquals("email_confirmed", ChangeKind.EMAIL_CONFIRMED.wire(), "the stored value is unchanged");
    }
}
