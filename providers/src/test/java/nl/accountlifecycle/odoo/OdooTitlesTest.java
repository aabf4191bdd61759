package nl.accountlifecycle.odoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import nl.accountlifecycle.odoo.client.OdooClient;
import nl.accountlifecycle.odoo.client.OdooException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.Time;

/** Which failures of the title lookup leave the title out, and which fail the batch; and when it is tried again. */
class OdooTitlesTest {

    /** Answers the title lookup with {@code failure}, or with one title. */
    static OdooClient answering(OdooException failure) {
        return new OdooClient() {
            public int uid() {
                return 2;
            }

            public List<Map<String, Object>> searchRead(String model, List<Object> domain, List<String> fields,
                                                        Map<String, Object> context) throws OdooException {
                if (failure != null) {
                    throw failure;
                }
                return List.of(Map.of("id", 1, "name", "Mister", "shortcut", "Mr."));
            }

            public List<Integer> create(String model, List<Map<String, Object>> values, Map<String, Object> context) {
                throw new UnsupportedOperationException();
            }

            public void write(String model, List<Integer> ids, Map<String, Object> values, Map<String, Object> context) {
                throw new UnsupportedOperationException();
            }

            public Set<String> fieldNames(String model) {
                return Set.of();
            }

            public void close() {
            }
        };
    }

    @AfterEach
    void clock() {
        Time.setOffset(0);
    }

    @Test
    void aModelOdooRefusesLeavesTheTitleOutUntilTheRetryTime() throws OdooException {
        OdooTitles titles = new OdooTitles();
        titles.lookUp(answering(new OdooException(OdooException.Kind.VALIDATION, "fault 2")));
        assertNull(titles.ids(), "no ids: the title is left out");
        assertTrue(titles.problem().contains("validation: fault 2"), titles.problem());
        assertFalse(titles.stale(), "not tried again at once");
        Time.setOffset((int) (OdooTitles.RETRY_MILLIS / 1000) + 1);
        assertTrue(titles.stale(), "tried again after the retry time");
        titles.lookUp(answering(null));
        assertEquals(Map.of("mr", 1), titles.ids());
        assertNull(titles.problem());
    }

    @Test
    void accessAndServerErrorsAreTheTitlesProblemToo() throws OdooException {
        for (OdooException.Kind kind : List.of(OdooException.Kind.ACCESS, OdooException.Kind.SERVER)) {
            OdooTitles titles = new OdooTitles();
            titles.lookUp(answering(new OdooException(kind, "x")));
            assertNull(titles.ids(), kind.name());
        }
    }

    @Test
    void anUnreachableOrRefusingOdooFailsTheBatchAndIsNoSkippedField() {
        for (OdooException.Kind kind : List.of(OdooException.Kind.UNAVAILABLE, OdooException.Kind.AUTHENTICATION,
                OdooException.Kind.PROTOCOL, OdooException.Kind.DATABASE)) {
            OdooTitles titles = new OdooTitles();
            OdooException down = new OdooException(kind, "x");
            assertSame(down, assertThrows(OdooException.class, () -> titles.lookUp(answering(down))), kind.name());
            assertNull(titles.problem(), kind.name());
        }
    }
}
