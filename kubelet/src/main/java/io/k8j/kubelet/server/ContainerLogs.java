package io.k8j.kubelet.server;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.kubelet.pod.PodSource;
import io.k8j.kubelet.runtime.ContainerRuntime;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.k8j.kubelet.runtime.LogReader;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * GET /containerLogs/{ns}/{pod}/{container}?follow&tailLines&sinceSeconds|sinceTime&limitBytes&timestamps&previous: the
 * container's CRI log as plain text, chunked; with follow it keeps sending new lines while the container
 * runs and the client stays. A pod or container the node does not know is a 404, a container without a log
 * the kubelet's 400 ({@link LogAvailability}), in plain text as the kubelet answers.
 */
final class ContainerLogs {
    private final ContainerRuntime runtime;
    private final PodSource pods;

    ContainerLogs(ContainerRuntime runtime, PodSource pods) {
        this.runtime = runtime;
        this.pods = pods;
    }

    void serve(HttpServerRequest req, String ns, String pod, String container) {
        HttpServerResponse resp = req.response();
        boolean previous = flag(req, "previous");
        Pod p = pods.get(ns + "/" + pod);
        if (p == null) {
            text(resp, 404, "pod \"" + pod + "\" does not exist");
            return;
        }
        if (!hasContainer(p, container)) {
            text(resp, 404, "container \"" + container + "\" not found in pod \"" + pod + "\"");
            return;
        }
        String uid = p.getMetadata().getUid();
        List<ContainerStatus> attempts = runtime.listContainers(null).stream()
                .filter(c -> ns.equals(c.labels().get("io.kubernetes.pod.namespace"))
                        && pod.equals(c.labels().get("io.kubernetes.pod.name")) && container.equals(c.name())
                        && (uid == null || uid.equals(c.labels().getOrDefault("io.kubernetes.pod.uid", uid))))
                .sorted(Comparator.comparing(ContainerStatus::createdAt).reversed()).toList();
        int index = previous ? 1 : 0;
        if (attempts.size() <= index) {
            LogAvailability.Answer answer = LogAvailability.of(p, container, previous);
            text(resp, answer.code(), answer.text());
            return;
        }
        ContainerStatus c = attempts.get(index);
        LogReader reader = new LogReader(c.logPath(), flag(req, "timestamps"), intParam(req, "tailLines"), since(req));
        resp.setStatusCode(200).setChunked(true).putHeader("Content-Type", "text/plain");
        boolean[] gone = {false};
        resp.closeHandler(v -> gone[0] = true);
        Integer limit = intParam(req, "limitBytes");
        long[] left = {limit == null ? Long.MAX_VALUE : limit};
        try {
            write(resp, reader.initial(), left);
            while (flag(req, "follow") && !gone[0] && !previous && left[0] > 0) {
                String more = reader.more();
                if (!more.isEmpty()) {
                    write(resp, more, left);
                } else if (runtime.containerStatus(c.id()).map(s -> !s.running()).orElse(true)) {
                    write(resp, reader.more(), left); // what it wrote before it exited
                    break;
                } else {
                    Thread.sleep(200);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the client went away or the file did; the response ends either way
        }
        if (!resp.ended() && !resp.closed()) {
            resp.end();
        }
    }

    /** The kubelet answers errors as plain text; the API server makes them a Status. */
    private static void text(HttpServerResponse resp, int code, String text) {
        resp.setStatusCode(code).putHeader("Content-Type", "text/plain; charset=utf-8").end(text);
    }

    private static boolean hasContainer(Pod pod, String name) {
        var spec = pod.getSpec();
        if (spec == null) {
            return false;
        }
        Stream<String> ephemeral = spec.getEphemeralContainers() == null ? Stream.empty()
                : spec.getEphemeralContainers().stream().map(EphemeralContainer::getName);
        return Stream.concat(Stream.of(spec.getContainers(), spec.getInitContainers()).filter(Objects::nonNull)
                .flatMap(List::stream).map(Container::getName), ephemeral).anyMatch(name::equals);
    }

    /** Writes at most {@code left[0]} bytes of the text (limitBytes) and counts them off. */
    private static void write(HttpServerResponse resp, String text, long[] left) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(bytes.length, left[0]);
        if (n > 0 && !resp.closed()) {
            left[0] -= n;
            resp.write(Buffer.buffer(bytes).slice(0, n)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** sinceSeconds ago or sinceTime (RFC 3339), whichever is given; null for the whole log. */
    private static Instant since(HttpServerRequest req) {
        Integer seconds = intParam(req, "sinceSeconds");
        String time = req.getParam("sinceTime");
        return seconds != null ? Instant.now().minusSeconds(seconds) : time != null ? OffsetDateTime.parse(time).toInstant() : null;
    }

    private static boolean flag(HttpServerRequest req, String name) {
        String v = req.getParam(name);
        return v != null && (v.equals("true") || v.equals("1") || v.equalsIgnoreCase("True"));
    }

    private static Integer intParam(HttpServerRequest req, String name) {
        String v = req.getParam(name);
        return v == null || v.isEmpty() ? null : Integer.valueOf(v);
    }
}
