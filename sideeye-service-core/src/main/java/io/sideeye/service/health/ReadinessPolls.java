package io.sideeye.service.health;

import io.sideeye.service.http.HttpReply;
import java.time.Duration;
import java.util.List;

/**
 * The readiness polls of one start after an unhealthy answer: when to poll again, or that the
 * start is to fail because the answers have said for {@link ReadinessSchedule#WRONG_ANSWER_WINDOW}
 * that the health URL itself is wrong (see {@link WrongEndpoint}). Confined to one thread.
 */
public final class ReadinessPolls {
    private Long wrongSince;
    private int unhealthyAnswers;

    /**
     * What follows an unhealthy poll: the delay before the next one, or the reason to fail.
     *
     * @param delay   when to poll again, or null when the start is to fail
     * @param failure why the health URL will not become healthy (a {@link WrongEndpoint} reason), or null
     * @param status  the HTTP status of the answer that failed it, or 0
     */
    public record Next(Duration delay, String failure, int status) {
    }

    /**
     * The next step after an unhealthy poll.
     *
     * @param reply      the answer, or null when none arrived (refused, timed out)
     * @param contract   whether answers are judged by the health contract with the instance id
     * @param expected   the configured {@code healthStatus} codes
     * @param startNanos when this poll started
     * @param sinceSpawn time since the backend was spawned
     */
    public Next afterUnhealthy(HttpReply reply, boolean contract, List<Integer> expected, long startNanos,
                               Duration sinceSpawn) {
        String wrong = reply == null ? null : WrongEndpoint.reason(reply, contract, expected);
        if (wrong == null) {
            wrongSince = null;
            unhealthyAnswers = reply == null ? 0 : unhealthyAnswers + 1;
            return new Next(ReadinessSchedule.nextDelay(sinceSpawn, unhealthyAnswers), null, 0);
        }
        if (wrongSince == null) {
            wrongSince = startNanos;
        }
        if (startNanos - wrongSince >= ReadinessSchedule.WRONG_ANSWER_WINDOW.toNanos()) {
            return new Next(null, wrong, reply.status());
        }
        return new Next(ReadinessSchedule.WRONG_ANSWER_INTERVAL, null, 0);
    }
}
