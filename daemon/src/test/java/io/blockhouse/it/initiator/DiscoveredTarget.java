package io.blockhouse.it.initiator;

import java.util.List;

/** One entry of a SendTargets answer: a target name and its TargetAddress values ("host:port,tpgt"). */
public record DiscoveredTarget(String name, List<String> addresses) {
}
