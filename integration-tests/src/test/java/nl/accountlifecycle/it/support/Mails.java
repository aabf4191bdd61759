package nl.accountlifecycle.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.keycloak.testframework.mail.MailServer;

/** Emails as the user's mailbox shows them. */
public final class Mails {

    private static final Pattern ACTION_LINK = Pattern.compile("https?://[^\\s\"<>]+/login-actions/action-token\\?[^\\s\"<>]+");

    public record Mail(String to, String subject, String text, String html) {

        /** The action link in the text part, as the user would copy it. */
        public String link() {
            Matcher m = ACTION_LINK.matcher(text);
            if (!m.find()) {
                throw new AssertionError("no action link in mail:\n" + text);
            }
            return m.group();
        }
    }

    private Mails() {
    }

    /** Waits for the {@code n}-th mail to {@code address} (1-based) and returns it. */
    public static Mail nth(MailServer server, String address, int n) {
        return Await.value("mail #" + n + " to " + address, Duration.ofSeconds(20), () -> {
            List<Mail> mails = to(server, address);
            return mails.size() >= n ? mails.get(n - 1) : null;
        });
    }

    public static List<Mail> to(MailServer server, String address) {
        List<Mail> result = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                boolean match = Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().equalsIgnoreCase(address));
                if (match) {
                    String[] parts = new String[2];
                    collect(message, parts);
                    result.add(new Mail(address, message.getSubject(), parts[0], parts[1]));
                }
            } catch (Exception e) {
                throw new AssertionError("cannot read mail: " + e, e);
            }
        }
        return result;
    }

    private static void collect(Part part, String[] parts) throws Exception {
        if (part.isMimeType("text/plain") && parts[0] == null) {
            parts[0] = part.getContent().toString();
        } else if (part.isMimeType("text/html") && parts[1] == null) {
            parts[1] = part.getContent().toString();
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), parts);
            }
        }
    }
}
