package io.complaintflow.engine;

/** Running instances still on a model version that is not the latest. */
public record VersionBacklog(String processKey, int version, int latestVersion, long runningInstances) {
}
