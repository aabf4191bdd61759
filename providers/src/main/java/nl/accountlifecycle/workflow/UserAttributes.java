package nl.accountlifecycle.workflow;

import java.util.function.Function;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;

import org.keycloak.models.jpa.entities.UserAttributeEntity;

/**
 * "The user has attribute X whose value passes this test", as a criteria predicate on Keycloak's user table.
 * Keycloak's scheduled workflows select the users they enrol with one query built from the conditions'
 * predicates; this is how our conditions join it on the attribute table (indexed by name and value).
 */
final class UserAttributes {

    private UserAttributes() {
    }

    static Predicate exists(CriteriaBuilder cb, CriteriaQuery<String> query, Root<?> user, String name,
                            Function<Path<String>, Predicate> valueTest) {
        Subquery<String> sub = query.subquery(String.class);
        Root<UserAttributeEntity> attribute = sub.from(UserAttributeEntity.class);
        Path<String> value = attribute.get("value");
        sub.select(attribute.get("name")).where(cb.and(
                cb.equal(attribute.get("user").get("id"), user.get("id")),
                cb.equal(attribute.get("name"), name),
                valueTest.apply(value)));
        return cb.exists(sub);
    }
}
