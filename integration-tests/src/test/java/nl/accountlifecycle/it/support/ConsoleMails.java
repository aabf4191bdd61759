package nl.accountlifecycle.it.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

/** The mails an admin sends from the native console (Credential reset → Activate account), as the user reads them. */
public final class ConsoleMails {

    private ConsoleMails() {
    }

    /**
     * The console's mail says until when its link works, as a date and time in Europe/Amsterdam, in the words of
     * the bundle's own activation mail, not the generic "valid for 3 days". The minute is the one the link was sent in, or the next.
     */
    public static void assertExpiresAt(Mails.Mail received, Instant expiresAround) {
        Properties nl = ThemeMessages.email("nl");
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(Locale.forLanguageTag("nl")).withZone(ZoneId.of("Europe/Amsterdam"));
        List<String> candidates = List.of(expiresAround.minusSeconds(60), expiresAround, expiresAround.plusSeconds(60)).stream()
                .map(at -> ThemeMessages.rendered(nl, "accountLifecycle.activation.email.expires").replace("{0}", format.format(at)))
                .toList();
        Pattern genericLifespan = genericLifespanSentence(nl);
        for (String part : new String[] {received.text(), received.html()}) {
            assertTrue(candidates.stream().anyMatch(part::contains), "expected one of " + candidates + " in:\n" + part);
            assertFalse(genericLifespan.matcher(part).find(), "not the generic 'valid for 3 days' (" + genericLifespan + "):\n" + part);
        }
    }

    /** The sentence of the generic execute-actions mail that gives the link's lifespan as a duration ({4}), as a pattern. */
    public static Pattern genericLifespanSentence(Properties messages) {
        String sentence = Arrays.stream(ThemeMessages.rendered(messages, "executeActionsBody").split("\n"))
                .filter(line -> line.contains("{4}")).findFirst().orElseThrow().strip();
        int at = sentence.indexOf("{4}");
        return Pattern.compile(Pattern.quote(sentence.substring(0, at)) + ".{1,40}?" + Pattern.quote(sentence.substring(at + 3)));
    }
}
