package io.sideeye.control.security;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-site request defence for state-changing routes: a request that carries an
 * {@code Origin} other than ours (or an explicitly allowed one), or that a browser marks as
 * {@code Sec-Fetch-Site: cross-site}, is refused. Requests without either header come from
 * non-browser clients, which the token already covers.
 */
public final class OriginCheck {
    private final Set<String> own;
    private final Set<String> extra;

    /**
     * @param own   our own origins (see {@link HostCheck#ownOrigins()})
     * @param extra origins the embedding application explicitly trusts (e.g. an Electron page)
     */
    public OriginCheck(Set<String> own, Set<String> extra) {
        this.own = lowerCase(own);
        this.extra = lowerCase(extra);
    }

    /** Whether a request with these header values may change state. */
    public boolean allows(String origin, String secFetchSite) {
        if (origin != null) {
            return isOwn(origin) || isExtra(origin);
        }
        return secFetchSite == null || !secFetchSite.equalsIgnoreCase("cross-site");
    }

    /** Whether {@code origin} was allowed explicitly, so that CORS headers may name it. */
    public boolean isExtra(String origin) {
        return origin != null && extra.contains(origin.toLowerCase(Locale.ROOT));
    }

    private boolean isOwn(String origin) {
        String o = origin.toLowerCase(Locale.ROOT);
        return own.contains(o) || own.contains(withoutTrailingDot(o));
    }

    private static String withoutTrailingDot(String origin) {
        int colon = origin.lastIndexOf(':');
        if (colon > 0 && origin.charAt(colon - 1) == '.') {
            return origin.substring(0, colon - 1) + origin.substring(colon);
        }
        return origin;
    }

    private static Set<String> lowerCase(Set<String> values) {
        Set<String> out = new HashSet<>();
        for (String v : values) {
            out.add(v.toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(out);
    }
}
