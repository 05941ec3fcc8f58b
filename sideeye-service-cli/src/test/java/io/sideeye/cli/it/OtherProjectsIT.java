package io.sideeye.cli.it;

import static io.sideeye.cli.it.CliProcess.END;
import static io.sideeye.cli.it.CliProcess.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.cli.Cli;
import io.sideeye.cli.ExitCodes;
import io.sideeye.service.ServiceJson;
import io.sideeye.testsupport.Liveness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager on Django projects we did not write: Django's own {@code startproject} template,
 * a Django REST framework project, and an ASGI project under uvicorn. Each gets the app by
 * following {@code sideeye init}'s printed instructions exactly, then {@code sideeye run}
 * supervises it: ready, healthy, an API call, a crash and the restart, a stop that leaves no
 * process behind.
 */
class OtherProjectsIT {
    private static final Pattern STARTED = Pattern.compile("started +pid=(\\d+) port=(\\d+)");

    @TempDir
    Path dir;
    @TempDir
    Path home;

    @Test
    void djangosOwnStartprojectTemplate() throws Exception {
        Path project = DjangoProjects.startproject(python(), dir, "mysite");
        init(project);
        supervise(project, "/health/", "\"status\" : \"healthy\"");
    }

    @Test
    void aDjangoRestFrameworkProject() throws Exception {
        Path project = DjangoProjects.startproject(python(), dir, "shop");
        append(project.resolve("shop/settings.py"), "INSTALLED_APPS += ['rest_framework']\n");
        Files.writeString(project.resolve("shop/api.py"), """
                from rest_framework import serializers, viewsets
                from rest_framework.response import Response


                class ItemSerializer(serializers.Serializer):
                    name = serializers.CharField()
                    price = serializers.DecimalField(max_digits=6, decimal_places=2)


                class ItemViewSet(viewsets.ViewSet):
                    def list(self, request):
                        items = [{"name": "lamp", "price": "19.90"}, {"name": "desk", "price": "120.00"}]
                        return Response(ItemSerializer(items, many=True).data)
                """);
        append(project.resolve("shop/urls.py"), """
                from django.urls import include
                from rest_framework.routers import DefaultRouter
                from shop.api import ItemViewSet
                router = DefaultRouter()
                router.register("items", ItemViewSet, basename="item")
                urlpatterns += [path("api/", include(router.urls))]
                """);
        init(project);
        supervise(project, "/items/", "\"name\" : \"desk\"");
    }

    @Test
    void anAsgiProjectUnderUvicorn() throws Exception {
        Path project = DjangoProjects.startproject(python(), dir, "chat");
        Files.writeString(project.resolve("chat/views.py"), """
                import asyncio

                from django.http import JsonResponse


                async def ping(request):
                    await asyncio.sleep(0)
                    return JsonResponse({"pong": True, "async": asyncio.iscoroutinefunction(ping)})
                """);
        append(project.resolve("chat/urls.py"), "from chat.views import ping\nurlpatterns += [path('api/ping/', ping)]\n");
        init(project, "--server", "uvicorn");
        assertThat(Files.readString(project.resolve("sideeye.yaml"))).contains("server: uvicorn\n",
                "wsgiApplication: chat.asgi:application\n");
        supervise(project, "/ping/", "\"async\" : true");
    }

    private static String python() throws Exception {
        return DjangoProjects.venvPython().toString();
    }

    /** {@code sideeye init} until it writes the file: the first run prints the lines, which are added as printed. */
    private static void init(Path project, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("init", "--python", python()));
        args.addAll(List.of(extra));
        Cli.Result first = new Cli(project).run(args.toArray(String[]::new));
        assertThat(first.code()).as(first.err()).isEqualTo(ExitCodes.CONFIG);
        assertThat(DjangoProjects.follow(first.err())).as(first.err()).isEqualTo(2);
        Cli.Result second = new Cli(project).run(args.toArray(String[]::new));
        assertThat(second.code()).as(second.err()).isEqualTo(ExitCodes.OK);
        Files.writeString(project.resolve("sideeye.yaml"),
                Files.readString(project.resolve("sideeye.yaml")) + "restartDelay: 100ms\nshutdownTimeout: 5s\n");
    }

    private void supervise(Path project, String endpoint, String expected) throws Exception {
        try (CliProcess run = CliProcess.start(project, home, "run")) {
            long first = run.awaitStarted(START)[0];
            run.awaitControlPlane(START);
            JsonNode status = status(project);
            assertThat(status.path("state").asText()).isEqualTo("RUNNING");
            assertThat(status.path("lastHealthCheck").path("healthy").asBoolean()).isTrue();
            assertThat(remote(project, "health").exitCode()).isEqualTo(ExitCodes.OK);

            CliProcess call = remote(project, "call", endpoint);
            assertThat(call.exitCode()).as(call.stderr()).isEqualTo(ExitCodes.OK);
            assertThat(call.stdout()).contains(expected);

            List<Long> tree = new ArrayList<>(descendants(run.pid()));
            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            run.awaitLines("started +pid=", 2, 0, START);
            long second = secondPid(run);
            assertThat(second).isNotEqualTo(first);
            assertThat(run.stdout()).contains("process-exit  code=137 signal=SIGKILL");
            await().atMost(END).until(() -> remote(project, "call", endpoint).stdout().contains(expected));
            tree.addAll(descendants(run.pid()));

            run.signal("TERM");
            assertThat(run.awaitExit(END)).isEqualTo(ExitCodes.OK);
            await().atMost(END).until(() -> tree.stream().noneMatch(Liveness::running));
            assertThat(Liveness.running(second)).isFalse();
        }
    }

    private JsonNode status(Path project) throws Exception {
        CliProcess status = remote(project, "status", "web", "--json");
        assertThat(status.exitCode()).as(status.stderr()).isEqualTo(ExitCodes.OK);
        return ServiceJson.reader().readTree(status.stdout()).path("status");
    }

    private CliProcess remote(Path project, String... args) throws Exception {
        return CliProcess.run(project, home, END, args);
    }

    private static long secondPid(CliProcess run) {
        Matcher m = STARTED.matcher(run.stdout());
        assertThat(m.find()).isTrue();
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static List<Long> descendants(long pid) {
        return ProcessHandle.of(pid).map(p -> p.descendants().map(ProcessHandle::pid).toList()).orElse(List.of());
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, Files.readString(file) + "\n" + text);
    }
}
