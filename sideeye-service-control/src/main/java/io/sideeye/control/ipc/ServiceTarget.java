package io.sideeye.control.ipc;

import io.sideeye.control.http.ControlExchange;
import io.sideeye.control.http.HttpStatusException;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceGroup;
import java.util.List;

/**
 * The service a request addresses: the one named by {@code ?service=<name>} (or, for
 * {@code POST /ipc/django-api-call}, by {@code "service"} in the body), else the group's default
 * service, so requests that name none keep the seed's meaning.
 *
 * @param group the attached group
 * @param name  the addressed service, one of {@code group.names()}
 */
public record ServiceTarget(ServiceGroup group, String name) {
    /** The query parameter (and body key) that names a service. */
    public static final String PARAM = "service";

    /** The service named by the request's {@code ?service=}, else the default one. */
    public static ServiceTarget of(ServiceGroup group, ControlExchange ex) {
        return of(group, ex.query(PARAM));
    }

    /**
     * The service named {@code requested} (null or empty: the default one).
     *
     * @throws HttpStatusException 404 naming the group's services when there is no such service
     */
    public static ServiceTarget of(ServiceGroup group, String requested) {
        String name = requested == null || requested.isEmpty() ? group.defaultService() : requested;
        if (!group.names().contains(name)) {
            throw new HttpStatusException(404, "unknown service '" + printable(name) + "'; this control server has "
                    + String.join(", ", group.names()) + " (the default is " + group.defaultService() + ")");
        }
        return new ServiceTarget(group, name);
    }

    /** The managers of the service's instances, instance 1 first. */
    public List<DjangoServiceManager> instances() {
        return group.instances(name);
    }

    /** The manager of instance 1. */
    public DjangoServiceManager first() {
        return group.manager(name);
    }

    /** Whether the service runs more than one copy. */
    public boolean replicated() {
        return instances().size() > 1;
    }

    /** The name as it may appear in a message: printable and short (it comes from the client). */
    static String printable(String name) {
        String cut = name.length() > 64 ? name.substring(0, 64) + "..." : name;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
