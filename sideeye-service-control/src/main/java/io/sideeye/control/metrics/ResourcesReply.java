package io.sideeye.control.metrics;

import io.sideeye.control.http.JsonText;
import java.util.List;

/**
 * The text of {@code GET /ipc/django-service-resources}'s answer, written straight from the
 * samples: {@code {"success":true,"resources":{<the sum>},"instances":[{<each>,"instance":n},...]}}
 * (the instances only for a replicated service). The same text as the JSON tree the data binding
 * writes (checked by {@code ResourcesReplyTest}), without building the tree and walking it with
 * the data binding's serializers on every request (a request every 2 s while a dashboard is
 * open; docs/BENCHMARKS.md, section {@code daemons}). The same figures make the event stream's
 * {@code resources} frames.
 */
final class ResourcesReply {
    private ResourcesReply() {
    }

    /** The answer for {@code samples}, one per instance of the service, instance 1 first. */
    static String of(List<ProcessTreeSample> samples) {
        StringBuilder b = new StringBuilder(160 + 120 * (samples.size() > 1 ? samples.size() : 0));
        b.append("{\"success\":true,");
        return figures(samples, b).append('}').toString();
    }

    /**
     * The data of a {@code resources} frame of the event stream: the same figures with the
     * service's name added last, {@code {"resources":{...},"instances":[...],"service":"web"}}.
     */
    static String frame(String service, List<ProcessTreeSample> samples) {
        StringBuilder b = new StringBuilder(160 + service.length() + 120 * (samples.size() > 1 ? samples.size() : 0));
        figures(samples, b.append('{')).append(",\"service\":");
        return JsonText.string(service, b).append('}').toString();
    }

    /** {@code "resources":{<the sum>}} and, for a replicated service, {@code ,"instances":[...]}. */
    private static StringBuilder figures(List<ProcessTreeSample> samples, StringBuilder b) {
        b.append("\"resources\":");
        fields(ProcessTreeSample.sum(samples), b).append('}');
        if (samples.size() > 1) {
            b.append(",\"instances\":[");
            for (int i = 0; i < samples.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                fields(samples.get(i), b).append(",\"instance\":").append(i + 1).append('}');
            }
            b.append(']');
        }
        return b;
    }

    /** {@code {"rootPid":...,"residentBytes":...} without the closing brace. */
    private static StringBuilder fields(ProcessTreeSample s, StringBuilder b) {
        b.append("{\"rootPid\":").append(s.rootPid()).append(",\"processes\":").append(s.processes())
                .append(",\"cpuSeconds\":");
        JsonText.number(s.cpuSeconds(), b).append(",\"cpuPercent\":");
        return JsonText.number(s.cpuPercent(), b).append(",\"residentBytes\":").append(s.residentBytes());
    }
}
