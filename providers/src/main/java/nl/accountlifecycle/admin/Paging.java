package nl.accountlifecycle.admin;

/**
 * A page of a list endpoint, from the {@code first} and {@code max} query parameters: whole numbers, first 0 or
 * more, max between 1 and the endpoint's largest page. Anything else is a 400 naming the parameter.
 */
public record Paging(int first, int max) {

    public static Paging of(String first, String max, int defaultMax, int largest) {
        int from = ApiError.intParam(first, "first", 0);
        int size = ApiError.intParam(max, "max", defaultMax);
        if (from < 0) {
            throw ApiError.badRequest("first", "invalid_field", "first must be 0 or more");
        }
        if (size < 1 || size > largest) {
            throw ApiError.badRequest("max", "invalid_field", "max must be between 1 and " + largest);
        }
        return new Paging(from, size);
    }
}
