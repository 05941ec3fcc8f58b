package io.sideeye.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.cli.ExitCodes;
import io.sideeye.cli.runtime.RuntimeInfo;
import io.sideeye.service.ServiceJson;
import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.HttpFailure;
import io.sideeye.service.http.HttpReply;
import io.sideeye.service.probe.SocketExchange;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A small client of the control server of a running {@code sideeye run}: the seed's IPC routes
 * with the bearer token from the runtime file, each addressing one service with
 * {@code ?service=} ({@link #addressing}). The token is sent, never shown. A reply naming a
 * service the run does not have ends the command with exit code 2.
 */
public final class ControlClient {
    /** Read timeout of quick routes (status, logs, health check). */
    public static final Duration QUICK = Duration.ofSeconds(30);
    /** The deadline of a request that may wait indefinitely (a timeout of zero). */
    private static final Duration INDEFINITELY = Duration.ofDays(365);

    private final RuntimeInfo target;

    /** A client of the run described by {@code target}. */
    public ControlClient(RuntimeInfo target) {
        this.target = target;
    }

    /** The run this client talks to. */
    public RuntimeInfo target() {
        return target;
    }

    /**
     * A reply of the control server.
     *
     * @param status the HTTP status (400 for a request the route refuses, 503 when nothing is attached)
     * @param body   the JSON envelope
     */
    public record Reply(int status, JsonNode body) {
    }

    /** {@code GET path}: the reply's JSON (whatever its HTTP status). */
    public JsonNode get(String path) {
        return exchange("GET", path, null, QUICK).body();
    }

    /**
     * {@code POST path} with a JSON body: the reply's JSON (whatever its HTTP status).
     *
     * @param timeout how long the answer may take (lifecycle routes answer when the operation ends); zero waits indefinitely
     */
    public JsonNode post(String path, Object body, Duration timeout) {
        return exchange("POST", path, body, timeout).body();
    }

    /** {@code POST path} with a JSON body: the HTTP status and the reply's JSON. */
    public Reply call(String path, Object body, Duration timeout) {
        return exchange("POST", path, body, timeout);
    }

    /**
     * {@code route} addressing service {@code service}: {@code /ipc/logs?n=5&service=worker};
     * {@code route} itself when {@code service} is null (the run's default service).
     */
    public static String addressing(String route, String service) {
        if (service == null) {
            return route;
        }
        return route + (route.contains("?") ? "&" : "?") + "service=" + URLEncoder.encode(service, StandardCharsets.UTF_8);
    }

    /**
     * Reads the event stream of {@code service} (null: of every service; {@code GET /ipc/events})
     * and hands each event to {@code onEvent} until it returns false or the stream ends (the run stopped).
     */
    public void events(String service, Predicate<SseMessage> onEvent) {
        HttpURLConnection c = open("GET", addressing("/ipc/events", service), Duration.ZERO);
        c.setRequestProperty("Accept", "text/event-stream");
        InputStream opened;
        try {
            opened = responseStream(c);
        } catch (IOException e) {
            c.disconnect();
            throw unreachable(e);
        }
        // Once the stream is open, its end is the run's end: a run that exits may cut the connection
        // mid-chunk, which reads as an IOException rather than a clean end of stream.
        try (InputStream in = opened;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String event = null;
            StringBuilder data = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty()) {
                    if (data.length() > 0 || event != null) {
                        if (!onEvent.test(new SseMessage(event == null ? "message" : event, data.toString()))) {
                            return;
                        }
                    }
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).stripLeading());
                }
            }
        } catch (IOException e) {
            // the stream was cut: the run ended
        } finally {
            c.disconnect();
        }
    }

    private Reply exchange(String method, String path, Object body, Duration timeout) {
        // one plain HTTP/1.1 exchange on this thread (no HttpURLConnection: a control command's JVM
        // lives a fraction of a second, and loading that client is a good part of it)
        Map<String, String> headers = new HashMap<>(4);
        headers.put("Authorization", "Bearer " + target.token());
        headers.put("Accept", "application/json");
        byte[] bytes = null;
        if (body != null) {
            headers.put("Content-Type", "application/json");
            bytes = text(body).getBytes(StandardCharsets.UTF_8);
        }
        HttpReply answer;
        try {
            answer = SocketExchange.send(new HttpCall(method, URI.create(target.baseUrl() + path), headers, bytes,
                    timeout.isZero() ? INDEFINITELY : timeout, Long.MAX_VALUE));
        } catch (HttpFailure e) {
            if (e.kind() == HttpFailure.Kind.TIMEOUT) {
                throw new RemoteException("sideeye run (pid " + target.pid() + ") did not answer " + path + " within "
                        + timeout.toSeconds() + "s", ExitCodes.FAILED);
            }
            throw unreachable(e);
        }
        int status = answer.status();
        refused(status);
        try {
            JsonNode reply = LightJson.read(answer.body());
            if (status == 404 && reply.path("error").asText().startsWith("unknown service")) {
                throw new RemoteException(reply.path("error").asText() + "; name one of them, or none for the"
                        + " default service", ExitCodes.CONFIG);
            }
            return new Reply(status, reply);
        } catch (IOException e) {
            throw new RemoteException("the control server of sideeye run (pid " + target.pid() + ") answered "
                    + path + " with HTTP " + status + " and no JSON", ExitCodes.FAILED);
        }
    }

    /** A request body as JSON text: a tree or an empty map without the data-binding mapper ({@link LightJson}). */
    private static String text(Object body) {
        if (body instanceof JsonNode node) {
            return LightJson.write(node);
        }
        if (body instanceof Map<?, ?> map && map.isEmpty()) {
            return "{}";
        }
        return ServiceJson.write(body);
    }

    private HttpURLConnection open(String method, String path, Duration readTimeout) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(target.baseUrl() + path).openConnection();
            c.setRequestMethod(method);
            c.setConnectTimeout(5_000);
            c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
            c.setUseCaches(false);
            c.setRequestProperty("Authorization", "Bearer " + target.token());
            c.setRequestProperty("Accept", "application/json");
            return c;
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private InputStream responseStream(HttpURLConnection c) throws IOException {
        int status = c.getResponseCode();
        refused(status);
        return status >= 400 ? c.getErrorStream() : c.getInputStream();
    }

    /** Ends the command when the control server refused the token: it is another run's. */
    private void refused(int status) {
        if (status == 401 || status == 403) {
            throw new RemoteException("the control server on port " + target.port() + " refused this command (HTTP "
                    + status + "); it is not the run the runtime file describes (pid " + target.pid()
                    + "): restart that 'sideeye run'", ExitCodes.UNREACHABLE);
        }
    }

    private RemoteException unreachable(IOException e) {
        boolean refused = e instanceof ConnectException
                || (e instanceof HttpFailure f && f.kind() == HttpFailure.Kind.REFUSED);
        String why = refused ? "connection refused" : e.getMessage();
        return new RemoteException("cannot reach sideeye run (pid " + target.pid() + ") at " + target.baseUrl() + ": "
                + why + "; is it still running?", ExitCodes.UNREACHABLE);
    }
}
