package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;
import com.fasterxml.jackson.core.type.TypeReference;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given the demo realm from realm-config/ is imported")
class DemoRealmTest {

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @Test
    @DisplayName("then the organisation's password policy and 3-day admin action links apply")
    void passwordPolicyAndLinkLifespan() {
        RealmRepresentation rep = realm.admin().toRepresentation();

        assertEquals("length(8) and digits(1) and lowerCase(1) and upperCase(1) and notUsername and notEmail"
                + " and passwordHistory(5) and forceExpiredPasswordChange(90)", rep.getPasswordPolicy());
        assertEquals(259200, rep.getActionTokenGeneratedByAdminLifespan());
    }

    @Test
    @DisplayName("then email login, verification, forgot-password, brute-force protection and nl/en are on")
    void loginAndLanguageSettings() {
        RealmRepresentation rep = realm.admin().toRepresentation();

        assertTrue(rep.isLoginWithEmailAllowed());
        assertTrue(rep.isRegistrationEmailAsUsername(), "the console's Add user form asks no username, as the REST invite");
        assertFalse(rep.isDuplicateEmailsAllowed());
        assertTrue(rep.isVerifyEmail());
        assertTrue(rep.isResetPasswordAllowed());
        assertTrue(rep.isBruteForceProtected());
        assertTrue(rep.isInternationalizationEnabled());
        assertEquals("nl", rep.getDefaultLocale());
        assertEquals(List.of("en", "nl"), rep.getSupportedLocales().stream().sorted().toList());
        assertEquals("account-lifecycle", rep.getLoginTheme());
        assertEquals("account-lifecycle", rep.getEmailTheme());
    }

    @Test
    @DisplayName("then user and admin events are stored and the bundle's listener receives them")
    void eventsStoredAndListenerEnabled() {
        RealmRepresentation rep = realm.admin().toRepresentation();

        assertTrue(rep.isEventsEnabled());
        assertTrue(rep.isAdminEventsEnabled());
        assertTrue(rep.getEventsListeners().contains("account-lifecycle"), "listeners: " + rep.getEventsListeners());
    }

    @Test
    @DisplayName("then SMTP points at the local mail catcher unless the environment overrides it")
    void smtpResolvedFromPlaceholders() {
        Map<String, String> smtp = realm.admin().toRepresentation().getSmtpServer();

        assertEquals(System.getenv().getOrDefault("ACCOUNT_LIFECYCLE_SMTP_HOST", "localhost"), smtp.get("host"));
        assertFalse(smtp.get("port").contains("${"), "placeholder left unresolved: " + smtp.get("port"));
    }

    @Test
    @DisplayName("then the user profile has the Dutch name parts and contact attributes, in that order")
    void userProfileAttributes() {
        UPConfig profile = realm.admin().users().userProfile().getConfiguration();
        List<String> names = profile.getAttributes().stream().map(UPAttribute::getName).toList();

        assertEquals(List.of("username", "email", "firstName", "infix", "lastName", "title", "phone", "mobile", "jobTitle", "contractEnd"), names);
        // the date the contract-end policy reads: admins set it, users only see it
        assertEquals(java.util.Set.of("admin"), java.util.Set.copyOf(attribute(profile, "contractEnd").getPermissions().getEdit()));
        assertTrue(attribute(profile, "contractEnd").getValidations().containsKey("iso-date"), "contractEnd must be a date");
        assertTrue(attribute(profile, "firstName").getRequired() != null, "firstName is required");
        assertTrue(attribute(profile, "lastName").getRequired() != null, "lastName is required");
        assertTrue(attribute(profile, "email").getRequired() != null, "email is required");
        for (String optional : List.of("infix", "title", "phone", "mobile", "jobTitle")) {
            UPAttribute attribute = attribute(profile, optional);
            assertNull(attribute.getRequired(), optional + " must be optional");
            assertTrue(attribute.getPermissions().getEdit().containsAll(List.of("admin", "user")), optional + " editable by admin and user");
            assertTrue(attribute.getPermissions().getView().containsAll(List.of("admin", "user")), optional + " visible to admin and user");
            assertFalse(attribute.getValidations().isEmpty(), optional + " needs validators");
        }
        assertEquals("select", attribute(profile, "title").getAnnotations().get("inputType"));
    }

    @Test
    @DisplayName("then the attribute labels exist in Dutch and English")
    void attributeLabelsInBothLanguages() {
        Map<String, String> nl = realm.admin().localization().getRealmLocalizationTexts("nl");
        Map<String, String> en = realm.admin().localization().getRealmLocalizationTexts("en");

        assertEquals("Tussenvoegsel", nl.get("accountLifecycle.profile.infix"));
        assertEquals("Name infix", en.get("accountLifecycle.profile.infix"));
        UPConfig profile = realm.admin().users().userProfile().getConfiguration();
        for (UPAttribute attribute : profile.getAttributes()) {
            String label = attribute.getDisplayName();
            if (label.startsWith("${accountLifecycle.")) {
                String key = label.substring(2, label.length() - 1);
                assertNotNull(nl.get(key), "nl label for " + attribute.getName());
                assertNotNull(en.get(key), "en label for " + attribute.getName());
            }
        }
        assertEquals(nl.keySet(), en.keySet(), "nl and en define the same texts");
    }

    @ParameterizedTest(name = "{0} console in {1}")
    @CsvSource({"account, nl", "account, en", "admin, nl", "admin, en"})
    @DisplayName("then the consoles label the title select's empty option, not with the raw key")
    void titleSelectEmptyOptionHasALabel(String console, String locale) throws Exception {
        // Keycloak's consoles label a select option as t(prefix + "." + value): an unset title asks for
        // "<prefix>.undefined", a cleared one for "<prefix>." (ui-shared SelectComponent).
        String prefix = attribute(realm.admin().users().userProfile().getConfiguration(), "title")
                .getAnnotations().get("inputOptionLabelsI18nPrefix").toString();
        String server = realm.getBaseUrl().replaceAll("/realms/.*$", "");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server + "/resources/" + DemoRealm.NAME + "/" + console + "/" + locale)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        Map<String, String> texts = new java.util.HashMap<>();
        for (Map<String, String> entry : JsonSerialization.readValue(response.body(),
                new TypeReference<List<Map<String, String>>>() { })) {
            texts.put(entry.get("key"), entry.get("value"));
        }

        assertEquals("\u2014", texts.get(prefix + ".undefined"), "an unset title shows a dash");
        assertEquals("\u2014", texts.get(prefix + "."), "a cleared title shows a dash");
        assertEquals("nl".equals(locale) ? "Mevr." : "Ms", texts.get(prefix + ".ms"), "the real options keep their labels");
    }

    @Test
    @DisplayName("then an administrators group manages users, a users group exists and the demo admin is an administrator")
    void groupsDecideRights() {
        Map<String, GroupRepresentation> groups = realm.admin().groups().groups().stream()
                .collect(Collectors.toMap(GroupRepresentation::getName, g -> g));

        assertTrue(groups.keySet().containsAll(List.of("administrators", "users", "2fa-required")), "groups: " + groups.keySet());
        String adminsId = groups.get("administrators").getId();
        List<String> adminRoles = realm.admin().groups().group(adminsId).roles().clientLevel(realmManagementId()).listAll()
                .stream().map(r -> r.getName()).toList();
        assertTrue(adminRoles.containsAll(List.of("manage-users", "view-users", "query-users")), "administrator roles: " + adminRoles);
        String usersId = groups.get("users").getId();
        assertTrue(realm.admin().groups().group(usersId).roles().clientLevel(realmManagementId()).listAll().isEmpty(),
                "plain users get no admin rights");

        UserRepresentation demoAdmin = realm.admin().users().search("demo-admin", true).get(0);
        List<String> memberOf = realm.admin().users().get(demoAdmin.getId()).groups().stream().map(GroupRepresentation::getName).toList();
        assertEquals(List.of("administrators"), memberOf);
    }

    @Test
    @DisplayName("then the browser flow asks OTP of members of 2fa-required through Keycloak's own conditions")
    void conditionalOtpFlow() {
        RealmRepresentation rep = realm.admin().toRepresentation();
        List<AuthenticationExecutionInfoRepresentation> executions = realm.admin().flows().getExecutions(rep.getBrowserFlow());

        List<String> providers = executions.stream().map(AuthenticationExecutionInfoRepresentation::getProviderId).toList();
        assertTrue(providers.contains("conditional-user-role"), "flow uses the user-role condition: " + providers);
        assertTrue(providers.contains("auth-otp-form"), "flow has the OTP form: " + providers);
        List<String> roles = realm.admin().groups().groups().stream().filter(g -> g.getName().equals("2fa-required"))
                .flatMap(g -> realm.admin().groups().group(g.getId()).roles().realmLevel().listAll().stream())
                .map(r -> r.getName()).toList();
        assertEquals(List.of("otp-required"), roles);
    }

    private String realmManagementId() {
        return realm.admin().clients().findByClientId("realm-management").get(0).getId();
    }

    private static UPAttribute attribute(UPConfig profile, String name) {
        return profile.getAttributes().stream().filter(a -> a.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no attribute " + name));
    }
}
