package io.sideeye.control.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A stream's queue and its turns, over an exchange whose client may go away. */
class SseSubscriberTest {
    private static final byte[] FRAME = SseFrame.event("tick", "{}");

    @Test
    void aWriteThatFailsWithFramesStillQueuedLeavesAStreamThatNeedsNoMoreTurns() {
        Exchange exchange = new Exchange(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        });
        SseSubscriber s = new SseSubscriber(exchange, null, Set.of(), 16);
        for (int i = 0; i < 3; i++) {
            assertThat(s.offer(FRAME)).isTrue();
        }
        assertThatThrownBy(s::writeTurn).isInstanceOf(IOException.class);
        s.finish(); // what the writer pool does after a failed write

        assertThat(s.needsTurn()).as("a turn would find nothing to write, again and again").isFalse();
        assertThat(s.offer(FRAME)).isFalse();
        assertThat(exchange.closed).isTrue();
    }

    @Test
    void framesAreWrittenInOrderAndADroppedStreamIsFinishedByItsNextTurn() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Exchange exchange = new Exchange(out);
        SseSubscriber s = new SseSubscriber(exchange, null, Set.of(), 2);
        assertThat(s.offer(SseFrame.event("a", "1"))).isTrue();
        assertThat(s.offer(SseFrame.event("b", "2"))).isTrue();
        assertThat(s.offer(FRAME)).as("beyond the capacity").isFalse();
        s.writeTurn();
        assertThat(out.toString()).isEqualTo("event: a\ndata: 1\n\nevent: b\ndata: 2\n\n");
        assertThat(s.needsTurn()).isFalse();

        s.drop();
        assertThat(s.needsTurn()).isTrue();
        s.writeTurn();
        assertThat(exchange.closed).isTrue();
        assertThat(s.needsTurn()).isFalse();
    }

    /** An exchange whose response body is {@code body}; only what a stream uses. */
    private static final class Exchange extends HttpExchange {
        private final OutputStream body;
        boolean closed;

        Exchange(OutputStream body) {
            this.body = body;
        }

        @Override public OutputStream getResponseBody() { return body; }
        @Override public void close() { closed = true; }
        @Override public Headers getRequestHeaders() { return new Headers(); }
        @Override public Headers getResponseHeaders() { return new Headers(); }
        @Override public URI getRequestURI() { return URI.create("/events"); }
        @Override public String getRequestMethod() { return "GET"; }
        @Override public HttpContext getHttpContext() { return null; }
        @Override public InputStream getRequestBody() { return InputStream.nullInputStream(); }
        @Override public void sendResponseHeaders(int code, long length) { }
        @Override public InetSocketAddress getRemoteAddress() { return null; }
        @Override public int getResponseCode() { return 200; }
        @Override public InetSocketAddress getLocalAddress() { return null; }
        @Override public String getProtocol() { return "HTTP/1.1"; }
        @Override public Object getAttribute(String name) { return null; }
        @Override public void setAttribute(String name, Object value) { }
        @Override public void setStreams(InputStream in, OutputStream out) { }
        @Override public HttpPrincipal getPrincipal() { return null; }
    }
}
