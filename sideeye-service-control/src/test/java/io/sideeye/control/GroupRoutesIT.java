package io.sideeye.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.control.testkit.EventCollector;
import io.sideeye.control.testkit.MiniGroup;
import io.sideeye.control.testkit.MiniServer;
import io.sideeye.control.testkit.RawHttp;
import io.sideeye.control.testkit.RawHttp.Response;
import io.sideeye.control.testkit.SseStream;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceGroup;
import io.sideeye.service.ServiceJson;
import io.sideeye.service.ServiceSpec;
import io.sideeye.service.ServiceState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes over a real group: {@code web} and two instances of {@code worker}, each a real
 * stand-in backend process on its own free port.
 */
class GroupRoutesIT {
    @TempDir
    Path runtimeDir;

    private ServiceGroup group;
    private ControlServer server;

    @BeforeEach
    void start() {
        group = MiniGroup.webAndTwoWorkers(runtimeDir);
        server = ControlServer.start(group, 0, null);
    }

    @AfterEach
    void stop() {
        server.close();
        group.close();
    }

    private Response call(String method, String path, String json) throws IOException {
        RawHttp r = RawHttp.request(server.port(), method, path).bearer(server.token());
        return (json == null ? r : r.json(json)).send();
    }

    private JsonNode ok(String method, String path, String json) throws IOException {
        Response r = call(method, path, json);
        assertThat(r.status()).as(method + " " + path + ": " + r.text()).isEqualTo(200);
        return ServiceJson.reader().readTree(r.body());
    }

    private long pid(String service, int instance) {
        return group.instances(service).get(instance - 1).getStatus().pid();
    }

    private List<ServiceState> states(String service) {
        return group.instances(service).stream().map(m -> m.getStatus().state()).toList();
    }

    @Test
    void routesThatNameNoServiceAddressTheDefaultOne() throws Exception {
        assertThat(group.start().join()).isTrue();
        JsonNode status = ok("GET", "/ipc/django-service-status", null);
        assertThat(status.get("status").get("pid").asLong()).isEqualTo(pid("web", 1));
        assertThat(status.has("instances")).isFalse();
        assertThat(ok("POST", "/ipc/django-service-health-check", null).toString())
                .isEqualTo("{\"success\":true,\"healthy\":true}");

        assertThat(ok("POST", "/ipc/django-service-stop", null).toString()).isEqualTo("{\"success\":true}");
        assertThat(states("web")).containsExactly(ServiceState.STOPPED);
        assertThat(states("worker")).containsExactly(ServiceState.RUNNING, ServiceState.RUNNING);
    }

    @Test
    void aReplicatedServiceAnswersWithInstanceOneAndListsEveryInstance() throws Exception {
        assertThat(group.start().join()).isTrue();
        JsonNode reply = ok("GET", "/ipc/django-service-status?service=worker", null);
        assertThat(reply.get("status").get("pid").asLong()).isEqualTo(pid("worker", 1));
        JsonNode instances = reply.get("instances");
        assertThat(instances).hasSize(2);
        assertThat(instances.get(1).get("pid").asLong()).isEqualTo(pid("worker", 2));
        assertThat(instances.get(0).get("port").asInt()).isNotEqualTo(instances.get(1).get("port").asInt());

        JsonNode health = ok("POST", "/ipc/django-service-health-check?service=worker", null);
        assertThat(health.toString()).isEqualTo("{\"success\":true,\"healthy\":true,\"instances\":"
                + "[{\"instance\":1,\"healthy\":true},{\"instance\":2,\"healthy\":true}]}");

        JsonNode lines = ok("GET", "/ipc/logs?service=worker&n=1000", null).get("lines");
        for (int i = 1; i <= 2; i++) {
            int port = group.instances("worker").get(i - 1).getStatus().port();
            int instance = i;
            assertThat(lines).anySatisfy(l -> {
                assertThat(l.get("instance").asInt()).isEqualTo(instance);
                assertThat(l.get("line").asText()).isEqualTo("miniserver listening on 127.0.0.1:" + port);
            });
        }

        JsonNode resources = ok("GET", "/ipc/django-service-resources?service=worker", null);
        assertThat(resources.get("instances")).hasSize(2);
        assertThat(resources.get("instances").get(1).get("rootPid").asLong()).isEqualTo(pid("worker", 2));
        assertThat(resources.get("resources").get("processes").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void lifecycleRoutesActOnEveryInstanceOfTheNamedServiceOnly() throws Exception {
        assertThat(group.start().join()).isTrue();
        long web = pid("web", 1);
        long firstWorker = pid("worker", 1);
        assertThat(ok("POST", "/ipc/django-service-stop?service=worker", null).toString())
                .isEqualTo("{\"success\":true}");
        assertThat(states("worker")).containsExactly(ServiceState.STOPPED, ServiceState.STOPPED);
        assertThat(states("web")).containsExactly(ServiceState.RUNNING);

        assertThat(ok("POST", "/ipc/django-service-start?service=worker", null).get("success").asBoolean()).isTrue();
        assertThat(states("worker")).containsExactly(ServiceState.RUNNING, ServiceState.RUNNING);
        long restartedFrom = pid("worker", 2);
        assertThat(ok("POST", "/ipc/django-service-restart?service=worker", null).get("success").asBoolean())
                .isTrue();
        assertThat(states("worker")).containsExactly(ServiceState.RUNNING, ServiceState.RUNNING);
        assertThat(pid("worker", 1)).isNotEqualTo(firstWorker);
        assertThat(pid("worker", 2)).isNotEqualTo(restartedFrom);
        assertThat(pid("web", 1)).isEqualTo(web);
    }

    @Test
    void theServicesRouteListsEveryInstanceByService() throws Exception {
        assertThat(group.start().join()).isTrue();
        JsonNode data = ok("GET", "/ipc/services", null).get("data");
        assertThat(data.get("default").asText()).isEqualTo("web");
        JsonNode services = data.get("services");
        assertThat(services.fieldNames()).toIterable().containsExactly("web", "worker");
        assertThat(services.get("web")).hasSize(1);
        assertThat(services.get("worker")).hasSize(2);
        assertThat(services.get("worker").get(1).get("pid").asLong()).isEqualTo(pid("worker", 2));
        for (JsonNode status : List.of(services.get("web").get(0), services.get("worker").get(1))) {
            assertThat(status.get("state").asText()).isEqualTo("RUNNING");
            assertThat(status.get("external").asBoolean()).isFalse();
            assertThat(status.get("remote").asBoolean()).isFalse();
        }
        JsonNode one = ok("GET", "/ipc/services?service=worker", null).get("data");
        assertThat(one.get("services").fieldNames()).toIterable().containsExactly("worker");
        assertThat(one.get("default").asText()).isEqualTo("web");
    }

    @Test
    void anUnknownServiceIs404NamingTheServicesAndNothingRuns() throws Exception {
        List<String[]> requests = List.of(
                new String[] {"GET", "/ipc/django-service-status?service=nope", null},
                new String[] {"POST", "/ipc/django-service-start?service=nope", null},
                new String[] {"POST", "/ipc/django-service-stop?service=nope", null},
                new String[] {"POST", "/ipc/django-service-restart?service=nope", null},
                new String[] {"POST", "/ipc/django-service-health-check?service=nope", null},
                new String[] {"GET", "/ipc/logs?service=nope", null},
                new String[] {"GET", "/ipc/django-service-resources?service=nope", null},
                new String[] {"GET", "/ipc/services?service=nope", null},
                new String[] {"GET", "/ipc/events?service=nope", null},
                new String[] {"POST", "/ipc/django-api-call?service=nope", "{\"endpoint\":\"/notes/\"}"},
                new String[] {"POST", "/ipc/django-api-call", "{\"endpoint\":\"/notes/\",\"service\":\"nope\"}"});
        for (String[] r : requests) {
            Response answer = call(r[0], r[1], r[2]);
            assertThat(answer.status()).as(r[0] + " " + r[1]).isEqualTo(404);
            JsonNode body = ServiceJson.reader().readTree(answer.body());
            assertThat(body.get("success").asBoolean()).isFalse();
            assertThat(body.get("error").asText()).isEqualTo(
                    "unknown service 'nope'; this control server has web, worker (the default is web)");
        }
        assertThat(group.status().values()).allSatisfy(list -> assertThat(list)
                .allSatisfy(s -> assertThat(s.state()).isEqualTo(ServiceState.STOPPED)));
    }

    @Test
    void anApiCallNamesItsServiceOnceAsAString() throws Exception {
        Response notText = call("POST", "/ipc/django-api-call", "{\"endpoint\":\"/notes/\",\"service\":5}");
        assertThat(notText.status()).isEqualTo(400);
        assertThat(notText.text()).contains("'service' must be a string");
        Response twice = call("POST", "/ipc/django-api-call?service=worker",
                "{\"endpoint\":\"/notes/\",\"service\":\"web\"}");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.text()).contains("the body names service 'web' but the URL names 'worker'");
    }

    @Test
    void anApiCallToAReplicatedServiceWithNoHealthyInstanceIs503NamingIt() throws Exception {
        Response r = call("POST", "/ipc/django-api-call", "{\"endpoint\":\"/whoami/\",\"service\":\"worker\"}");
        assertThat(r.status()).isEqualTo(503);
        assertThat(ServiceJson.reader().readTree(r.body()).get("error").asText())
                .startsWith("Service 'worker' is not running: none of its 2 instances is healthy");
        Response seed = call("POST", "/ipc/django-api-call", "{\"endpoint\":\"/whoami/\"}");
        assertThat(seed.status()).isEqualTo(503);
        assertThat(ServiceJson.reader().readTree(seed.body()).get("error").asText())
                .isEqualTo("Django service is not running");
    }

    @Test
    void anExternalServiceOnAnotherMachineIsFlaggedAndItsSilenceIsTheReasonItDidNotStart() throws Exception {
        server.close();
        group.close();
        group = MiniGroup.webTwoWorkersAndRemoteBilling(runtimeDir);
        server = ControlServer.start(group, 0, null);

        JsonNode before = ok("GET", "/ipc/services", null).get("data").get("services").get("billing").get(0);
        assertThat(before.get("external").asBoolean()).isTrue();
        assertThat(before.get("remote").asBoolean()).isTrue();
        assertThat(before.get("pid").isNull()).isTrue();

        JsonNode start = ok("POST", "/ipc/django-service-start?service=billing", null);
        assertThat(start.get("success").asBoolean()).isFalse();
        assertThat(start.get("error").asText())
                .startsWith("external service at " + MiniGroup.REMOTE_URL + " is not answering");
        JsonNode status = ok("GET", "/ipc/django-service-status?service=billing", null).get("status");
        assertThat(status.get("state").asText()).isEqualTo("EXTERNAL");
        assertThat(status.get("url").asText()).startsWith(MiniGroup.REMOTE_URL);
        assertThat(status.get("lastHealthCheck").get("healthy").asBoolean()).isFalse();
        assertThat(status.get("restartsTotal").asInt()).isZero();
        assertThat(states("web")).containsExactly(ServiceState.STOPPED);
    }

    @Test
    void theNewRouteAndTheServiceParameterKeepTheTokenHostAndOriginChecks() throws Exception {
        assertThat(RawHttp.request(server.port(), "GET", "/ipc/services").send().status()).isEqualTo(401);
        assertThat(RawHttp.request(server.port(), "GET", "/ipc/services").bearer(server.token())
                .header("Host", "evil.example:" + server.port()).send().status()).isEqualTo(403);
        Response crossSite = RawHttp.request(server.port(), "POST", "/ipc/django-service-start?service=worker")
                .bearer(server.token()).header("Origin", "http://evil.example").send();
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(states("worker")).containsExactly(ServiceState.STOPPED, ServiceState.STOPPED);
        assertThat(states("web")).containsExactly(ServiceState.STOPPED);
    }

    @Test
    void everyStreamedFrameCarriesItsServiceAndInstanceAndAFilteredStreamOnlyItsService() throws Exception {
        try (EventCollector all = new EventCollector(server.port(), server.token());
             EventCollector workers = new EventCollector(server.port(), server.token(), "/ipc/events?service=worker")) {
            await().until(() -> all.statuses().size() == 3 && workers.statuses().size() == 2);
            String services = "{\"default\":\"web\",\"services\":[{\"name\":\"web\",\"instances\":1},"
                    + "{\"name\":\"worker\",\"instances\":2}]}";
            assertThat(all.events().get(0)).isEqualTo(new SseStream.Event("services", services));
            assertThat(workers.events().get(0)).isEqualTo(new SseStream.Event("services", services));
            assertThat(all.events().get(1)).isEqualTo(new SseStream.Event("django-service-status",
                    "{\"status\":\"stopped\",\"service\":\"web\",\"instance\":1}"));

            assertThat(group.start().join()).isTrue();
            await().until(() -> started(all).size() == 3 && started(workers).size() == 2
                    && logsOf(all, "worker", 2) && logsOf(workers, "worker", 2) && logsOf(all, "web", 1));
            assertThat(started(all)).containsExactlyInAnyOrder("web#1", "worker#1", "worker#2");
            for (String type : List.of("django-service-status", "service-event", "log")) {
                assertThat(all.data(type)).isNotEmpty().allSatisfy(n -> {
                    assertThat(n.get("service").asText()).isIn("web", "worker");
                    assertThat(n.get("instance").asInt()).isBetween(1, 2);
                });
                assertThat(workers.data(type)).isNotEmpty()
                        .allSatisfy(n -> assertThat(n.get("service").asText()).isEqualTo("worker"));
            }
        }
    }

    @Test
    void aStreamThatAsksForResourcesGetsEachServicesFiguresAndOthersGetNone() throws Exception {
        assertThat(group.start().join()).isTrue();
        try (EventCollector plain = new EventCollector(server.port(), server.token());
             EventCollector all = new EventCollector(server.port(), server.token(), "/ipc/events?resources=1");
             EventCollector workers = new EventCollector(server.port(), server.token(),
                     "/ipc/events?service=worker&resources=true")) {
            // the first frames come at once, the next ones 2 s later
            await().atMost(Duration.ofSeconds(20)).until(() -> resourcesOf(all, "web") >= 2
                    && resourcesOf(all, "worker") >= 2 && resourcesOf(workers, "worker") >= 2);
            JsonNode worker = all.data("resources").stream().filter(n -> n.get("service").asText().equals("worker"))
                    .reduce((first, second) -> second).orElseThrow();
            assertThat(worker.get("instances")).extracting(n -> n.get("rootPid").asLong())
                    .containsExactly(pid("worker", 1), pid("worker", 2));
            assertThat(worker.get("resources").get("processes").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(worker.get("resources").get("residentBytes").asLong()).isGreaterThan(2 * 1024 * 1024);
            JsonNode web = all.data("resources").stream().filter(n -> n.get("service").asText().equals("web"))
                    .findFirst().orElseThrow();
            assertThat(web.get("resources").get("rootPid").asLong()).isEqualTo(pid("web", 1));
            assertThat(web.has("instances")).isFalse();
            assertThat(workers.data("resources")).allSatisfy(n -> assertThat(n.get("service").asText()).isEqualTo("worker"));
            assertThat(plain.data("resources")).isEmpty();
            assertThat(plain.data("django-service-status")).isNotEmpty();
        }
        Response refused = RawHttp.request(server.port(), "GET", "/ipc/events?resources=sometimes").bearer(server.token())
                .send();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("resources", "sometimes");
    }

    private static long resourcesOf(EventCollector events, String service) {
        return events.data("resources").stream().filter(n -> n.get("service").asText().equals(service)).count();
    }

    private static List<String> started(EventCollector events) {
        return events.data("service-event").stream().filter(n -> n.get("name").asText().equals("started"))
                .map(n -> n.get("service").asText() + "#" + n.get("instance").asInt()).toList();
    }

    private static boolean logsOf(EventCollector events, String service, int instance) {
        return events.data("log").stream().anyMatch(n -> n.get("service").asText().equals(service)
                && n.get("instance").asInt() == instance);
    }

    @Test
    void apiCallsToAReplicatedServiceGoRoundRobinOverItsHealthyInstances() throws Exception {
        assertThat(group.start().join()).isTrue();
        List<Long> answeredBy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JsonNode reply = ok("POST", "/ipc/django-api-call", "{\"endpoint\":\"/whoami/\",\"service\":\"worker\"}");
            assertThat(reply.get("success").asBoolean()).isTrue();
            answeredBy.add(reply.get("data").get("pid").asLong());
        }
        Set<Long> workers = Set.of(pid("worker", 1), pid("worker", 2));
        assertThat(new HashSet<>(answeredBy)).isEqualTo(workers);
        assertThat(answeredBy.get(0)).isNotEqualTo(answeredBy.get(1));
        assertThat(answeredBy.get(2)).isNotEqualTo(answeredBy.get(3));
        for (long pid : workers) {
            assertThat(Collections.frequency(answeredBy, pid)).isEqualTo(2);
        }
        JsonNode byQuery = ok("POST", "/ipc/django-api-call?service=worker", "{\"endpoint\":\"/whoami/\"}");
        assertThat(workers).contains(byQuery.get("data").get("pid").asLong());
        JsonNode byDefault = ok("POST", "/ipc/django-api-call", "{\"endpoint\":\"/whoami/\"}");
        assertThat(byDefault.get("data").get("pid").asLong()).isEqualTo(pid("web", 1));

        DjangoServiceManager second = group.instances("worker").get(1);
        assertThat(second.stop().join()).isTrue();
        for (int i = 0; i < 3; i++) {
            JsonNode reply = ok("POST", "/ipc/django-api-call", "{\"endpoint\":\"/whoami/\",\"service\":\"worker\"}");
            assertThat(reply.get("data").get("pid").asLong()).isEqualTo(pid("worker", 1));
        }
        String metrics = call("GET", "/metrics", null).text();
        assertThat(metrics).contains("sideeye_control_api_calls_total{service=\"worker\",outcome=\"success\"} 8\n",
                "sideeye_control_api_calls_total{service=\"web\",outcome=\"success\"} 1\n",
                "sideeye_service_up{service=\"worker\",instance=\"2\"} 0\n",
                "sideeye_service_up{service=\"worker\",instance=\"1\"} 1\n");
    }

    @Test
    void attachingAManagerInsteadTellsEveryStreamAndForgetsTheOtherServices() throws Exception {
        DjangoServiceManager web = group.manager("web");
        try (EventCollector events = new EventCollector(server.port(), server.token())) {
            await().until(() -> events.data("services").size() == 1);
            server.attach(web);
            await().until(() -> events.data("services").size() == 2);
            JsonNode now = events.data("services").get(1);
            assertThat(now.toString()).isEqualTo("{\"default\":\"web\",\"services\":[{\"name\":\"web\",\"instances\":1}]}");
        }
        assertThat(call("GET", "/ipc/django-service-status?service=worker", null).status()).isEqualTo(404);
        JsonNode services = ok("GET", "/ipc/services", null).get("data").get("services");
        assertThat(services.fieldNames()).toIterable().containsExactly("web");
        server.attach(group);
        assertThat(ok("GET", "/ipc/django-service-status?service=worker", null).get("instances")).hasSize(2);
    }

    @Test
    void aReplacedServiceIsSeenByTheRoutesAndStreamsWithoutAnotherGroup() throws Exception {
        assertThat(group.start().join()).isTrue();
        long web = pid("web", 1);
        try (EventCollector events = new EventCollector(server.port(), server.token())) {
            await().until(() -> events.data("services").size() == 1);
            ServiceSpec one = ServiceSpec.of("worker", MiniServer.manager(runtimeDir).config()).after("web");
            assertThat(group.replace(one).join()).isTrue();
            await().until(() -> events.data("service-event").stream().anyMatch(e -> e.get("service").asText()
                    .equals("worker") && e.get("name").asText().equals("started")));
            server.attach(group); // tells the streams the new number of instances
            await().until(() -> events.data("services").size() == 2);
            assertThat(events.data("services").get(1).toString()).isEqualTo("{\"default\":\"web\",\"services\":"
                    + "[{\"name\":\"web\",\"instances\":1},{\"name\":\"worker\",\"instances\":1}]}");
        }
        JsonNode reply = ok("GET", "/ipc/django-service-status?service=worker", null);
        assertThat(reply.has("instances")).isFalse();
        assertThat(reply.get("status").get("pid").asLong()).isEqualTo(pid("worker", 1));
        assertThat(pid("web", 1)).isEqualTo(web);
        JsonNode call = ok("POST", "/ipc/django-api-call", "{\"endpoint\":\"/whoami/\",\"service\":\"worker\"}");
        assertThat(call.get("data").get("pid").asLong()).isEqualTo(pid("worker", 1));
    }
}
