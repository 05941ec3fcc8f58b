package io.sideeye.service;

import java.util.regex.Pattern;

/** The rules for service names, shared by {@link ServiceConfig} and {@link ServiceSpec}. */
final class ServiceNames {
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern INSTANCE = Pattern.compile("[a-z][a-z0-9_-]{0,62}(#[1-9][0-9]{0,2})?");
    private static final String RULE = "use a lower-case letter followed by up to 62 lower-case letters, digits,"
            + " '_' or '-', e.g. web or worker";

    private ServiceNames() {
    }

    /** A configuration's name: a service name, optionally with a replica number ({@code worker#2}); null means {@code web}. */
    static String requireInstanceName(String name) {
        if (name == null) {
            return ConfigValues.DEFAULT_NAME;
        }
        if (!INSTANCE.matcher(name).matches()) {
            throw new ServiceConfigException("name", "name: '" + printable(name) + "' is not a valid service name; "
                    + RULE + " (a replica adds #<n>, e.g. worker#2)");
        }
        return name;
    }

    /** A group member's name; errors name {@code field}, e.g. {@code services.Web.name}. */
    static String requireServiceName(String field, String name) {
        if (name == null || !SERVICE.matcher(name).matches()) {
            throw new ServiceConfigException(field, field + ": '" + printable(name) + "' is not a valid service name; "
                    + RULE);
        }
        return name;
    }

    /** The name as it may appear in a message: control characters replaced, cut short. */
    static String printable(String name) {
        if (name == null) {
            return "null";
        }
        String cut = name.length() > 80 ? name.substring(0, 80) + "..." : name;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
