package nl.accountlifecycle.support;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;

/** A realm for unit tests of settings: its attributes, name and password policy; other methods answer null, 0 or false. */
public final class TestRealm {

    private TestRealm() {
    }

    public static RealmModel with(Map<String, String> attributes) {
        return with(attributes, PasswordPolicy.empty());
    }

    public static RealmModel with(Map<String, String> attributes, PasswordPolicy policy) {
        Map<String, String> stored = new HashMap<>(attributes);
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[] {RealmModel.class},
                (self, m, args) -> switch (m.getName()) {
                    case "getAttribute" -> stored.get((String) args[0]);
                    case "setAttribute" -> stored.put((String) args[0], String.valueOf(args[1]));
                    case "getName" -> "test";
                    case "getPasswordPolicy" -> policy;
                    case "getActionTokenGeneratedByAdminLifespan" -> 3 * 24 * 3600;
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> m.getReturnType() == boolean.class ? false : m.getReturnType() == int.class ? 0
                            : m.getReturnType() == long.class ? 0L : null;
                });
    }
}
