package nl.accountlifecycle.password;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;
import nl.accountlifecycle.activation.ActivationState;
import nl.accountlifecycle.support.AfterCommitMail;
import nl.accountlifecycle.support.Clock;
import nl.accountlifecycle.support.KeycloakTables;
import nl.accountlifecycle.support.LinkBase;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * A reminder scan over one realm, or all realms, whose policy has {@code forceExpiredPasswordChange}. A user gets one mail
 * per threshold per password: what was sent is recorded in {@code AL_PASSWORD_REMINDER} (user, the password's
 * creation time, threshold), in the transaction that finds the user due; the mail goes out after that commits,
 * and a failed send removes the record so the next run tries again. Finding and recording the due users reads
 * only their rows and loads no user model; only sending does.
 */
public final class ReminderScan {

    public static final String LOCK = "account-lifecycle-password-reminders";
    static final String TEMPLATE = "account-lifecycle-password-reminder.ftl";
    static final int PAGE = 500;

    /** What one scan found: users due for a mail, mails sent, and due users passed over (no email, not activated). */
    public record Result(int due, int sent, int skipped, long scanMillis, long sendMillis) {
    }

    /** The due users of one scan, recorded and committed, with the mails still to send. */
    public record Found(int due, int skipped, long scanMillis, List<Mail> mails) {
    }

    record Mail(String realmId, String userId, long passwordCreated, int threshold, Instant expiresAt, String accountUrl) {
    }

    private ReminderScan() {
    }

    /** The scheduled scan: every realm, then the mails, each with its realm's own link base. */
    public static Result run(KeycloakSessionFactory factory) {
        Found found = scan(factory, null);
        long start = System.nanoTime();
        int sent = deliver(factory, found.mails());
        return new Result(found.due(), sent, found.skipped(), found.scanMillis(), (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Finds and records the due users of one realm, or of every realm when {@code realmIdOrNull} is null, in one
     * transaction that has committed when this returns. No mail is sent yet.
     */
    public static Found scan(KeycloakSessionFactory factory, String realmIdOrNull) {
        List<Mail> mails = new ArrayList<>();
        int[] counts = new int[2];
        long start = System.nanoTime();
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            List<RealmModel> realms = realmIdOrNull == null
                    ? session.realms().getRealmsStream().toList()
                    : java.util.Optional.ofNullable(session.realms().getRealm(realmIdOrNull)).stream().toList();
            for (RealmModel realm : realms) {
                session.getContext().setRealm(realm);
                markDue(session, realm, mails, counts);
            }
        });
        return new Found(counts[0], counts[1], (System.nanoTime() - start) / 1_000_000, List.copyOf(mails));
    }

    /** Sends the mails of a committed scan, one transaction each; returns how many went out. */
    public static int deliver(KeycloakSessionFactory factory, List<Mail> mails) {
        int sent = 0;
        for (Mail mail : mails) {
            if (deliver(factory, mail)) {
                sent++;
            }
        }
        return sent;
    }

    /** In the scan's transaction: find due users and record the reminder as sent before any mail goes out. */
    private static void markDue(KeycloakSession session, RealmModel realm, List<Mail> mails, int[] counts) {
        PasswordSettings settings = PasswordSettings.of(realm);
        int policyDays = settings.policyDays();
        List<Integer> thresholds = settings.reminderDays();
        if (policyDays <= 0 || thresholds.isEmpty()) {
            return;
        }
        Instant now = Clock.now();
        String accountUrl = accountUrl(realm);
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        KeycloakTables query = new KeycloakTables(session);
        for (ReminderThresholds.Band b : ReminderThresholds.bands(thresholds)) {
            int threshold = b.days();
            int narrower = b.narrowerDays();
            // the whole band first: recording marks while paging would shift the pages
            List<KeycloakTables.Reminder> band = new ArrayList<>();
            for (int first = 0; ; first += PAGE) {
                List<KeycloakTables.Reminder> page = query.dueForReminder(realm.getId(), policyDays, threshold, narrower,
                        ActivationState.STATUS, now, first, PAGE);
                band.addAll(page);
                if (page.size() < PAGE) {
                    break;
                }
            }
            for (KeycloakTables.Reminder due : band) {
                counts[0]++;
                if (due.email() == null || notActivated(due.activationStatus())) {
                    counts[1]++;
                    continue;
                }
                long created = due.passwordCreated().toEpochMilli();
                em.persist(new PasswordReminderEntity(realm.getId(), due.userId(), created, threshold, now.toEpochMilli()));
                mails.add(new Mail(realm.getId(), due.userId(), created, threshold, due.expiresAt(), accountUrl));
            }
        }
        // reminders of passwords that have expired can never be due again
        em.createQuery("delete from PasswordReminderEntity r where r.realmId = :realm and r.passwordCreated < :expired")
                .setParameter("realm", realm.getId())
                .setParameter("expired", now.minus(Duration.ofDays(policyDays)).toEpochMilli())
                .executeUpdate();
    }

    static boolean notActivated(String storedStatus) {
        return ActivationState.Status.PENDING.wire().equals(storedStatus)
                || ActivationState.Status.EXPIRED.wire().equals(storedStatus);
    }

    /** Sends one reminder; a failed send takes its record back, so the next run tries again. */
    private static boolean deliver(KeycloakSessionFactory factory, Mail mail) {
        return AfterCommitMail.of(TEMPLATE, "accountLifecycle.password.reminder.subject")
                .subject(mail.expiresAt())
                .withDate("expiresAt", mail.expiresAt())
                .with("accountUrl", mail.accountUrl())
                .onFailure((session, user, lastError) -> session.getProvider(JpaConnectionProvider.class).getEntityManager()
                        .createQuery("delete from PasswordReminderEntity r where r.id = :id")
                        .setParameter("id", PasswordReminderEntity.key(mail.userId(), mail.passwordCreated(), mail.threshold()))
                        .executeUpdate())
                .deliver(factory, mail.realmId(), mail.userId(), null);
    }

    /**
     * Where the user changes the password: the account console under the realm's link base ({@link LinkBase}),
     * never the host of whoever started the run. Without a link base the mail asks the user to sign in.
     */
    static String accountUrl(RealmModel realm) {
        String base = LinkBase.of(realm);
        return base == null ? null : base + "/realms/" + realm.getName() + "/account/#/account-security/signing-in";
    }
}
