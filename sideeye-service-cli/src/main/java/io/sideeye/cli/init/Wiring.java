package io.sideeye.cli.init;

import io.sideeye.cli.VersionProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * What a project lacks for the manager, from its {@link ProjectReport}: the {@code sideeye_health}
 * package installed, the app in INSTALLED_APPS, its URLs, and the loopback names in
 * ALLOWED_HOSTS when DEBUG is off (required); its middleware (optional). With a health path of
 * the project's own, the app is not needed, only a view at that path.
 */
final class Wiring {
    static final String APP_PREFIX = "api/";
    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]");

    private final ProjectReport report;
    private final String python;
    private final String settingsFile;

    Wiring(ProjectReport report, String python, String settingsFile) {
        this.report = report;
        this.python = python;
        this.settingsFile = settingsFile;
    }

    /** The command that installs the package into {@code python}, for a project that cannot import it. */
    static Addition install(String python) {
        String version = VersionProvider.version().replace("-SNAPSHOT", ".dev0");
        return new Addition("in a shell (the wheel is built by scripts/build-wheel in the SideEye repository)",
                List.of(python + " -m pip install --no-deps --no-index sideeye_health-" + version + "-py3-none-any.whl"));
    }

    /** The additions without which the manager cannot supervise the project (empty: none). */
    List<Addition> required(boolean ownHealthPath) {
        List<Addition> required = new ArrayList<>();
        if (!ownHealthPath) {
            if (report.text("healthAppFile") == null) {
                required.add(install(python));
            }
            if (!report.flag("appInstalled")) {
                required.add(new Addition(atEndOf(settingsFile), List.of(report.flag("installedAppsIsTuple")
                        ? "INSTALLED_APPS += (\"sideeye_health\",)" : "INSTALLED_APPS += [\"sideeye_health\"]")));
            }
            if (report.text("healthView") == null && report.text("urlsError") == null) {
                required.add(new Addition(atEndOf(urlsFile()), List.of("from django.urls import include, path",
                        "urlpatterns += [path(\"" + APP_PREFIX + "\", include(\"sideeye_health.urls\"))]")));
            }
        }
        List<String> hosts = report.allowedHosts();
        if (!report.flag("debug") && !hosts.contains("*")) {
            List<String> missing = LOOPBACK.stream().filter(h -> !hosts.contains(h)).map(h -> "\"" + h + "\"").toList();
            if (!missing.isEmpty()) {
                required.add(new Addition(atEndOf(settingsFile) + " (DEBUG is off: the manager calls the backend on"
                        + " a loopback name)", List.of("ALLOWED_HOSTS = list(ALLOWED_HOSTS) + ["
                        + String.join(", ", missing) + "]")));
            }
        }
        return required;
    }

    /** The token and JSON-error middleware, when the app is used and they are not in MIDDLEWARE. */
    List<Addition> optional(boolean ownHealthPath) {
        if (ownHealthPath || report.flag("tokenMiddleware") || report.flag("jsonErrorsMiddleware")) {
            return List.of();
        }
        return List.of(new Addition(atEndOf(settingsFile) + " (optional: the API token check and JSON errors)",
                List.of("MIDDLEWARE = ([\"sideeye_health.middleware.JsonApiErrorsMiddleware\"] + list(MIDDLEWARE)",
                        "              + [\"sideeye_health.middleware.ApiTokenMiddleware\"])")));
    }

    private String urlsFile() {
        String file = report.text("urlsFile");
        return file != null ? file : "the module ROOT_URLCONF names (" + report.text("rootUrlconf") + ")";
    }

    private static String atEndOf(String file) {
        return "at the end of " + file;
    }
}
