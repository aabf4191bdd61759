package nl.accountlifecycle.password;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import nl.accountlifecycle.support.Clock;
import liquibase.resource.ResourceAccessor;

/**
 * Moves the reminders that bundle versions before 2026-11-23 recorded in the user attribute
 * {@value #LEGACY_ATTRIBUTE} ({@code <password created, epoch ms>:<threshold days>,...}) into
 * {@code AL_PASSWORD_REMINDER}, and removes the attribute. Without it, the first scan after such an upgrade
 * reminds every user again. A Liquibase change, so it runs once per database, under Liquibase's lock, before
 * any node scans.
 */
public final class LegacyReminderMigration implements CustomTaskChange {

    static final String LEGACY_ATTRIBUTE = "accountLifecycle.password.remindersSent";

    /** One recorded reminder: a password (by its creation time) and a threshold. */
    record Sent(long passwordCreated, int thresholdDays) {
    }

    /** The reminders a legacy attribute value records; a damaged value records none (at worst, one reminder again). */
    static List<Sent> parse(String stored) {
        List<Sent> sent = new ArrayList<>();
        int colon = stored == null ? -1 : stored.indexOf(':');
        if (colon <= 0) {
            return sent;
        }
        long created;
        try {
            created = Long.parseLong(stored.substring(0, colon).trim());
        } catch (NumberFormatException e) {
            return sent;
        }
        TreeSet<Integer> days = new TreeSet<>();
        for (String part : stored.substring(colon + 1).split(",")) {
            try {
                days.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException ignored) {
                // a damaged part only means that reminder may be sent again
            }
        }
        days.forEach(d -> sent.add(new Sent(created, d)));
        return sent;
    }

    @Override
    public void execute(Database database) throws CustomChangeException {
        String attributes = table(database, "USER_ATTRIBUTE");
        String users = table(database, "USER_ENTITY");
        String reminders = table(database, "AL_PASSWORD_REMINDER");
        Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
        long now = Clock.millis();
        try (PreparedStatement select = connection.prepareStatement("select a.USER_ID, u.REALM_ID, a.VALUE from "
                + attributes + " a join " + users + " u on u.ID = a.USER_ID where a.NAME = ?");
             PreparedStatement insert = connection.prepareStatement("insert into " + reminders
                     + " (ID, REALM_ID, USER_ID, PASSWORD_CREATED, THRESHOLD_DAYS, SENT_AT) values (?, ?, ?, ?, ?, ?)");
             PreparedStatement exists = connection.prepareStatement("select ID from " + reminders + " where ID = ?");
             PreparedStatement delete = connection.prepareStatement("delete from " + attributes + " where NAME = ?")) {
            select.setString(1, LEGACY_ATTRIBUTE);
            TreeSet<String> keys = new TreeSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    for (Sent s : parse(rows.getString(3))) {
                        String key = PasswordReminderEntity.key(rows.getString(1), s.passwordCreated(), s.thresholdDays());
                        // each reminder once, also when a version between kept it in the table already
                        if (keys.add(key) && !recorded(exists, key)) {
                            insert.setString(1, key);
                            insert.setString(2, rows.getString(2));
                            insert.setString(3, rows.getString(1));
                            insert.setLong(4, s.passwordCreated());
                            insert.setInt(5, s.thresholdDays());
                            insert.setLong(6, now);
                            insert.addBatch();
                        }
                    }
                }
            }
            insert.executeBatch();
            delete.setString(1, LEGACY_ATTRIBUTE);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new CustomChangeException("moving " + LEGACY_ATTRIBUTE + " into AL_PASSWORD_REMINDER failed", e);
        }
    }

    private static boolean recorded(PreparedStatement exists, String key) throws SQLException {
        exists.setString(1, key);
        try (ResultSet row = exists.executeQuery()) {
            return row.next();
        }
    }

    private static String table(Database database, String name) {
        return database.escapeTableName(database.getLiquibaseCatalogName(), database.getLiquibaseSchemaName(), name);
    }

    @Override
    public String getConfirmationMessage() {
        return "password reminders recorded in " + LEGACY_ATTRIBUTE + " moved to AL_PASSWORD_REMINDER";
    }

    @Override
    public void setUp() {
    }

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {
    }

    @Override
    public ValidationErrors validate(Database database) {
        return new ValidationErrors();
    }
}
