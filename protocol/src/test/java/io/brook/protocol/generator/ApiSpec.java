package io.brook.protocol.generator;

/**
 * One spec file: an API key with the versions our codec reads and writes, the first flexible
 * version, and its request and response.
 */
public record ApiSpec(
        String sourceFile,
        String name,
        short key,
        VersionRange versions,
        VersionRange flexibleVersions,
        MessageSpec request,
        MessageSpec response) {

    /** The first flexible version; {@link Short#MAX_VALUE}, beyond every version, when none is flexible. */
    short firstFlexibleVersion() {
        return flexibleVersions.isEmpty() ? Short.MAX_VALUE : flexibleVersions.lowest();
    }

    /** UPPER_SNAKE_CASE of the API name: {@code InitProducerId} becomes {@code INIT_PRODUCER_ID}. */
    String enumName() {
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i > 0 && Character.isUpperCase(c)) {
                result.append('_');
            }
            result.append(Character.toUpperCase(c));
        }
        return result.toString();
    }
}
