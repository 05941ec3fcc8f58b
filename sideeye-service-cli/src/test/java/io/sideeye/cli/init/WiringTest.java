package io.sideeye.cli.init;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.ServiceJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class WiringTest {
    private static final String SETTINGS = "/srv/mysite/mysite/settings.py";

    private static Wiring wiring(String json) throws Exception {
        return new Wiring(new ProjectReport(ServiceJson.reader().readTree(json)), "/srv/mysite/.venv/bin/python", SETTINGS);
    }

    @Test
    void aFreshProjectNeedsTheAppAndItsUrlsAtTheEndOfTheirFiles() throws Exception {
        List<Addition> required = wiring("{\"healthAppFile\": \"/x/sideeye_health/__init__.py\", \"appInstalled\": false,"
                + " \"healthView\": null, \"urlsFile\": \"/srv/mysite/mysite/urls.py\", \"debug\": true, \"allowedHosts\": []}")
                .required(false);
        assertThat(required).containsExactly(
                new Addition("at the end of " + SETTINGS, List.of("INSTALLED_APPS += [\"sideeye_health\"]")),
                new Addition("at the end of /srv/mysite/mysite/urls.py", List.of("from django.urls import include, path",
                        "urlpatterns += [path(\"api/\", include(\"sideeye_health.urls\"))]")));
    }

    @Test
    void aPackageThatDoesNotImportComesFirstAsTheInstallCommand() throws Exception {
        List<Addition> required = wiring("{\"healthAppFile\": null, \"appInstalled\": false, \"installedAppsIsTuple\": true,"
                + " \"healthView\": null, \"urlsFile\": \"/u.py\", \"debug\": true}").required(false);
        assertThat(required.get(0).place()).startsWith("in a shell");
        assertThat(required.get(0).lines()).singleElement().asString()
                .startsWith("/srv/mysite/.venv/bin/python -m pip install --no-deps --no-index sideeye_health-")
                .endsWith("-py3-none-any.whl");
        assertThat(required.get(1).lines()).containsExactly("INSTALLED_APPS += (\"sideeye_health\",)");
    }

    @Test
    void withDebugOffTheMissingLoopbackHostsAreRequiredAndStarIsEnough() throws Exception {
        String wired = "\"healthAppFile\": \"/x\", \"appInstalled\": true, \"healthView\": \"sideeye_health.views.health\"";
        assertThat(wiring("{" + wired + ", \"debug\": false, \"allowedHosts\": [\"localhost\", \"example.com\"]}")
                .required(false)).singleElement().satisfies(a -> {
                    assertThat(a.place()).startsWith("at the end of " + SETTINGS + " (DEBUG is off");
                    assertThat(a.lines()).containsExactly("ALLOWED_HOSTS = list(ALLOWED_HOSTS) + [\"127.0.0.1\", \"[::1]\"]");
                });
        assertThat(wiring("{" + wired + ", \"debug\": false, \"allowedHosts\": [\"*\"]}").required(false)).isEmpty();
        assertThat(wiring("{" + wired + ", \"debug\": true, \"allowedHosts\": []}").required(false)).isEmpty();
    }

    @Test
    void aProjectWithItsOwnHealthPathNeedsNeitherTheAppNorItsMiddleware() throws Exception {
        Wiring w = wiring("{\"healthAppFile\": null, \"appInstalled\": false, \"healthView\": \"shop.views.healthz\","
                + " \"debug\": true}");
        assertThat(w.required(true)).isEmpty();
        assertThat(w.optional(true)).isEmpty();
        assertThat(w.optional(false)).singleElement().satisfies(a -> assertThat(a.lines().get(0))
                .contains("JsonApiErrorsMiddleware"));
    }

    @Test
    void additionsRenderAsPlaceThenIndentedLines() {
        assertThat(new Addition("at the end of /a/urls.py", List.of("x = 1", "y = 2")).render())
                .isEqualTo("  at the end of /a/urls.py:\n    x = 1\n    y = 2\n");
    }
}
